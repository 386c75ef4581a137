import CodeModel
import Metrics
import Testing

struct DependencyGraphTests {
    func file(_ path: String, _ imports: [Import]) -> DependencyGraph.FileImports {
        DependencyGraph.FileImports(path: path, language: Language(path: path)!, imports: imports)
    }

    func imp(_ module: String, level: Int = 0, _ names: [String] = []) -> Import {
        Import(module: module, level: level, names: names.map { Import.Name(name: $0) }, location: SourceLocation(line: 1, column: 1))
    }

    @Test func pythonImportsResolveToFilesOfTheRepository() {
        let graph = DependencyGraph(files: [
            file("src/app/__init__.py", []),
            file("src/app/core.py", [imp("os"), imp("app.util")]),
            file("src/app/util.py", [imp("", level: 1, ["core"])]),
            file("src/app/sub/__init__.py", []),
            file("src/app/sub/deep.py", [imp("util", level: 2, ["x"]), imp("json")]),
            file("tools/run.py", [imp("app.core", ["main"])]),
        ])
        #expect(graph.moduleOfFile["src/app/sub/deep.py"] == "app.sub.deep")
        #expect(graph.moduleOfFile["tools/run.py"] == "run")
        #expect(graph.module(named: "app.sub.deep")?.imports == ["app.util"])
        #expect(graph.module(named: "run")?.imports == ["app.core"])
        #expect(graph.module(named: "app.core")?.importedBy == ["app.util", "run"])
        #expect(graph.module(named: "app.core")?.instability == 1.0 / 3.0)
        #expect(graph.cycles == [["app.core", "app.util"]])
    }

    @Test func swiftModulesAreTargets() {
        let graph = DependencyGraph(files: [
            file("Sources/A/a.swift", [imp("B"), imp("Foundation")]),
            file("Sources/B/b.swift", [imp("C")]),
            file("Sources/C/c.swift", [imp("A")]),
            file("Tests/ATests/t.swift", [imp("A")]),
        ])
        #expect(graph.modules.map(\.name) == ["A", "ATests", "B", "C"])
        #expect(graph.cycles == [["A", "B", "C"]])
        #expect(graph.module(named: "ATests")?.instability == 1)
        #expect(graph.module(named: "A")?.fanIn == 2)
    }
}
