import CodeModel
import Foundation

/// Expands command-line paths into the source files Prognosis reads: files are taken as given
/// (whatever their extension, so a script without `.py` can still be outlined with `--language`);
/// directories are walked for the files of `languages`, skipping hidden folders.
public enum SourceFiles {
    /// The languages a frontend reads today.
    public static let readable: Set<Language> = [.python, .swift]

    public static func expand(_ paths: [String], languages: Set<Language> = readable) throws -> [String] {
        var result: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw AnalysisError.noSuchFile(path)
            }
            if !isDirectory.boolValue {
                result.append(path)
                continue
            }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            guard let walker = manager.enumerator(atPath: base) else { throw AnalysisError.noSuchFile(path) }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name == "__pycache__" {
                    walker.skipDescendants()
                    continue
                }
                if let language = Language(path: name), languages.contains(language) { found.append(base + "/" + relative) }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }
}

public enum AnalysisError: Error, LocalizedError {
    case noSuchFile(String)
    case unsupportedLanguage(String)
    case unreadable(String)
    case unreadableBecause(String, String)
    case revision(String, String)
    case missingBlob(String, String)

    public var errorDescription: String? {
        switch self {
        case .noSuchFile(let path): return "no such file or directory: \(path)"
        case .unsupportedLanguage(let path): return "\(path): not a Python or Swift file"
        case .unreadable(let path): return "cannot read \(path)"
        case .unreadableBecause(let path, let reason): return "cannot read \(path): \(reason)"
        case .revision(let revision, let problem): return "cannot read revision '\(revision)': \(problem)"
        case .missingBlob(let path, let oid):
            return "\(path): blob \(oid.prefix(12)) is not in this clone (a partial or shallow clone); fetch it to measure this file"
        }
    }
}
