import Foundation
import TestSupport
import Testing

/// `prognosis outline` through the real binary: JSON shape, text, directories, exit codes.
@Suite struct OutlineCommandTests {
    func folder(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "prognosis-outline-" + UUID().uuidString
        for (path, content) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let root = try folder([
            "pkg/a.py": "from . import b\n\nclass A:\n    def m(self, x=1):\n        pass\n",
            "pkg/b.py": "def broken(:\n    pass\n\ndef fine():\n    return 1\n",
            "pkg/.hidden/c.py": "x = 1\n",
            "pkg/notes.txt": "not python",
            "pkg/Later.swift": "struct Later {}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try cli(["outline", "--format", "json", root + "/pkg"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { ($0["path"] as! String).replacingOccurrences(of: root + "/", with: "") } == ["pkg/Later.swift", "pkg/a.py", "pkg/b.py"])
        #expect(files.map { $0["language"] as? String } == ["swift", "python", "python"])
        #expect((files[0]["definitions"] as! [[String: Any]]).map { $0["kind"] as! String } == ["struct"])

        let a = files[1]
        #expect((a["diagnostics"] as! [Any]).isEmpty)
        let definitions = a["definitions"] as! [[String: Any]]
        #expect(definitions.map { $0["qualifiedName"] as! String } == ["A", "A.m"])
        #expect(definitions.map { $0["kind"] as! String } == ["class", "method"])
        #expect(definitions.map { $0["startLine"] as! Int } == [3, 4])
        #expect(definitions.map { $0["endLine"] as! Int } == [5, 5])
        let parameters = definitions[1]["parameters"] as! [[String: Any]]
        #expect(parameters.map { $0["name"] as! String } == ["self", "x"])
        #expect(parameters.map { $0["hasDefault"] as! Bool } == [false, true])
        let imports = a["imports"] as! [[String: Any]]
        #expect(imports.first?["level"] as? Int == 1)

        let b = files[2]
        let diagnostics = b["diagnostics"] as! [[String: Any]]
        #expect(diagnostics.first?["line"] as? Int == 1)
        #expect(diagnostics.first?["severity"] as? String == "error")
        #expect((b["definitions"] as! [[String: Any]]).map { $0["name"] as! String } == ["broken", "fine"])
    }

    @Test func textOutputAndExitCodes() throws {
        let root = try folder(["ok.py": "def f():\n    def g():\n        pass\n", "bad.py": "print 'x'\n", "script": "def h(): pass\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = try cli(["outline", root + "/ok.py"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("  function f  1-3\n    function f.<locals>.g  2-3"))

        let strict = try cli(["outline", "--strict", root + "/ok.py", root + "/bad.py"])
        #expect(strict.status == 65)
        #expect(strict.stdout.contains("bad.py:1:1: error: Missing parentheses in call to 'print'"))

        let unknownLanguage = try cli(["outline", root + "/script"])
        #expect(unknownLanguage.status == 1)
        #expect(unknownLanguage.stderr.contains("not a Python or Swift file"))
        let forced = try cli(["outline", "--language", "python", root + "/script"])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("function h"))

        let missing = try cli(["outline", root + "/nope.py"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file or directory"))
    }
}
