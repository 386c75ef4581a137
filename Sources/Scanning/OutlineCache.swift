import Analysis
import CodeModel
import Configuration
import Foundation
import GitKit
import History
import Store

/// Blob outlines shared by the mining workers: each distinct blob is parsed once ever — looked
/// up here, then in the store (earlier scans), and only then parsed. Newly parsed outlines are
/// handed to the writer with the commit that needed them first.
final class OutlineCache: @unchecked Sendable {
    private let lock = NSLock()
    private var outlines: [OID: BlobOutline] = [:]
    private let store: Store
    /// Bounds memory on huge histories; an evicted outline comes back from the store.
    private let capacity = 50_000

    /// Blobs whose outlines earlier scans stored: only these are worth a store look-up, which
    /// would otherwise queue behind the writer's transactions.
    private let stored: Set<OID>

    init(store: Store) throws {
        self.store = store
        stored = try store.outlinedBlobs()
    }

    /// The outline of a blob; `parsed` is true when this call parsed it (so it is new to the store).
    func outline(of blob: Blob, path: String, frontends: Frontends) -> (outline: BlobOutline, parsed: Bool)? {
        guard let language = Language(path: path) else { return nil }
        let oid = blob.oid
        lock.lock()
        let cached = outlines[oid]
        lock.unlock()
        if let cached { return (cached, false) }
        if stored.contains(oid), let stored = try? store.outline(of: oid) {
            remember(oid, stored)
            return (stored, false)
        }
        guard !blob.isBinary, blob.size <= CodeRule.sizeLimit else { return nil }
        let outline = blob.withUnsafeBytes { bytes in
            Self.outline(frontends.outline(Array(bytes), path: path, language: language), bytes: bytes)
        }
        remember(oid, outline)
        return (outline, true)
    }

    private func remember(_ oid: OID, _ outline: BlobOutline) {
        lock.lock()
        if outlines.count >= capacity { outlines.removeAll(keepingCapacity: true) }
        outlines[oid] = outline
        lock.unlock()
    }

    /// Functions with their spans (from the first decorator) and body hashes; lines where a
    /// comment is the first thing (and every line of a block comment that starts so).
    static func outline(_ unit: SourceUnit, bytes: UnsafeRawBufferPointer) -> BlobOutline {
        let starts = FunctionAttribution.lineStarts(bytes)
        var functions: [BlobOutline.Function] = []
        for definition in unit.definitions where definition.kind.isFunctionLike {
            let start = definition.decoratorsStart?.line ?? definition.span.start.line
            let end = definition.span.end.line
            functions.append(BlobOutline.Function(
                name: definition.qualifiedName, kind: definition.kind, startLine: Int32(start), endLine: Int32(end),
                bodyHash: FunctionAttribution.bodyHash(bytes, lineStarts: starts, from: definition.span.start.line + 1,
                                                       through: end)))
        }
        var commentLines: [Int32] = []
        for comment in unit.comments {
            let line = comment.span.start.line
            guard line >= 1 && line <= starts.count else { continue }
            var first = starts[line - 1]
            while first < bytes.count && (bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x0C) { first += 1 }
            guard first - starts[line - 1] + 1 == comment.span.start.column else { continue }
            for covered in line...max(line, comment.span.end.line) { commentLines.append(Int32(covered)) }
        }
        commentLines.sort()
        return BlobOutline(functions: functions, commentLines: commentLines)
    }
}

/// The outline mining keeps for a blob, for callers outside a scan (the pre-commit gate's
/// staged blobs): the same functions, spans and body hashes.
public enum BlobOutlines {
    public static func outline(_ unit: SourceUnit, bytes: UnsafeRawBufferPointer) -> BlobOutline {
        OutlineCache.outline(unit, bytes: bytes)
    }
}
