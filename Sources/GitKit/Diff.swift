import CGit2
import Support
import Foundation

/// What happened to one path between two trees (or a tree and the index).
public struct DiffDelta: Hashable, Sendable {
    public enum Status: Character, Sendable {
        case added = "A", deleted = "D", modified = "M", renamed = "R", copied = "C"
        case typeChanged = "T", other = "X"
    }

    public var status: Status
    public var oldPath: String
    public var newPath: String
    public var oldOID: OID
    public var newOID: OID
    public var oldMode: UInt32
    public var newMode: UInt32
    /// 0–100 for renames and copies, else 0.
    public var similarity: Int

    /// A gitlink: the tree records another repository's commit, not file content.
    public var isSubmodule: Bool { oldMode & 0o170000 == 0o160000 || newMode & 0o170000 == 0o160000 }

    init(_ raw: UnsafePointer<git_diff_delta>) {
        let d = raw.pointee
        switch d.status {
        case GIT_DELTA_ADDED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_MODIFIED: status = .modified
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_COPIED: status = .copied
        case GIT_DELTA_TYPECHANGE: status = .typeChanged
        default: status = .other
        }
        oldPath = d.old_file.path.map { PathBytes.string(cString: $0) } ?? ""
        newPath = d.new_file.path.map { PathBytes.string(cString: $0) } ?? ""
        oldOID = OID(d.old_file.id)
        newOID = OID(d.new_file.id)
        oldMode = UInt32(d.old_file.mode)
        newMode = UInt32(d.new_file.mode)
        similarity = Int(d.similarity)
    }
}

/// One changed region: line ranges on both sides (1-based starts; a count of 0 means the
/// region is empty on that side and the start is the line it follows, as in unified diffs).
public struct Hunk: Hashable, Sendable {
    public var oldStart: Int
    public var oldLines: Int
    public var newStart: Int
    public var newLines: Int

    public init(oldStart: Int, oldLines: Int, newStart: Int, newLines: Int) {
        self.oldStart = oldStart
        self.oldLines = oldLines
        self.newStart = newStart
        self.newLines = newLines
    }
}

/// Line statistics of one delta, as `git diff --numstat` counts them.
public struct PatchStats: Hashable, Sendable {
    public var added: Int
    public var deleted: Int
    /// Binary content: git prints `-` for both counts, and there are no hunks.
    public var isBinary: Bool
    /// With zero context lines these are exactly the changed regions.
    public var hunks: [Hunk]

    public init(added: Int, deleted: Int, isBinary: Bool, hunks: [Hunk]) {
        self.added = added
        self.deleted = deleted
        self.isBinary = isBinary
        self.hunks = hunks
    }
}

public struct RenameOptions: Sendable {
    /// Minimum similarity in percent, git's default 50 (`-M50%`).
    public var threshold: UInt16 = 50
    /// Largest number of candidate files considered, git's `diff.renameLimit` default.
    public var limit: Int = 1000
    public init() {}
}

/// A computed diff. Owns its `git_diff` handle.
public final class Diff {
    let pointer: OpaquePointer
    /// A diff reads blobs through its repository: keep the repository alive as long as the diff.
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }
    deinit { git_diff_free(pointer) }

    public var count: Int { git_diff_num_deltas(pointer) }

    public func delta(at index: Int) -> DiffDelta {
        DiffDelta(git_diff_get_delta(pointer, index)!)
    }

    public var deltas: [DiffDelta] { (0..<count).map(delta(at:)) }

    /// Pairs deleted and added files into renames, in place. Loads the candidate blobs, so in
    /// a partial clone this can fail with a missing object.
    public func findRenames(_ options: RenameOptions = RenameOptions()) throws {
        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        find.rename_threshold = options.threshold
        find.rename_limit = options.limit
        let code = git_diff_find_similar(pointer, &find)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.fromLastError(code: code, function: "git_diff_find_similar")
        }
        try check(code, "git_diff_find_similar")
    }

    /// Line statistics and hunks of one delta, computed with the diff's own options (pass
    /// `contextLines: 0` when creating it for exact changed regions).
    public func stats(at index: Int) throws -> PatchStats {
        var patch: OpaquePointer?
        let code = git_patch_from_diff(&patch, pointer, index)
        if code == GIT_ENOTFOUND.rawValue {
            let d = delta(at: index)
            throw GitError.missingObject(d.newOID.isZero ? d.oldOID : d.newOID)
        }
        try check(code, "git_patch_from_diff")
        guard let patch else {
            // libgit2 returns no patch for unchanged or binary-skipped deltas.
            let flags = git_diff_get_delta(pointer, index)!.pointee.flags
            return PatchStats(added: 0, deleted: 0, isBinary: flags & GIT_DIFF_FLAG_BINARY.rawValue != 0, hunks: [])
        }
        defer { git_patch_free(patch) }
        let flags = git_patch_get_delta(patch)!.pointee.flags
        if flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 {
            return PatchStats(added: 0, deleted: 0, isBinary: true, hunks: [])
        }
        var context = 0, added = 0, deleted = 0
        try check(git_patch_line_stats(&context, &added, &deleted, patch), "git_patch_line_stats")
        var hunks: [Hunk] = []
        let hunkCount = git_patch_num_hunks(patch)
        hunks.reserveCapacity(hunkCount)
        for h in 0..<hunkCount {
            var hunk: UnsafePointer<git_diff_hunk>?
            var lines = 0
            try check(git_patch_get_hunk(&hunk, &lines, patch, h), "git_patch_get_hunk")
            let raw = hunk!.pointee
            hunks.append(Hunk(oldStart: Int(raw.old_start), oldLines: Int(raw.old_lines),
                              newStart: Int(raw.new_start), newLines: Int(raw.new_lines)))
        }
        return PatchStats(added: added, deleted: deleted, isBinary: false, hunks: hunks)
    }
}

public struct DiffOptions: Sendable {
    /// Unchanged lines around each hunk; 0 gives exact changed regions and is cheapest.
    public var contextLines: UInt32 = 0
    /// Leave content unread while diffing trees: deltas come from tree entries alone and
    /// blobs are read only when their statistics are asked for.
    public var skipBinaryCheck = true
    /// Restrict to these paths (git pathspecs); empty means everything.
    public var paths: [String] = []
    public init() {}
}

extension Repository {
    /// Diff between two trees; nil for either side means the empty tree (a root commit).
    public func diff(from old: Tree?, to new: Tree?, options: DiffOptions = DiffOptions()) throws -> Diff {
        try withDiffOptions(options) { opts in
            var diff: OpaquePointer?
            try check(git_diff_tree_to_tree(&diff, pointer, old?.pointer, new?.pointer, opts),
                      "git_diff_tree_to_tree")
            return Diff(diff!, repository: self)
        }
    }

    /// The staged change: HEAD's tree (empty on an unborn branch) against the index, as
    /// `git diff --cached`.
    public func stagedDiff(options: DiffOptions = DiffOptions()) throws -> Diff {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        let headTree = try headCommit().map { try commit($0).tree() }
        return try withDiffOptions(options) { opts in
            var diff: OpaquePointer?
            try check(git_diff_tree_to_index(&diff, pointer, headTree?.pointer, index, opts),
                      "git_diff_tree_to_index")
            return Diff(diff!, repository: self)
        }
    }

    /// libgit2's hunks between two blobs (nil for an absent side), over the raw buffers with no
    /// repository attached, so libgit2 consults no attributes or drivers. Mining uses
    /// `LineDiff` (git's algorithm without libgit2's per-call SHA-1 of both buffers); this stays
    /// as the independent implementation it is checked against (`OriginBench --verify-diff`).
    ///
    /// `ignoringWhitespace` adds libgit2's IGNORE_WHITESPACE and INDENT_HEURISTIC flags.
    public func hunks(old: Blob?, new: Blob?, contextLines: UInt32 = 0, ignoringWhitespace: Bool = false) throws -> [Hunk] {
        // Both buffers are used only inside their blobs' `withUnsafeBytes`.
        func bytes<T>(_ blob: Blob?, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
            guard let blob else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            return try blob.withUnsafeBytes(body)
        }
        return try bytes(old) { oldBytes in
            try bytes(new) { newBytes in
                try Self.libgit2Hunks(old: oldBytes, new: newBytes, contextLines: contextLines,
                                      ignoringWhitespace: ignoringWhitespace)
            }
        }
    }

    /// libgit2's xdiff over two buffers: the oracle `LineDiff` is held to in the tests.
    public static func libgit2Hunks(old: UnsafeRawBufferPointer, new: UnsafeRawBufferPointer, contextLines: UInt32 = 0,
                                    ignoringWhitespace: Bool = false) throws -> [Hunk] {
        Libgit2.ensureInitialised()
        var opts = git_diff_options()
        try check(git_diff_options_init(&opts, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        opts.context_lines = contextLines
        opts.interhunk_lines = 0
        opts.flags = GIT_DIFF_FORCE_TEXT.rawValue
        if ignoringWhitespace {
            opts.flags |= GIT_DIFF_IGNORE_WHITESPACE.rawValue | GIT_DIFF_INDENT_HEURISTIC.rawValue
        }
        var hunks: [Hunk] = []
        let code = withUnsafeMutablePointer(to: &hunks) { collector in
            git_diff_buffers(old.baseAddress, old.count, nil, new.baseAddress, new.count, nil, &opts, nil, nil, { _, hunk, payload in
                let raw = hunk!.pointee
                payload!.assumingMemoryBound(to: [Hunk].self).pointee.append(
                    Hunk(oldStart: Int(raw.old_start), oldLines: Int(raw.old_lines),
                         newStart: Int(raw.new_start), newLines: Int(raw.new_lines)))
                return 0
            }, nil, collector)
        }
        try check(code, "git_diff_buffers")
        return hunks
    }

    private func withDiffOptions<T>(_ options: DiffOptions, _ body: (UnsafePointer<git_diff_options>) throws -> T) throws -> T {
        var opts = git_diff_options()
        try check(git_diff_options_init(&opts, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        opts.context_lines = options.contextLines
        opts.interhunk_lines = 0
        var flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        if options.skipBinaryCheck { flags |= GIT_DIFF_SKIP_BINARY_CHECK.rawValue }
        opts.flags = flags
        // Pathspec strings must outlive the diff call: keep the C copies until it returns.
        let cStrings = options.paths.map { path in PathBytes.withCString(path) { strdup($0) } }
        defer { cStrings.forEach { free($0) } }
        var array = cStrings
        return try array.withUnsafeMutableBufferPointer { buffer in
            opts.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&opts)
        }
    }
}
