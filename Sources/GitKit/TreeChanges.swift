import CGit2
import Foundation
import Support

/// One path that differs between two trees, as `git diff-tree -r` lists it.
public struct TreeChange: Hashable, Sendable {
    public var status: DiffDelta.Status
    public var path: String
    public var oldOID: OID
    public var newOID: OID
    public var oldMode: UInt32
    public var newMode: UInt32
}

extension Repository {
    /// The files that differ between two trees (nil: the empty tree), recursing only into
    /// subtrees whose ids differ, in git's order. Unlike a libgit2 diff this reads no config or
    /// attributes per call, which dominated the cost of walking a whole history.
    public func treeChanges(from old: Tree?, to new: Tree?) throws -> [TreeChange] {
        var changes: [TreeChange] = []
        try compare(old?.pointer, new?.pointer, prefix: [], into: &changes)
        return changes
    }

    private struct RawEntry {
        var name: UnsafePointer<CChar>
        var length: Int
        var oid: OID
        var mode: UInt32
        var isTree: Bool { mode & 0o170000 == 0o040000 }
    }

    private func entries(_ tree: OpaquePointer?) -> [RawEntry] {
        guard let tree else { return [] }
        let count = git_tree_entrycount(tree)
        var result: [RawEntry] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry) else { continue }
            result.append(RawEntry(name: name, length: strlen(name), oid: OID(git_tree_entry_id(entry)),
                                   mode: git_tree_entry_filemode(entry).rawValue))
        }
        return result
    }

    /// git's tree order: names compared bytewise, a tree's name as if followed by "/".
    private static func order(_ a: RawEntry, _ b: RawEntry) -> Int {
        let n = min(a.length, b.length)
        let c = memcmp(a.name, b.name, n)
        if c != 0 { return Int(c) }
        let ca: UInt8 = a.length > n ? UInt8(bitPattern: a.name[n]) : (a.isTree ? 0x2F : 0)
        let cb: UInt8 = b.length > n ? UInt8(bitPattern: b.name[n]) : (b.isTree ? 0x2F : 0)
        return Int(ca) - Int(cb)
    }

    private func lookupTree(_ oid: OID) throws -> OpaquePointer {
        var tree: OpaquePointer?
        let code = oid.withRaw { git_tree_lookup(&tree, pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        try check(code, "git_tree_lookup(\(oid))")
        return tree!
    }

    private func compare(_ old: OpaquePointer?, _ new: OpaquePointer?, prefix: [UInt8], into changes: inout [TreeChange]) throws {
        let a = entries(old), b = entries(new)
        var i = 0, j = 0
        func path(_ e: RawEntry) -> [UInt8] {
            prefix + UnsafeRawBufferPointer(start: e.name, count: e.length)
        }
        func emitSide(_ e: RawEntry, added: Bool) throws {
            let full = path(e)
            if e.isTree {
                let tree = try lookupTree(e.oid)
                defer { git_tree_free(tree) }
                try compare(added ? nil : tree, added ? tree : nil, prefix: full + [0x2F], into: &changes)
            } else {
                let text = PathBytes.string(full)
                changes.append(added
                    ? TreeChange(status: .added, path: text, oldOID: OID.zero, newOID: e.oid, oldMode: 0, newMode: e.mode)
                    : TreeChange(status: .deleted, path: text, oldOID: e.oid, newOID: OID.zero, oldMode: e.mode, newMode: 0))
            }
        }
        while i < a.count || j < b.count {
            let c = i >= a.count ? 1 : j >= b.count ? -1 : Self.order(a[i], b[j])
            if c < 0 {
                try emitSide(a[i], added: false)
                i += 1
            } else if c > 0 {
                try emitSide(b[j], added: true)
                j += 1
            } else {
                let x = a[i], y = b[j]
                i += 1
                j += 1
                if x.oid == y.oid && x.mode == y.mode { continue }
                if x.isTree && y.isTree {
                    let ot = try lookupTree(x.oid)
                    defer { git_tree_free(ot) }
                    let nt = try lookupTree(y.oid)
                    defer { git_tree_free(nt) }
                    try compare(ot, nt, prefix: path(x) + [0x2F], into: &changes)
                } else {
                    let typeChanged = x.mode & 0o170000 != y.mode & 0o170000
                    changes.append(TreeChange(status: typeChanged ? .typeChanged : .modified,
                                              path: PathBytes.string(path(x)),
                                              oldOID: x.oid, newOID: y.oid, oldMode: x.mode, newMode: y.mode))
                }
            }
        }
    }
}

extension OID {
    public static let zero = OID(git_oid())
}
