import CodeModel

/// What a path is, judged by its name alone: tests are kept but marked (users filter them),
/// and the commit features count file kinds.
public enum PathKind {
    public static func isTest(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        for part in parts.dropLast() where ["test", "tests", "testing", "Tests", "Test", "spec", "specs"].contains(String(part))
            || part.hasSuffix("Tests") {
            return true
        }
        guard let name = parts.last else { return false }
        return name.hasPrefix("test_") || name.hasSuffix("_test.py") || name == "conftest.py"
            || name.hasSuffix("Tests.swift") || name.hasSuffix("Test.swift")
    }

    public static func language(_ path: String) -> Language? { Language(path: path) }

    /// The folder (Kamei's "directory") and its first component (his "subsystem").
    public static func directory(_ path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash]
    }

    public static func subsystem(_ path: String) -> Substring {
        guard let slash = path.firstIndex(of: "/") else { return "" }
        return path[..<slash]
    }
}
