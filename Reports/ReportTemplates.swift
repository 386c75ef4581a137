import Foundation

/// The report's templates and assets, shipped as resources of this folder.
public enum ReportTemplates {
    public static func text(_ name: String, in folder: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: folder) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(folder)/\(name)"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
