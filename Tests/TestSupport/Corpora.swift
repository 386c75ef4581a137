import Foundation

/// Real corpora and oracles on this machine. Each returns nil with the reason when absent, so a
/// test can skip cleanly and say why.
public enum Corpora {
    /// The repository root (Tests/TestSupport/Corpora.swift is two folders below it).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The CPython used as oracle: `python3` on PATH.
    public static func python() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Every `.py` file of the oracle Python's standard library, without `site-packages`.
    public static func cpythonStandardLibrary() -> (files: [String], python: String)? {
        guard let python = python(),
              let stdlib = try? run(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
                .trimmingCharacters(in: .whitespacesAndNewlines),
              let walker = FileManager.default.enumerator(atPath: stdlib)
        else { return nil }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasPrefix("site-packages") {
                walker.skipDescendants()
                continue
            }
            if relative.hasSuffix(".py") { files.append(stdlib + "/" + relative) }
        }
        return files.count > 100 ? (files.sorted(), python) : nil
    }
}
