import CGit2

/// Writes objects straight into the object database and creates branch references.
/// It never reads or writes the work tree, the index or HEAD: a fix branch must not disturb
/// whatever the user has in progress.
public struct ObjectWriter {
    let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    public func writeBlob(_ bytes: [UInt8]) throws -> OID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check(git_blob_create_from_buffer(&oid, repository.pointer, buffer.baseAddress, buffer.count),
                      "git_blob_create_from_buffer")
        }
        return OID(oid)
    }

    /// A new tree equal to `base` (nil: empty) with files replaced, added (`bytes`) or removed
    /// (`nil`), at slash-separated paths; missing folders are created, emptied ones dropped.
    public func writeTree(base: Tree?, changes: [String: [UInt8]?]) throws -> OID {
        var grouped: [String: [String: [UInt8]?]] = [:]
        var direct: [String: [UInt8]?] = [:]
        for (path, content) in changes {
            if let slash = path.firstIndex(of: "/") {
                let head = String(path[..<slash])
                let rest = String(path[path.index(after: slash)...])
                grouped[head, default: [:]][rest] = content
            } else {
                direct[path] = content
            }
        }
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, repository.pointer, base?.pointer), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        for (name, content) in direct {
            if let content {
                let blob = try writeBlob(content)
                let mode = try base?.entry(atPath: name).map { git_filemode_t($0.mode) } ?? GIT_FILEMODE_BLOB
                try blob.withRaw { raw in
                    try check(git_treebuilder_insert(nil, builder, name, raw, mode == GIT_FILEMODE_TREE ? GIT_FILEMODE_BLOB : mode),
                              "git_treebuilder_insert(\(name))")
                }
            } else if git_treebuilder_get(builder, name) != nil {
                try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove(\(name))")
            }
        }
        for (name, subChanges) in grouped {
            let existing = try base?.entry(atPath: name).flatMap { $0.isTree ? try repository.tree($0.oid) : nil }
            let subtree = try writeTree(base: existing, changes: subChanges)
            if try repository.tree(subtree).entries.isEmpty {
                if git_treebuilder_get(builder, name) != nil {
                    try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove(\(name))")
                }
            } else {
                try subtree.withRaw { raw in
                    try check(git_treebuilder_insert(nil, builder, name, raw, GIT_FILEMODE_TREE),
                              "git_treebuilder_insert(\(name))")
                }
            }
        }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
        return OID(oid)
    }

    /// Writes a commit object without moving any reference.
    public func writeCommit(tree: OID, parents: [OID], message: String,
                            author: Signature, committer: Signature) throws -> OID {
        let treeObject = try repository.tree(tree)
        let parentCommits = try parents.map { try repository.commit($0) }
        let authorSig = try makeSignature(author)
        defer { git_signature_free(authorSig) }
        let committerSig = try makeSignature(committer)
        defer { git_signature_free(committerSig) }
        var parentPointers: [OpaquePointer?] = parentCommits.map { $0.pointer }
        var oid = git_oid()
        try parentPointers.withUnsafeMutableBufferPointer { buffer in
            try check(git_commit_create(&oid, repository.pointer, nil, authorSig, committerSig, "UTF-8",
                                        message, treeObject.pointer, buffer.count, buffer.baseAddress),
                      "git_commit_create")
        }
        return OID(oid)
    }

    /// Creates `refs/heads/<name>` at `target`. Refuses to overwrite an existing branch (the
    /// user's branches are never moved) unless `replacing`, which moves it in one step, so a
    /// failure never leaves the name without a branch.
    public func createBranch(named name: String, at target: OID, replacing: Bool = false) throws {
        let refName = "refs/heads/" + name
        var ref: OpaquePointer?
        let code = target.withRaw { raw in
            git_reference_create(&ref, repository.pointer, refName, raw, replacing ? 1 : 0, "prognosis: create branch")
        }
        if code == GIT_EEXISTS.rawValue { throw GitError.referenceExists(refName) }
        try check(code, "git_reference_create(\(refName))")
        git_reference_free(ref)
    }

    private func makeSignature(_ s: Signature) throws -> UnsafeMutablePointer<git_signature> {
        var sig: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&sig, s.name, s.email, s.time, s.offsetMinutes), "git_signature_new")
        return sig!
    }
}
