import Foundation
import Support
import Yams

/// `.prognosis.yml` at the repository root: which files Prognosis reads.
///
/// ```yaml
/// include: ["Sources/**", "src/**"]    # only these (default: everything)
/// exclude: ["Tests/Fixtures/**"]       # never these
/// vendored: ["third_party/**"]         # copied-in code: not ours to measure
/// generated: ["**/*.pb.swift"]         # written by tools: not ours to measure
/// risk:
///   warning: 0.3                        # a risk at or above this is a warning (report, SARIF)
///   error: 0.6                          # … an error
///   failAbove: 0.6                      # `check` exits 1 above this (default: error)
/// rules:                                # fix rules switched on or off (default: all on)
///   bool-comparison: off
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

    /// `fixes:` — how commits are labelled as bug fixes (SZZ's starting points).
    public var fixPatterns: [String] = []
    public var fixLabelsFile: String?
    public var bots: [String] = []
    public var excludeBots = true
    /// `risk:` — where a risk becomes a warning, an error, and where `check` blocks a commit.
    public var riskWarning = 0.3
    public var riskError = 0.6
    public var failAbove: Double?
    /// `rules:` — fix rules switched on (true) or off (false) by id or ruff code; unnamed rules are on.
    public var ruleSwitches: [String: Bool] = [:]
    /// The folder the configuration was read from, for relative `labels` paths.
    public var root: String?

    public init() {}

    /// The commit ids a tracker's export (`fixes.labels`) names as fixes: a JSON list of commit
    /// ids, or of objects with a `commit` or `sha` key; empty without one.
    public func labelledFixes() throws -> Set<String> {
        for pattern in fixPatterns where (try? NSRegularExpression(pattern: pattern)) == nil {
            throw ConfigurationError.invalid(Self.fileName, "fixes.patterns: '\(pattern)' is not a valid regular expression")
        }
        guard let file = fixLabelsFile else { return [] }
        let path = file.hasPrefix("/") ? file : (root ?? ".") + "/" + file
        guard FileKind.of(path) == .regular, let data = FileManager.default.contents(atPath: path),
              let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw ConfigurationError.invalid(Self.fileName, "fixes.labels: \(path) is not a readable JSON list")
        }
        var ids: Set<String> = []
        for item in list {
            if let id = item as? String {
                ids.insert(id.lowercased())
            } else if let object = item as? [String: Any], let id = (object["commit"] ?? object["sha"]) as? String {
                ids.insert(id.lowercased())
            } else {
                throw ConfigurationError.invalid(Self.fileName, "fixes.labels: each entry must be a commit id or an object with 'commit' or 'sha'")
            }
        }
        return ids
    }

    /// The configuration of the repository that holds `repositoryPath` (defaults when none).
    public static func load(repositoryPath: String) throws -> ProjectConfiguration {
        let root = configurationRoot(from: repositoryPath)
        var configuration = try loadConfiguration(root: root)
        configuration.root = root
        return configuration
    }

    public enum Verdict: String, Sendable {
        case included, excluded, vendored, generated
    }

    public func verdict(for path: String) -> Verdict {
        let parts = Glob.components(path)
        if !include.isEmpty && !include.contains(where: { $0.matches(components: parts) }) { return .excluded }
        if exclude.contains(where: { $0.matches(components: parts) }) { return .excluded }
        if vendored.contains(where: { $0.matches(components: parts) }) { return .vendored }
        if generated.contains(where: { $0.matches(components: parts) }) { return .generated }
        return .included
    }

    /// Parses the YAML; unknown keys and wrong shapes are errors, so a typo never silently
    /// widens a scan.
    public init(yaml text: String, source: String = fileName) throws {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw ConfigurationError.invalid(source, "not valid YAML: \(error)")
        }
        guard let loaded else { return }
        guard let map = loaded as? [String: Any] else {
            throw ConfigurationError.invalid(source, "expected a mapping of include/exclude/vendored/generated")
        }
        func globs(_ key: String) throws -> [Glob]? {
            guard let value = map[key] else { return nil }
            if let single = value as? String { return [Glob(single)] }
            guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
                throw ConfigurationError.invalid(source, "'\(key)' must be a list of path patterns")
            }
            return list.map { Glob($0 as! String) }
        }
        let known: Set<String> = ["include", "exclude", "vendored", "generated", "defaults", "fixes", "risk", "rules"]
        if let unknown = map.keys.first(where: { !known.contains($0) }) {
            throw ConfigurationError.invalid(source, "unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        var useDefaults = true
        if let value = map["defaults"] {
            guard let flag = value as? Bool else { throw ConfigurationError.invalid(source, "'defaults' must be true or false") }
            useDefaults = flag
        }
        if let value = map["fixes"] {
            guard let fixes = value as? [String: Any] else {
                throw ConfigurationError.invalid(source, "'fixes' must be a mapping of patterns/labels/bots/excludeBots")
            }
            let knownFixes: Set<String> = ["patterns", "labels", "bots", "excludeBots"]
            if let unknown = fixes.keys.first(where: { !knownFixes.contains($0) }) {
                throw ConfigurationError.invalid(source, "unknown key 'fixes.\(unknown)' (known: \(knownFixes.sorted().joined(separator: ", ")))")
            }
            func strings(_ key: String) throws -> [String] {
                guard let value = fixes[key] else { return [] }
                if let single = value as? String { return [single] }
                guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
                    throw ConfigurationError.invalid(source, "'fixes.\(key)' must be a list of strings")
                }
                return list.map { $0 as! String }
            }
            fixPatterns = try strings("patterns")
            bots = try strings("bots")
            if let labels = fixes["labels"] {
                guard let file = labels as? String else { throw ConfigurationError.invalid(source, "'fixes.labels' must be a file name") }
                fixLabelsFile = file
            }
            if let flag = fixes["excludeBots"] {
                guard let value = flag as? Bool else { throw ConfigurationError.invalid(source, "'fixes.excludeBots' must be true or false") }
                excludeBots = value
            }
        }
        if let value = map["risk"] {
            guard let risk = value as? [String: Any] else {
                throw ConfigurationError.invalid(source, "'risk' must be a mapping of warning/error/failAbove")
            }
            let knownRisk: Set<String> = ["warning", "error", "failAbove"]
            if let unknown = risk.keys.first(where: { !knownRisk.contains($0) }) {
                throw ConfigurationError.invalid(source, "unknown key 'risk.\(unknown)' (known: \(knownRisk.sorted().joined(separator: ", ")))")
            }
            func probability(_ key: String) throws -> Double? {
                guard let value = risk[key] else { return nil }
                let number = (value as? Double) ?? (value as? Int).map(Double.init)
                guard let number, (0...1).contains(number) else {
                    throw ConfigurationError.invalid(source, "'risk.\(key)' must be a number from 0 to 1")
                }
                return number
            }
            riskWarning = try probability("warning") ?? riskWarning
            riskError = try probability("error") ?? riskError
            failAbove = try probability("failAbove")
            guard riskWarning <= riskError else {
                throw ConfigurationError.invalid(source, "'risk.warning' must not be above 'risk.error'")
            }
        }
        if let value = map["rules"] {
            guard let rules = value as? [String: Any] else {
                throw ConfigurationError.invalid(source, "'rules' must map rule ids to on or off")
            }
            for (id, setting) in rules {
                switch setting {
                case let flag as Bool: ruleSwitches[id] = flag
                case let text as String where ["on", "off", "true", "false", "yes", "no"].contains(text.lowercased()):
                    ruleSwitches[id] = ["on", "true", "yes"].contains(text.lowercased())
                default:
                    throw ConfigurationError.invalid(source, "'rules.\(id)' must be on or off")
                }
            }
        }
        include = try globs("include") ?? []
        exclude = try globs("exclude") ?? []
        vendored = (useDefaults ? Self.defaultVendored.map(Glob.init) : []) + (try globs("vendored") ?? [])
        generated = (useDefaults ? Self.defaultGenerated.map(Glob.init) : []) + (try globs("generated") ?? [])
    }
}

extension ProjectConfiguration {
    /// The folder whose `.prognosis.yml` applies: the nearest one above `directory` that has the
    /// file or a `.git`; `directory` itself when there is none.
    public static func configurationRoot(from directory: String) -> String {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        while true {
            if manager.fileExists(atPath: url.appendingPathComponent(fileName).path)
                || manager.fileExists(atPath: url.appendingPathComponent(".git").path) {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return URL(fileURLWithPath: directory).standardizedFileURL.path }
            url = parent
        }
    }

    /// The configuration in `root`, defaults when it has none.
    public static func loadConfiguration(root: String) throws -> ProjectConfiguration {
        let path = root + "/" + fileName
        switch FileKind.of(path) {
        case .missing: return ProjectConfiguration()
        case .regular: break
        default: throw ConfigurationError.invalid(path, "is \(FileKind.describe(path)), not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError.invalid(path, "cannot be read")
        }
        var configuration = try ProjectConfiguration(yaml: String(decoding: data, as: UTF8.self), source: path)
        configuration.root = root
        return configuration
    }
}

/// Everything the Configuration module reports.
public enum ConfigurationError: Error, LocalizedError, Equatable {
    /// A configuration file (or tracker export) that cannot be used as written.
    case invalid(String, String)

    public var errorDescription: String? {
        switch self {
        case .invalid(let path, let problem): return "\(path): \(problem)"
        }
    }
}
