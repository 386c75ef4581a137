import CGit2

/// The repository's `.mailmap` (plus `mailmap.file`/`mailmap.blob` config), so one person who
/// committed under several names or addresses counts as one author.
public final class Mailmap {
    let pointer: OpaquePointer

    public init(repository: Repository) throws {
        var mailmap: OpaquePointer?
        try check(git_mailmap_from_repository(&mailmap, repository.pointer), "git_mailmap_from_repository")
        pointer = mailmap!
    }

    deinit { git_mailmap_free(pointer) }

    /// The canonical name and email for an identity; unchanged when no entry matches.
    public func resolve(name: String, email: String) throws -> (name: String, email: String) {
        // libgit2 may answer with the very pointers it was given, so read them while the C
        // copies of the inputs are still alive.
        try name.withCString { cName in
            try email.withCString { cEmail in
                var realName: UnsafePointer<CChar>?
                var realEmail: UnsafePointer<CChar>?
                try check(git_mailmap_resolve(&realName, &realEmail, pointer, cName, cEmail), "git_mailmap_resolve")
                let resolvedName = realName == cName ? name : realName.map { String(cString: $0) } ?? name
                let resolvedEmail = realEmail == cEmail ? email : realEmail.map { String(cString: $0) } ?? email
                return (resolvedName, resolvedEmail)
            }
        }
    }
}
