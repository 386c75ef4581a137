import CGit2
import Support

/// A tree object. Owns its `git_tree` handle.
public final class Tree {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_tree_free(pointer) }

    public var oid: OID { OID(git_tree_id(pointer)) }

    public struct Entry: Hashable, Sendable {
        public var name: String
        public var oid: OID
        public var mode: UInt32
        public var isTree: Bool { mode & 0o170000 == 0o040000 }
        public var isSubmodule: Bool { mode & 0o170000 == 0o160000 }
        public var isSymlink: Bool { mode & 0o170000 == 0o120000 }
    }

    /// The entries directly inside this tree, in git's order.
    public var entries: [Entry] {
        let count = git_tree_entrycount(pointer)
        return (0..<count).compactMap { index in
            guard let entry = git_tree_entry_byindex(pointer, index) else { return nil }
            return Entry(name: PathBytes.string(cString: git_tree_entry_name(entry)),
                         oid: OID(git_tree_entry_id(entry)),
                         mode: git_tree_entry_filemode(entry).rawValue)
        }
    }

    /// The entry at a slash-separated path below this tree, nil when there is none.
    public func entry(atPath path: String) throws -> Entry? {
        var entry: OpaquePointer?
        let code = PathBytes.withCString(path) { git_tree_entry_bypath(&entry, pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_tree_entry_bypath(\(path))")
        defer { git_tree_entry_free(entry) }
        return Entry(name: PathBytes.string(cString: git_tree_entry_name(entry)),
                     oid: OID(git_tree_entry_id(entry)),
                     mode: git_tree_entry_filemode(entry).rawValue)
    }

    /// Every file (blob, symlink or submodule) below this tree with its full path, depth first.
    public func files() throws -> [(path: String, entry: Entry)] {
        var result: [(String, Entry)] = []
        func visit(_ tree: Tree, prefix: String) throws {
            for entry in tree.entries {
                let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                if entry.isTree {
                    try visit(try repository.tree(entry.oid), prefix: path)
                } else {
                    result.append((path, entry))
                }
            }
        }
        try visit(self, prefix: "")
        return result
    }
}
