import Foundation
import Yams

/// `.prognosis.yml` at the repository root: which files Prognosis reads.
///
/// ```yaml
/// include: ["Sources/**", "src/**"]    # only these (default: everything)
/// exclude: ["Tests/Fixtures/**"]       # never these
/// vendored: ["third_party/**"]         # copied-in code: not ours to measure
/// generated: ["**/*.pb.swift"]         # written by tools: not ours to measure
/// ```
/// Vendored and generated paths add to built-in defaults (`vendor/`, `third_party/`,
/// `node_modules/`, `Pods/`, `.build/`, `*.pb.swift`, `*_pb2.py`, …) unless `defaults: false`.
public struct ProjectConfiguration: Sendable, Hashable {
    public static let fileName = ".prognosis.yml"
    public static let defaultVendored = ["vendor/", "vendored/", "third_party/", "third-party/", "node_modules/",
                                         "Pods/", "Carthage/", ".build/", "site-packages/", ".venv/", "venv/"]
    public static let defaultGenerated = ["*.pb.swift", "*.grpc.swift", "*_pb2.py", "*_pb2_grpc.py",
                                          "*.generated.swift", "*+Generated.swift"]

    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var vendored: [Glob] = Self.defaultVendored.map(Glob.init)
    public var generated: [Glob] = Self.defaultGenerated.map(Glob.init)

    public init() {}

    public enum Verdict: String, Sendable {
        case included, excluded, vendored, generated
    }

    public func verdict(for path: String) -> Verdict {
        if !include.isEmpty && !include.contains(where: { $0.matches(path) }) { return .excluded }
        if exclude.contains(where: { $0.matches(path) }) { return .excluded }
        if vendored.contains(where: { $0.matches(path) }) { return .vendored }
        if generated.contains(where: { $0.matches(path) }) { return .generated }
        return .included
    }

    /// Parses the YAML; unknown keys and wrong shapes are errors, so a typo never silently
    /// widens a scan.
    public init(yaml text: String, source: String = fileName) throws {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw AnalysisError.configuration(source, "not valid YAML: \(error)")
        }
        guard let loaded else { return }
        guard let map = loaded as? [String: Any] else {
            throw AnalysisError.configuration(source, "expected a mapping of include/exclude/vendored/generated")
        }
        func globs(_ key: String) throws -> [Glob]? {
            guard let value = map[key] else { return nil }
            if let single = value as? String { return [Glob(single)] }
            guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
                throw AnalysisError.configuration(source, "'\(key)' must be a list of path patterns")
            }
            return list.map { Glob($0 as! String) }
        }
        let known: Set<String> = ["include", "exclude", "vendored", "generated", "defaults"]
        if let unknown = map.keys.first(where: { !known.contains($0) }) {
            throw AnalysisError.configuration(source, "unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        var useDefaults = true
        if let value = map["defaults"] {
            guard let flag = value as? Bool else { throw AnalysisError.configuration(source, "'defaults' must be true or false") }
            useDefaults = flag
        }
        include = try globs("include") ?? []
        exclude = try globs("exclude") ?? []
        vendored = (useDefaults ? Self.defaultVendored.map(Glob.init) : []) + (try globs("vendored") ?? [])
        generated = (useDefaults ? Self.defaultGenerated.map(Glob.init) : []) + (try globs("generated") ?? [])
    }
}
