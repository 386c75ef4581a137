import CGit2
import Foundation

/// An open repository. Owns its `git_repository` handle; not thread-safe, so concurrent
/// workers each open their own (cheap: the object database is memory-mapped and shared by the OS).
public final class Repository {
    let pointer: OpaquePointer

    /// Opens the repository containing `path`, searching parent folders as `git` does, bare or
    /// not, linked worktrees included.
    public init(discovering path: String) throws {
        Libgit2.ensureInitialised()
        var repo: OpaquePointer?
        var code = git_repository_open_ext(&repo, path, 0, nil)
        // libgit2 1.5 refuses a repository of another user with GIT_EOWNER, or with ENOTFOUND
        // and a message about `safe.directory` when none is configured. It does not know
        // git's `safe.directory = *`, which git users set for exactly this: honoured here.
        let ownership = code == GIT_EOWNER.rawValue
            || (code == GIT_ENOTFOUND.rawValue && (git_error_last()?.pointee.message.map { String(cString: $0) } ?? "").contains("safe.directory"))
        if ownership {
            if Self.safeDirectoryAllowsAll() {
                // The setting is process-wide and `*` trusts every repository, so it stays off:
                // scan workers open their own handles concurrently and must not race a reset.
                _ = prognosis_opts_owner_validation(0)
                code = git_repository_open_ext(&repo, path, 0, nil)
            } else {
                throw GitError.dubiousOwnership(path: Self.ownershipPath(from: path))
            }
        }
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.notARepository(path: path)
        }
        try check(code, "git_repository_open_ext(\(path))")
        guard let repo else { throw GitError.notARepository(path: path) }
        // A bare repository without a `config` file has no `core.bare`, and libgit2 then takes
        // its parent folder for a work tree. git decides by the folder's name: only a `.git`
        // folder (or a linked worktree's, which has `commondir`) belongs to a work tree.
        if git_repository_is_bare(repo) == 0, let dir = git_repository_path(repo) {
            let gitDir = String(cString: dir)
            let name = gitDir.split(separator: "/").last.map(String.init) ?? ""
            let fm = FileManager.default
            if name != ".git" && !fm.fileExists(atPath: gitDir + "config") && !fm.fileExists(atPath: gitDir + "commondir") {
                var bare: OpaquePointer?
                if git_repository_open_bare(&bare, gitDir) == 0, let bare {
                    git_repository_free(repo)
                    pointer = bare
                    return
                }
            }
        }
        pointer = repo
    }

    deinit { git_repository_free(pointer) }

    /// True when the global or system git configuration has `safe.directory = *`.
    static func safeDirectoryAllowsAll() -> Bool {
        var config: OpaquePointer?
        guard git_config_open_default(&config) == 0 else { return false }
        defer { git_config_free(config) }
        var found = false
        _ = git_config_get_multivar_foreach(config, "safe.directory", nil, { entry, payload in
            if let entry, let value = entry.pointee.value, String(cString: value) == "*" {
                payload?.assumingMemoryBound(to: Bool.self).pointee = true
            }
            return 0
        }, &found)
        return found
    }

    /// The folder git names in its ownership message: the work tree, or the git folder.
    static func ownershipPath(from path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        let fm = FileManager.default
        while true {
            if fm.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            if fm.fileExists(atPath: url.appendingPathComponent("HEAD").path)
                && fm.fileExists(atPath: url.appendingPathComponent("objects").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return path }
            url = parent
        }
    }

    /// The repository's own git folder (`.git`, the bare folder, or a worktree's private folder).
    public var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The folder shared by all worktrees of this repository: where shared state belongs.
    public var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

    /// The work tree's root, nil for a bare repository.
    public var workDirectory: String? {
        guard let dir = git_repository_workdir(pointer) else { return nil }
        return String(cString: dir)
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// True when HEAD names a branch with no commits yet.
    public var isEmpty: Bool { git_repository_is_empty(pointer) == 1 }

    /// Resolves a revision expression (`HEAD`, a branch or tag, `HEAD~3`, `v1.0^{}`, an
    /// abbreviated id) to the commit it names, peeling tags.
    public func resolveCommit(_ revision: String) throws -> OID {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, revision)
        switch code {
        case GIT_ENOTFOUND.rawValue, GIT_EAMBIGUOUS.rawValue, GIT_EINVALIDSPEC.rawValue:
            throw GitError.unknownRevision(revision)
        case 0:
            break
        default:
            // revparse parses the commit it lands on; a commit only git's parser accepts is
            // still named by a reference or a full id.
            let failure = GitError.fromLastError(code: code, function: "git_revparse_single(\(revision))")
            if let oid = directTarget(revision), (try? commit(oid)) != nil { return oid }
            throw failure
        }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        let peelCode = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT)
        if peelCode == GIT_EINVALIDSPEC.rawValue || peelCode == GIT_ENOTFOUND.rawValue
            || peelCode == GIT_EPEEL.rawValue {
            throw GitError.wrongObjectType("'\(revision)' does not name a commit")
        }
        try check(peelCode, "git_object_peel(\(revision))")
        defer { git_object_free(peeled) }
        return OID(git_object_id(peeled))
    }

    /// What a reference name (`HEAD`, `main`, `v1.0`) or a full id points at, without parsing
    /// the commit. An annotated tag's id is not a commit, so the caller's check rejects it.
    private func directTarget(_ revision: String) -> OID? {
        if revision.count == 40, let oid = OID(hex: revision) { return oid }
        var raw = git_oid()
        for name in [revision, "refs/heads/" + revision, "refs/tags/" + revision, "refs/remotes/" + revision] {
            if git_reference_name_to_id(&raw, pointer, name) == 0 { return OID(raw) }
        }
        return nil
    }

    /// Looks up a commit; a commit absent from the object database is `missingObject`.
    public func commit(_ oid: OID) throws -> Commit {
        var commit: OpaquePointer?
        let code = oid.withRaw { git_commit_lookup(&commit, pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        if code < 0 {
            // libgit2 refuses some commits git reads (an author without an e-mail): parse the
            // raw object the way git does before giving up.
            let failure = GitError.fromLastError(code: code, function: "git_commit_lookup(\(oid))")
            if let raw = try? rawCommit(oid) { return Commit(raw: raw, oid: oid, repository: self) }
            throw failure
        }
        return Commit(commit!, repository: self)
    }

    public func tree(_ oid: OID) throws -> Tree {
        var tree: OpaquePointer?
        let code = oid.withRaw { git_tree_lookup(&tree, pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        try check(code, "git_tree_lookup(\(oid))")
        return Tree(tree!, repository: self)
    }

    /// Reads a blob. In a partial clone the blob may be absent: that is `missingObject`.
    public func blob(_ oid: OID) throws -> Blob {
        var blob: OpaquePointer?
        let code = oid.withRaw { git_blob_lookup(&blob, pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        try check(code, "git_blob_lookup(\(oid))")
        return Blob(blob!, repository: self)
    }

    /// True when the object database holds the object's content.
    public func contains(_ oid: OID) throws -> Bool {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        return oid.withRaw { git_odb_exists(odb, $0) } == 1
    }

    /// The commit HEAD points at, nil on an unborn branch.
    public func headCommit() throws -> OID? {
        if git_repository_head_unborn(pointer) == 1 { return nil }
        return try resolveCommit("HEAD")
    }

    /// Full ref name HEAD points at (`refs/heads/main`), nil when detached or unborn-less.
    public func headReferenceName() -> String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, "HEAD") == 0 else { return nil }
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC,
              let target = git_reference_symbolic_target(ref) else { return nil }
        return String(cString: target)
    }

    /// A configuration value as git reads it (repository, global and system files), nil when unset.
    public func configString(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) == 0 else { return nil }
        defer { git_config_free(config) }
        var value = git_buf()
        defer { git_buf_dispose(&value) }
        guard git_config_get_string_buf(&value, config, key) == 0, value.ptr != nil else { return nil }
        return String(cString: value.ptr)
    }

    /// The filter a partial clone was made with (`blob:none`, `tree:0`), nil for a full clone.
    public func partialCloneFilter() -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) == 0 else { return nil }
        defer { git_config_free(config) }
        var remote: git_buf = git_buf()
        defer { git_buf_dispose(&remote) }
        let name = git_config_get_string_buf(&remote, config, "extensions.partialclone") == 0 && remote.ptr != nil
            ? String(cString: remote.ptr) : "origin"
        var filter: git_buf = git_buf()
        defer { git_buf_dispose(&filter) }
        guard git_config_get_string_buf(&filter, config, "remote.\(name).partialclonefilter") == 0, filter.ptr != nil else { return nil }
        return String(cString: filter.ptr)
    }

    /// All branch names (`refs/heads/…`, without the prefix).
    public func branchNames() throws -> [String] {
        var iterator: OpaquePointer?
        try check(git_branch_iterator_new(&iterator, pointer, GIT_BRANCH_LOCAL), "git_branch_iterator_new")
        defer { git_branch_iterator_free(iterator) }
        var names: [String] = []
        var ref: OpaquePointer?
        var type = GIT_BRANCH_LOCAL
        while true {
            let code = git_branch_next(&ref, &type, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_branch_next")
            // Freed however this iteration ends, a failing check included.
            defer { git_reference_free(ref) }
            var name: UnsafePointer<CChar>?
            try check(git_branch_name(&name, ref), "git_branch_name")
            names.append(String(cString: name!))
        }
        return names
    }
}
