import Foundation
import GitKit
import History
import Store

/// Which files and functions present at C needed a fix within the horizon: a fix committed in
/// (C, C + horizon] that deletes or modifies lines that already existed at C (SZZ links whose
/// origin is in C's world). Functions are found through the fix's outline of the old blob.
public enum SnapshotLabels {
    public static func key(_ path: String, _ function: String) -> String { path + "\u{0}" + function }

    public static func compute(index: HistoryIndex, at commit: Int32, world: [Bool], known: [Bool], horizon: Int64,
                               outlines: [OID: BlobOutline]) -> (files: Set<String>, functions: Set<String>) {
        let timeline = index.timeline
        let start = index.commit(commit).commitTime, end = start + horizon
        var files = Set<String>(), functions = Set<String>()
        for link in timeline.links where known[Int(link.fix)] && world[Int(link.origin)] && !world[Int(link.fix)] {
            let time = index.commit(link.fix).commitTime
            guard time > start && time <= end, let path = timeline.paths[link.path] else { continue }
            files.insert(path)
            if let origin = timeline.paths[link.originPath] { files.insert(origin) }
            guard let change = timeline.changes[Int(link.fix)].first(where: { $0.path == link.path }),
                  let blob = change.oldBlob, let outline = outlines[blob],
                  let function = outline.function(at: Int(link.line)) else { continue }
            functions.insert(key(path, function.name))
        }
        return (files, functions)
    }

    /// The old blobs whose outlines `compute` needs: those of every linked fix's changes.
    public static func neededOutlines(index: HistoryIndex) -> Set<OID> {
        var result = Set<OID>()
        for link in index.timeline.links {
            if let blob = index.timeline.changes[Int(link.fix)].first(where: { $0.path == link.path })?.oldBlob { result.insert(blob) }
        }
        return result
    }
}
