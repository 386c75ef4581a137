/// Where a repository's store lives: inside its git folder (the common one, so every worktree
/// shares it), never in the work tree where it could be committed or cleaned away.
public struct StoreLocation: Sendable, Equatable {
    public let directory: String

    public init(gitCommonDirectory: String) {
        var base = gitCommonDirectory
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        directory = base + "/prognosis"
    }

    public var databasePath: String { directory + "/prognosis.sqlite" }
    public var lockPath: String { directory + "/scan.lock" }
}
