import Analysis
import CodeModel
import Foundation
import Metrics
import TestSupport
import Testing

/// lizard (cyclomatic) and complexipy (cognitive) are the independent oracles. Functions are
/// matched by name and start line (lizard) or end line (complexipy reports decorated functions
/// from their first decorator); the figure is the share of the oracle's functions on which we
/// agree. The known classes of difference are pinned in `KnownDifferenceTests`.
struct DifferentialMetricsTests {
    static let venv = Corpora.venvPython()
    static let standardLibrary = Corpora.cpythonStandardLibrary()
    static let swiftSources = Corpora.swiftPackageSources(["apple/swift-nio", "vapor/vapor"])

    struct OracleFunction {
        var name: String
        var start: Int
        var end: Int
        var value: Int
    }

    static func oracle(_ tool: String, _ files: [String], python: String) throws -> [String: [OracleFunction]] {
        let script = Corpora.packageRoot + "/Tests/Oracles/metrics_oracle.py"
        let output = try run(python, [script, tool], input: Data(files.joined(separator: "\n").utf8), timeout: 480)
        var result: [String: [OracleFunction]] = [:]
        for line in output.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let functions = record["functions"] as? [[Any]] else { continue }
            result[record["path"] as! String] = functions.map {
                OracleFunction(name: String(($0[0] as! String).split(separator: ":").last!.split(separator: ".").last!),
                               start: $0[1] as! Int, end: $0[2] as! Int, value: $0[3] as! Int)
            }
        }
        return result
    }

    static func ours(_ files: [String]) -> [String: FileMetrics] {
        let inputs = files.compactMap { path in
            Language(path: path).map { SourceInput(path: path, language: $0, origin: .file(path)) }
        }
        var result: [String: FileMetrics] = [:]
        for outcome in MetricsRunner.run(inputs) {
            if case .measured(let file) = outcome { result[file.path] = file }
        }
        return result
    }

    /// Share of the oracle's functions whose value equals ours, and the first differences.
    static func agreement(_ oracle: [String: [OracleFunction]], _ ours: [String: FileMetrics],
                          byEndLine: Bool, value: (FunctionMetrics) -> Int) -> (rate: Double, total: Int, differences: [String]) {
        var total = 0
        var equal = 0
        var differences: [String] = []
        for (path, functions) in oracle {
            guard let file = ours[path] else { continue }
            var mine: [String: FunctionMetrics] = [:]
            for function in file.functions {
                mine["\(function.name)@\(byEndLine ? function.endLine : function.startLine)"] = function
            }
            for function in functions {
                total += 1
                let found = mine["\(function.name)@\(byEndLine ? function.end : function.start)"]
                if let found, value(found) == function.value {
                    equal += 1
                } else if differences.count < 15 {
                    differences.append("\(path):\(function.start) \(function.name): oracle \(function.value), ours \(found.map(value).map(String.init) ?? "no such function")")
                }
            }
        }
        return (Double(equal) / Double(max(total, 1)), total, differences)
    }

    @Test(.enabled(if: venv != nil && standardLibrary != nil,
                   "skipped: needs the standard library and .venv with lizard and complexipy (make venv)"),
          .timeLimit(.minutes(10)))
    func standardLibraryAgreesWithLizardAndComplexipy() throws {
        let (files, _) = try #require(Self.standardLibrary)
        let python = try #require(Self.venv)
        let ours = Self.ours(files)
        let lizard = Self.agreement(try Self.oracle("lizard", files, python: python), ours, byEndLine: false) { $0.cyclomatic }
        let complexipy = Self.agreement(try Self.oracle("complexipy", files, python: python), ours, byEndLine: true) { $0.cognitive }
        print("standard library: cyclomatic equals lizard's for \(lizard.rate * 100)% of \(lizard.total) functions; cognitive equals complexipy's for \(complexipy.rate * 100)% of \(complexipy.total)")
        #expect(lizard.total > 50_000)
        #expect(complexipy.total > 40_000)
        #expect(lizard.rate >= 0.97, "\(lizard.differences)")
        #expect(complexipy.rate >= 0.97, "\(complexipy.differences)")
    }

    @Test(.enabled(if: venv != nil && swiftSources != nil,
                   "skipped: needs .venv with lizard (make venv) and swift-nio and vapor in /opt/swift-packages"),
          .timeLimit(.minutes(10)))
    func swiftNIOAndVaporAgreeWithLizard() throws {
        let files = try #require(Self.swiftSources)
        let python = try #require(Self.venv)
        let ours = Self.ours(files)
        let lizard = Self.agreement(try Self.oracle("lizard", files, python: python), ours, byEndLine: false) { $0.cyclomatic }
        print("swift-nio + vapor: cyclomatic equals lizard's for \(lizard.rate * 100)% of \(lizard.total) functions")
        #expect(lizard.total > 8_000)
        #expect(lizard.rate >= 0.97, "\(lizard.differences)")
    }
}
