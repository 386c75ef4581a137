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

extension Corpora {
    /// The virtualenv `make venv` builds, with lizard and complexipy, if it exists.
    public static func venvPython() -> String? {
        let path = packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: path),
              (try? run(path, ["-c", "import lizard, complexipy"])) != nil
        else { return nil }
        return path
    }

    /// The Swift sources of mirrored packages (`/opt/swift-packages/OWNER/NAME.git`), from each
    /// one's newest release tag, extracted once per test process into a temporary folder.
    public static func swiftPackageSources(_ repositories: [String]) -> [String]? {
        let root = ProcessInfo.processInfo.environment["PROGNOSIS_SWIFT_MIRROR"] ?? "/opt/swift-packages"
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("prognosis-swift-corpus-\(getpid())").path
        var files: [String] = []
        for repository in repositories {
            let gitDirectory = "\(root)/\(repository).git"
            guard FileManager.default.fileExists(atPath: gitDirectory),
                  let tags = try? run("/usr/bin/git", ["-C", gitDirectory, "tag", "--sort=-v:refname"]),
                  let tag = tags.split(separator: "\n").first(where: { $0.first?.isNumber ?? false })
            else { return nil }
            let folder = target + "/" + repository
            if !FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                guard (try? run("/bin/sh", ["-c", "git -C '\(gitDirectory)' archive '\(tag)' | tar -x -C '\(folder)'"])) != nil
                else { return nil }
            }
            guard let walker = FileManager.default.enumerator(atPath: folder) else { return nil }
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix(".swift") { files.append(folder + "/" + relative) }
            }
        }
        return files.isEmpty ? nil : files.sorted()
    }
}
