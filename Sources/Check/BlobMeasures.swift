import Analysis
import CodeModel
import Features
import GitKit
import Store

/// The measures of a staged change's blobs: stored ones read by key, the others (new
/// content, or old content the store lacks) measured now, as a scan would.
enum BlobMeasures {
    static func of(old: [OID], new: [(path: String, oid: OID)], names: StagedChange, store: Store,
                   repositoryPath: String) -> [OID: BlobMeasure] {
        var result: [OID: BlobMeasure] = [:]
        let stored = (try? store.blobMeasures(old + new.map(\.oid))) ?? [:]
        for (oid, data) in stored { if let measure = BlobMeasure(data) { result[oid] = measure } }
        var pathOf: [OID: String] = [:]
        for change in names.changes {
            guard let path = names.names[change.path] else { continue }
            if let blob = change.oldBlob { pathOf[blob] = pathOf[blob] ?? path }
            if let blob = change.newBlob { pathOf[blob] = path }
        }
        let inputs = pathOf.compactMap { oid, path -> SourceInput? in
            guard result[oid] == nil, stored[oid] == nil, let language = Language(path: path) else { return nil }
            return SourceInput(path: path, language: language, origin: .blob(oid))
        }
        for (input, outcome) in zip(inputs, MetricsRunner.run(inputs, repository: repositoryPath)) {
            guard case .blob(let oid) = input.origin, case .measured(let metrics) = outcome else { continue }
            result[oid] = BlobMeasure(cyclomatic: Int32(metrics.totalCyclomatic), cognitive: Int32(metrics.totalCognitive),
                                      functions: Int32(metrics.functions.count), codeLines: Int32(metrics.codeLines))
        }
        return result
    }
}
