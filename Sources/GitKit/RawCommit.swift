import CGit2
import Foundation

/// A commit read from its raw object, for the commits libgit2's parser refuses but git reads:
/// an author line without an e-mail (`author Name 1700000000 +0000`), which `git log` shows
/// with an empty e-mail. The header is parsed as git's `parse_commit_buffer` does; the raw
/// ident text is kept as the name so nothing of it is lost.
struct RawCommit {
    var tree: OID
    var parents: [OID] = []
    var author: Signature
    var committer: Signature
    var encoding: String?
    var message: String

    init?(_ bytes: UnsafeRawBufferPointer) {
        var headers: [(String, UnsafeRawBufferPointer)] = []
        var offset = 0
        var bodyStart = bytes.count
        while offset < bytes.count {
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if end == offset { bodyStart = min(bytes.count, end + 1); break }
            let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
            if let space = line.firstIndex(of: 0x20), line.first != 0x20 {
                let key = String(decoding: line[..<space], as: UTF8.self)
                headers.append((key, UnsafeRawBufferPointer(rebasing: line[(space + 1)...])))
            }
            offset = end + 1
        }
        func oid(_ value: UnsafeRawBufferPointer) -> OID? { OID(hex: String(decoding: value, as: UTF8.self)) }
        guard let treeValue = headers.first(where: { $0.0 == "tree" }), let tree = oid(treeValue.1) else { return nil }
        self.tree = tree
        parents = headers.filter { $0.0 == "parent" }.compactMap { oid($0.1) }
        encoding = headers.first(where: { $0.0 == "encoding" }).map { String(decoding: $0.1, as: UTF8.self) }
        let enc = encoding
        func ident(_ key: String) -> Signature {
            guard let value = headers.first(where: { $0.0 == key })?.1 else { return Signature(name: "", email: "", time: 0, offsetMinutes: 0) }
            return Self.parseIdent(value, encoding: enc)
        }
        author = ident("author")
        committer = ident("committer")
        var body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart...])
        while let last = body.last, last == 0x0A { body = UnsafeRawBufferPointer(rebasing: body[..<(body.count - 1)]) }
        message = TextEncoding.decode(body, encoding: encoding)
    }

    /// `Name <email> 1700000000 +0200`, or without `<email>`: the date is the last two words.
    static func parseIdent(_ value: UnsafeRawBufferPointer, encoding: String?) -> Signature {
        let words = value.split(separator: 0x20, omittingEmptySubsequences: false)
        var time: Int64 = 0, offset: Int32 = 0
        var identEnd = value.count
        if words.count >= 2, let zone = Int32(String(decoding: words[words.count - 1], as: UTF8.self)),
           let seconds = Int64(String(decoding: words[words.count - 2], as: UTF8.self)) {
            time = seconds
            offset = (zone / 100) * 60 + zone % 100
            identEnd = max(0, value.count - words[words.count - 1].count - words[words.count - 2].count - 2)
        }
        let ident = UnsafeRawBufferPointer(rebasing: value[..<identEnd])
        if let open = ident.firstIndex(of: 0x3C), let close = ident.lastIndex(of: 0x3E), open < close {
            let name = TextEncoding.decode(UnsafeRawBufferPointer(rebasing: ident[..<open]), encoding: encoding)
            let email = TextEncoding.decode(UnsafeRawBufferPointer(rebasing: ident[(open + 1)..<close]), encoding: encoding)
            return Signature(name: name.trimmingCharacters(in: .whitespaces), email: email, time: time, offsetMinutes: offset)
        }
        let name = TextEncoding.decode(ident, encoding: encoding).trimmingCharacters(in: .whitespaces)
        return Signature(name: name, email: "", time: time, offsetMinutes: offset)
    }
}

extension Repository {
    /// The commit object's raw bytes parsed by `RawCommit`, nil when it is not a readable commit.
    func rawCommit(_ oid: OID) throws -> RawCommit? {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var object: OpaquePointer?
        let code = oid.withRaw { git_odb_read(&object, odb, $0) }
        if code == GIT_ENOTFOUND.rawValue { throw GitError.missingObject(oid) }
        try check(code, "git_odb_read(\(oid))")
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else { return nil }
        return RawCommit(UnsafeRawBufferPointer(start: data, count: git_odb_object_size(object)))
    }
}
