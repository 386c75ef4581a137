import Foundation
import TestSupport
import Testing

/// `prognosis metrics` through the real binary, on a real git repository.
@Suite struct MetricsCommandTests {
    func repository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("pkg/__init__.py", "")
        try repo.write("pkg/a.py", "from . import b\n\ndef f(x):\n    if x and x > 1:\n        return 1\n    return 0\n")
        try repo.write("pkg/b.py", "from .a import f\n\ndef g(y):  # prognosis: ignore\n    for i in y:\n        pass\n\ndef h():\n    pass\n")
        try repo.write("Sources/Core/Core.swift", "func core(_ a: Bool) -> Int {\n    a ? 1 : 2\n}\n")
        try repo.write("Sources/App/main.swift", "import Core\nlet x = core(true)\n")
        try repo.write("third_party/lib.py", "def vendored():\n    pass\n")
        _ = try repo.commitAll("first")
        // The second commit adds complexity, so --rev HEAD~1 and the work tree differ.
        try repo.write("pkg/a.py", "from . import b\n\ndef f(x):\n    if x and x > 1:\n        while x:\n            x -= 1\n        return 1\n    return 0\n")
        _ = try repo.commitAll("second")
        return repo
    }

    func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonHasTheDocumentedShapeAndTheGraph() throws {
        let repo = try repository()
        let result = try cli(["metrics", "--format", "json"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result)
        #expect(document["version"] as? Int == 1)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as! String } == ["Sources/App/main.swift", "Sources/Core/Core.swift",
                                                        "pkg/__init__.py", "pkg/a.py", "pkg/b.py"])
        let a = files[3]
        let f = try #require((a["functions"] as? [[String: Any]])?.first)
        #expect(f["qualifiedName"] as? String == "f")
        #expect(f["cyclomatic"] as? Int == 4)
        #expect(f["cognitive"] as? Int == 4)
        #expect(f["maxNesting"] as? Int == 2)
        #expect(f["startLine"] as? Int == 3)
        #expect(f["endLine"] as? Int == 8)
        #expect(f["parameters"] as? Int == 1)
        // g is suppressed by its comment; h stays.
        let b = files[4]
        #expect((b["functions"] as? [[String: Any]])?.map { $0["name"] as! String } == ["h"])
        #expect(b["suppressed"] as? Int == 1)
        // pkg.a and pkg.b import each other: one cycle. App imports Core.
        #expect(document["cycles"] as? [[String]] == [["pkg.a", "pkg.b"]])
        let modules = try #require(document["modules"] as? [[String: Any]])
        let app = try #require(modules.first { $0["name"] as? String == "App" })
        #expect(app["imports"] as? [String] == ["Core"])
        #expect(app["fanOut"] as? Int == 1)
        let core = try #require(modules.first { $0["name"] as? String == "Core" })
        #expect(core["fanIn"] as? Int == 1)
        #expect(files[1]["instability"] as? Double == 0)
        #expect(files[0]["instability"] as? Double == 1)
    }

    @Test func revisionIsReadWithoutCheckout() throws {
        let repo = try repository()
        try repo.write("pkg/a.py", "this is not committed (\n")
        let result = try cli(["metrics", "--rev", "HEAD~1", "--format", "csv", "pkg"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.first == "path,language,qualified_name,name,kind,start_line,end_line,cyclomatic,cognitive,max_nesting,lines,parameters,returns")
        #expect(rows.contains("pkg/a.py,python,f,f,function,3,6,3,2,1,4,1,2"))
        // The work tree was not touched.
        #expect(try String(contentsOfFile: repo.path + "/pkg/a.py", encoding: .utf8) == "this is not committed (\n")
        let unknown = try cli(["metrics", "--rev", "no-such-branch"], in: repo.path)
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("no-such-branch"))
    }

    @Test func configurationTableAndStrict() throws {
        let repo = try repository()
        try repo.write(".prognosis.yml", "exclude: [\"Sources/App/**\"]\ngenerated: [\"pkg/b.py\"]\n")
        try repo.write("pkg/broken.py", "def broken(:\n    pass\n")
        let table = try cli(["metrics", "--top", "2"], in: repo.path)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("COG  CC"))
        #expect(lines[1].contains("f  pkg/a.py:3-8"))
        #expect(table.stdout.contains("skipped 1 excluded, 1 vendored, 1 generated"))
        #expect(!table.stdout.contains("main.swift"))
        #expect(table.stderr.contains("pkg/broken.py:1:"))
        let strict = try cli(["metrics", "--strict", "pkg"], in: repo.path)
        #expect(strict.status == 65)

        try repo.write(".prognosis.yml", "exclude: 3\n")
        let bad = try cli(["metrics"], in: repo.path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("'exclude' must be a list of path patterns"))
    }

    /// `--files-from` reads the same files as arguments would (and `-` is standard input);
    /// an unreadable list is a clear error.
    @Test func filesFromListsTheSameFilesAsArguments() throws {
        let repo = try repository()
        try repo.write("list.txt", "pkg/a.py\n\nSources/App/main.swift\n")
        let listed = try cli(["metrics", "--format", "csv", "--files-from", "list.txt"], in: repo.path)
        #expect(listed.status == 0, "\(listed.stderr)")
        let named = try cli(["metrics", "--format", "csv", "pkg/a.py", "Sources/App/main.swift"], in: repo.path)
        #expect(listed.stdout == named.stdout)
        #expect(listed.stdout.contains("pkg/a.py,python,f,"))
        let outline = try cli(["outline", "--files-from", "list.txt"], in: repo.path)
        #expect(outline.status == 0)
        #expect(outline.stdout.contains("pkg/a.py"))
        let missing = try cli(["metrics", "--files-from", "nowhere.txt"], in: repo.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the path list nowhere.txt"))
        #expect(try cli(["outline"], in: repo.path).status == 64)
    }
}
