import CodeModel
import Configuration
import Foundation
import GitKit
import Support

/// One file to read: from the work tree, or a blob of some revision (read through libgit2,
/// never checked out).
public struct SourceInput: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        case file(String)
        case blob(OID)
    }

    /// Shown to the user: relative to the repository root for revisions, as given otherwise.
    public var path: String
    public var language: Language
    public var origin: Origin
    /// Found by walking a folder or a tree (not named by the user): a header that says the file
    /// was generated leaves it out, as `CodeRule` decides.
    public var filtered: Bool

    public init(path: String, language: Language, origin: Origin, filtered: Bool = false) {
        self.path = path
        self.language = language
        self.origin = origin
        self.filtered = filtered
    }
}

/// What a listing left out, so the user can see nothing was dropped silently.
public struct SkippedFiles: Sendable, Hashable {
    public var excluded = 0
    public var vendored = 0
    public var generated = 0

    public init() {}

    public mutating func count(_ verdict: ProjectConfiguration.Verdict) {
        switch verdict {
        case .excluded: excluded += 1
        case .vendored: vendored += 1
        case .generated: generated += 1
        case .included: break
        }
    }
}

public enum SourceListing {
    /// Work-tree paths: a file named explicitly is always read; directories are walked for
    /// Python and Swift files and filtered by the configuration, whose patterns are relative to
    /// `root`.
    public static func workTree(_ paths: [String], root: String, configuration: ProjectConfiguration,
                                language: Language? = nil) throws -> (inputs: [SourceInput], skipped: SkippedFiles) {
        var inputs: [SourceInput] = []
        var skipped = SkippedFiles()
        let filter = CodeFilter(configuration: configuration, workTreeRoot: root)
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        for path in paths {
            let kind = FileKind.of(path)
            guard kind != .missing else { throw AnalysisError.noSuchFile(path) }
            if kind != .directory {
                guard let fileLanguage = language ?? Language(path: path) else {
                    throw AnalysisError.unsupportedLanguage(path)
                }
                inputs.append(SourceInput(path: path, language: fileLanguage, origin: .file(path)))
                continue
            }
            let base = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            let absoluteBase = URL(fileURLWithPath: base).standardizedFileURL.path
            let prefix = absoluteBase.hasPrefix(rootPath) ? String(absoluteBase.dropFirst(rootPath.count)) : ""
            let files: [String]
            do {
                files = try DirectoryWalk.files(under: base) { name, _ in name.hasPrefix(".") || name == "__pycache__" }
            } catch {
                throw AnalysisError.noSuchFile(path)
            }
            var found: [SourceInput] = []
            for relative in files {
                let name = relative.split(separator: "/").last.map(String.init) ?? relative
                if name.hasPrefix(".") { continue }
                guard let fileLanguage = Language(path: name) else { continue }
                var rootRelative = prefix + "/" + relative
                while rootRelative.hasPrefix("/") { rootRelative.removeFirst() }
                let verdict = filter.verdict(rootRelative)
                guard verdict == .included else {
                    skipped.count(verdict)
                    continue
                }
                let display = base == "." ? relative : base + "/" + relative
                found.append(SourceInput(path: display, language: fileLanguage, origin: .file(base + "/" + relative),
                                         filtered: true))
            }
            inputs += found.sorted { $0.path < $1.path }
        }
        return (inputs, skipped)
    }

    /// Every Python and Swift file of a revision's tree under one of `prefixes` (all when
    /// empty), filtered by the revision's own `.prognosis.yml` when it has one, else by
    /// `fallback`.
    public static func revision(_ revision: String, repository: Repository, prefixes: [String],
                                fallback: ProjectConfiguration) throws
        -> (inputs: [SourceInput], skipped: SkippedFiles, commit: OID) {
        // GitError passes through: the CLI maps an unknown revision to its own exit code.
        let commit = try repository.resolveCommit(revision)
        let files = try repository.commit(commit).tree().files()
        var configuration = fallback
        if let entry = files.first(where: { $0.path == ProjectConfiguration.fileName }) {
            let text = try String(decoding: repository.blob(entry.entry.oid).bytes, as: UTF8.self)
            configuration = try ProjectConfiguration(yaml: text, source: "\(revision):\(ProjectConfiguration.fileName)")
        }
        let cleaned = prefixes.map { prefix -> String in
            var result = prefix
            while result.hasPrefix("./") { result.removeFirst(2) }
            while result.hasSuffix("/") { result.removeLast() }
            return result == "." ? "" : result
        }
        let filter = try CodeFilter(configuration: configuration, repository: repository, commit: commit)
        // A path that names nothing in the revision is an error, as it is for the work tree.
        for prefix in cleaned where !prefix.isEmpty
            && !files.contains(where: { $0.path == prefix || $0.path.hasPrefix(prefix + "/") }) {
            throw AnalysisError.noSuchFile("\(revision):\(prefix)")
        }
        var inputs: [SourceInput] = []
        var skipped = SkippedFiles()
        for (path, entry) in files where !entry.isSubmodule && !entry.isSymlink {
            guard let language = Language(path: path) else { continue }
            if !cleaned.isEmpty && !cleaned.contains(where: { $0.isEmpty || path == $0 || path.hasPrefix($0 + "/") }) {
                continue
            }
            let verdict = filter.verdict(path)
            guard verdict == .included else {
                skipped.count(verdict)
                continue
            }
            inputs.append(SourceInput(path: path, language: language, origin: .blob(entry.oid), filtered: true))
        }
        return (inputs.sorted { $0.path < $1.path }, skipped, commit)
    }
}
