import CGit2
import Foundation
import Support

/// A path's `.gitattributes` verdicts that Prognosis acts on.
public struct PathAttributes: Hashable, Sendable {
    /// `binary` or `-diff`: git's numstat gives no line counts (`-	-`).
    public var noDiff = false
    /// `linguist-generated`: written by a tool, not ours to measure or predict.
    public var generated = false
    /// `linguist-vendored`: copied-in code.
    public var vendored = false

    public init(noDiff: Bool = false, generated: Bool = false, vendored: Bool = false) {
        self.noDiff = noDiff
        self.generated = generated
        self.vendored = vendored
    }
}

extension Repository {
    /// Where attributes are read from.
    public enum AttributeSource: Sendable {
        /// The work tree's `.gitattributes` files, then the index's: what `git diff` and
        /// `git log --numstat` read (a bare repository has neither: no attributes, as git 2.39).
        case workTree
        /// The `.gitattributes` files of a commit's tree: what was declared at that moment.
        case commit(OID)
    }

    /// The attributes of `path` (plus `$GIT_DIR/info/attributes` and the global and system
    /// files, as git reads them).
    public func attributes(of path: String, from source: AttributeSource) throws -> PathAttributes {
        var options = git_attr_options()
        options.version = UInt32(GIT_ATTR_OPTIONS_VERSION)
        switch source {
        case .workTree:
            options.flags = UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX)
        case .commit(let oid):
            options.flags = UInt32(GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_INCLUDE_COMMIT)
            oid.withRaw { options.attr_commit_id = $0.pointee }
        }
        let names = ["diff", "linguist-generated", "linguist-vendored"]
        var values = [UnsafePointer<CChar>?](repeating: nil, count: names.count)
        var cNames: [UnsafePointer<CChar>?] = names.map { UnsafePointer(strdup($0)) }
        defer { cNames.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        let code = PathBytes.withCString(path) { cPath in
            git_attr_get_many_ext(&values, pointer, &options, cPath, names.count, &cNames)
        }
        try check(code, "git_attr_get_many_ext(\(path))")
        func isTrue(_ value: UnsafePointer<CChar>?) -> Bool {
            switch git_attr_value(value) {
            case GIT_ATTR_VALUE_TRUE: return true
            case GIT_ATTR_VALUE_STRING:
                let text = value.map { String(cString: $0).lowercased() } ?? ""
                return text != "false" && text != "0"
            default: return false
            }
        }
        return PathAttributes(noDiff: git_attr_value(values[0]) == GIT_ATTR_VALUE_FALSE,
                              generated: isTrue(values[1]), vendored: isTrue(values[2]))
    }
}
