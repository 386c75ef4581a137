import GitKit

/// git's own rename detection (`-M`, default 50%), so that renames agree with `git log`
/// rather than with libgit2's different similarity metric. In git's order of passes:
/// 1. exact renames (same blob id), preferring an unused source with the same file name;
/// 2. files whose name is unique among the remaining sources and among the remaining
///    destinations, paired when at least 75% similar;
/// 3. every remaining destination against every remaining source, the best four candidates
///    per destination kept, all candidates taken best-first (ties: same file name first).
/// Similarity is git's: content cut into chunks ending at a newline or after 64 bytes, each
/// chunk hashed; the score is the bytes both sides share, over the larger size.
struct RenameDetector {
    static let maxScore = 60000.0
    var minimumScore = 30000.0
    /// `diff.renameLimit`: above limit² source×destination pairs only exact renames are found.
    var limit = 1000

    struct Side {
        var path: String
        var oid: OID
        var mode: UInt32
        var basename: Substring {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
            return path[path.utf8.index(after: slash)...]
        }
        var isRegular: Bool { mode & 0o170000 == 0o100000 }
    }

    struct Pair {
        var source: Int
        var destination: Int
        var score: Double
    }

    /// Content access: the blob, nil when absent from the clone. Its bytes are read only inside
    /// `Blob.withUnsafeBytes`, which is as long as libgit2 promises them.
    typealias Loader = (OID) -> Blob?

    func detect(sources: [Side], destinations: [Side], load: Loader,
                spanCache: inout [OID: [(UInt32, Int)]]) -> [Pair] {
        var sourceUsed = [Bool](repeating: false, count: sources.count)
        var destinationDone = [Bool](repeating: false, count: destinations.count)
        var pairs: [Pair] = []

        // 1. Exact renames: among equally good sources the first in path order wins (checked
        // against git on scrapy's whole history, where many files share one empty blob).
        var byOID: [OID: [Int]] = [:]
        for (i, s) in sources.enumerated() { byOID[s.oid, default: []].append(i) }
        for (d, dst) in destinations.enumerated() {
            guard let candidates = byOID[dst.oid] else { continue }
            var best = -1, bestScore = -1
            for s in candidates {
                let src = sources[s]
                if (!src.isRegular || !dst.isRegular) && src.mode != dst.mode { continue }
                if sourceUsed[s] { continue }
                let score = 1 + (src.basename == dst.basename ? 1 : 0)
                if score > bestScore {
                    best = s
                    bestScore = score
                    if score == 2 { break }
                }
            }
            if best >= 0 {
                sourceUsed[best] = true
                destinationDone[d] = true
                pairs.append(Pair(source: best, destination: d, score: Self.maxScore))
            }
        }
        if minimumScore >= Self.maxScore { return pairs }

        func similarity(_ s: Int, _ d: Int, minimum: Double) -> Double {
            estimate(sources[s], destinations[d], minimum: minimum, load: load, cache: &spanCache)
        }

        // 2. Unique file names on both sides, at the stricter halfway threshold.
        let basenameMinimum = minimumScore + (0.5 * (Self.maxScore - minimumScore)).rounded(.towardZero)
        var sourceByName: [Substring: Int] = [:]
        for (i, s) in sources.enumerated() where !sourceUsed[i] {
            sourceByName[s.basename] = sourceByName[s.basename] == nil ? i : -1
        }
        var destinationByName: [Substring: Int] = [:]
        for (i, d) in destinations.enumerated() where !destinationDone[i] {
            destinationByName[d.basename] = destinationByName[d.basename] == nil ? i : -1
        }
        for (s, src) in sources.enumerated() where !sourceUsed[s] {
            guard let si = sourceByName[src.basename], si == s,
                  let d = destinationByName[src.basename], d >= 0, !destinationDone[d] else { continue }
            let score = similarity(s, d, minimum: basenameMinimum)
            if score < basenameMinimum { continue }
            sourceUsed[s] = true
            destinationDone[d] = true
            pairs.append(Pair(source: s, destination: d, score: score))
        }

        // 3. The full matrix over what remains.
        let remainingSources = sources.indices.filter { !sourceUsed[$0] }
        let remainingDestinations = destinations.indices.filter { !destinationDone[$0] }
        let ns = remainingSources.count, nd = remainingDestinations.count
        guard ns > 0, nd > 0 else { return pairs }
        if !((nd <= limit || ns <= limit) && nd * ns <= limit * limit) { return pairs }

        struct Candidate { var source: Int; var destination: Int; var score: Double; var nameScore: Int }
        // git's score_compare: empty slots last, higher score first, then same name first.
        func before(_ a: Candidate?, _ b: Candidate?) -> Bool {
            guard let a else { return false }
            guard let b else { return true }
            return a.score != b.score ? a.score > b.score : a.nameScore > b.nameScore
        }
        var matrix: [Candidate?] = []
        matrix.reserveCapacity(nd * 4)
        for d in remainingDestinations {
            var slots: [Candidate?] = [nil, nil, nil, nil]
            for s in remainingSources {
                let candidate = Candidate(source: s, destination: d, score: similarity(s, d, minimum: minimumScore),
                                          nameScore: sources[s].basename == destinations[d].basename ? 1 : 0)
                // Replace the worst slot if the candidate is strictly better (record_if_better).
                var worst = 0
                for i in 1..<4 where before(slots[worst], slots[i]) { worst = i }
                if before(candidate, slots[worst]) { slots[worst] = candidate }
            }
            matrix.append(contentsOf: slots)
        }
        // A stable sort, as git's STABLE_QSORT.
        let sorted = matrix.enumerated().sorted { x, y in
            if before(x.element, y.element) { return true }
            if before(y.element, x.element) { return false }
            return x.offset < y.offset
        }.map(\.element)
        for entry in sorted {
            guard let c = entry, c.score >= minimumScore else { break }
            if destinationDone[c.destination] || sourceUsed[c.source] { continue }
            destinationDone[c.destination] = true
            sourceUsed[c.source] = true
            pairs.append(Pair(source: c.source, destination: c.destination, score: c.score))
        }
        return pairs
    }

    private func estimate(_ src: Side, _ dst: Side, minimum: Double, load: Loader,
                          cache: inout [OID: [(UInt32, Int)]]) -> Double {
        guard src.isRegular, dst.isRegular, let a = load(src.oid), let b = load(dst.oid) else { return 0 }
        let maxSize = Double(max(a.size, b.size)), baseSize = Double(min(a.size, b.size))
        let deltaSize = maxSize - baseSize
        // Files whose sizes differ this much cannot reach the threshold: git skips them unread.
        if maxSize * (Self.maxScore - minimum) < deltaSize * Self.maxScore { return 0 }
        let sa = spans(src.oid, a, cache: &cache), sb = spans(dst.oid, b, cache: &cache)
        var copied = 0
        var i = 0, j = 0
        while i < sa.count && j < sb.count {
            if sa[i].0 == sb[j].0 {
                copied += min(sa[i].1, sb[j].1)
                i += 1
                j += 1
            } else if sa[i].0 < sb[j].0 {
                i += 1
            } else {
                j += 1
            }
        }
        guard b.size > 0 else { return 0 }
        return (Double(copied) * Self.maxScore / maxSize).rounded(.towardZero)
    }

    /// Bytes per chunk hash, sorted by hash. Matches git 2.39, which (unlike git ≥ 2.43)
    /// ignores a final line without a newline.
    private func spans(_ oid: OID, _ blob: Blob, cache: inout [OID: [(UInt32, Int)]]) -> [(UInt32, Int)] {
        if let cached = cache[oid] { return cached }
        let merged = blob.withUnsafeBytes { Self.spans(of: $0, isText: !blob.isBinary) }
        cache[oid] = merged
        return merged
    }

    private static func spans(of bytes: UnsafeRawBufferPointer, isText: Bool) -> [(UInt32, Int)] {
        var raw: [(UInt32, Int)] = []
        var accum1: UInt32 = 0, accum2: UInt32 = 0
        var n = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let c = UInt32(bytes[index])
            index += 1
            let old1 = accum1
            if isText && c == 0x0D && index < count && bytes[index] == 0x0A { continue }
            accum1 = (accum1 << 7) ^ (accum2 >> 25)
            accum2 = (accum2 << 7) ^ (old1 >> 25)
            accum1 = accum1 &+ c
            n += 1
            if n < 64 && c != 0x0A { continue }
            raw.append(((accum1 &+ accum2 &* 0x61) % 107927, n))
            n = 0
            accum1 = 0
            accum2 = 0
        }
        raw.sort { $0.0 < $1.0 }
        var merged: [(UInt32, Int)] = []
        merged.reserveCapacity(raw.count)
        for (hash, bytes) in raw {
            if let last = merged.last, last.0 == hash {
                merged[merged.count - 1].1 += bytes
            } else {
                merged.append((hash, bytes))
            }
        }
        return merged
    }
}
