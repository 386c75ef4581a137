import CodeModel
import Features
import Metrics
import ReportModel

/// Files that change together without importing each other: hidden dependencies. A pair is
/// kept when it shared at least `minimumTogether` commits and at least `minimumDegree` of the
/// commits of its less-changed file. Commits touching more than `largestCommit` code files
/// (mass renames, reformatting) say nothing about coupling and are skipped. Swift files of one
/// module see each other without an import, so such pairs count as dependent.
enum ChangeCoupling {
    static let minimumTogether = 4
    static let minimumDegree = 0.3
    static let largestCommit = 30

    static func pairs(index: HistoryIndex, world: [Bool], files: [FileMetrics], limit: Int = 40) -> [Coupling] {
        let present = Set(files.map(\.path))
        var changes: [String: Int] = [:]
        var together: [String: [String: Int]] = [:]
        for commit in index.replayOrder(world) where index.commit(commit).parents.count <= 1 {
            let paths = Set(index.timeline.changes[Int(commit)].compactMap { index.timeline.paths[$0.path] }.filter(present.contains))
                .sorted()
            guard !paths.isEmpty, paths.count <= largestCommit else { continue }
            for path in paths { changes[path, default: 0] += 1 }
            guard paths.count > 1 else { continue }
            for (offset, first) in paths.enumerated() {
                for second in paths[(offset + 1)...] { together[first, default: [:]][second, default: 0] += 1 }
            }
        }
        let graph = DependencyGraph(files: files.map { .init(path: $0.path, language: $0.language, imports: $0.imports) })
        var importsOf: [String: Set<String>] = [:]
        for module in graph.modules { importsOf[module.name] = Set(module.imports) }
        func dependent(_ a: String, _ b: String) -> Bool {
            guard let moduleA = graph.moduleOfFile[a], let moduleB = graph.moduleOfFile[b] else { return false }
            return moduleA == moduleB || importsOf[moduleA]?.contains(moduleB) == true || importsOf[moduleB]?.contains(moduleA) == true
        }
        var result: [Coupling] = []
        for (first, partners) in together {
            for (second, count) in partners where count >= minimumTogether {
                let degree = Double(count) / Double(max(1, min(changes[first] ?? 0, changes[second] ?? 0)))
                guard degree >= minimumDegree, !dependent(first, second) else { continue }
                result.append(Coupling(first: first, second: second, together: count, degree: degree))
            }
        }
        result.sort { ($0.together, $0.degree, $1.first, $1.second) > ($1.together, $1.degree, $0.first, $0.second) }
        return Array(result.prefix(limit))
    }
}
