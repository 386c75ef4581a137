/// xdiff's divide-and-conquer Myers search (`xdl_recs_cmp` and `xdl_split`) over the lines
/// the cleanup kept, with its two cost heuristics — a long-enough snake far enough along ends
/// the search for a split early, and past a cost of about √N the furthest-reaching diagonal is
/// taken — because they decide where changes land on large edits, and `git blame` sees theirs.
struct MyersSplitter {
    private let ha1: UnsafeBufferPointer<Int>
    private let ha2: UnsafeBufferPointer<Int>
    private let index1: UnsafeBufferPointer<Int>
    private let index2: UnsafeBufferPointer<Int>
    private let changed1: UnsafeMutableBufferPointer<UInt8>
    private let changed2: UnsafeMutableBufferPointer<UInt8>
    /// Forward and backward furthest-reaching positions per diagonal; diagonals run negative,
    /// so each is addressed through an offset.
    private let kvdf: UnsafeMutablePointer<Int>
    private let kvdb: UnsafeMutablePointer<Int>
    private let maxCost: Int
    private static let snakeCount = 20
    private static let heuristicMinimumCost = 256
    private static let lineMax = Int.max

    private struct Split {
        var i1 = 0, i2 = 0
        var minimalLow = false, minimalHigh = false
    }

    static func compare(_ one: inout DiffSide, _ two: inout DiffSide) {
        let n1 = one.reducedClasses.count, n2 = two.reducedClasses.count
        let diagonals = n1 + n2 + 3
        var maxCost = LineDiff.bogoSqrt(diagonals)
        if maxCost < 256 { maxCost = 256 }
        var vectors = [Int](repeating: 0, count: 2 * diagonals + 2)
        one.reducedClasses.withUnsafeBufferPointer { ha1 in
            two.reducedClasses.withUnsafeBufferPointer { ha2 in
                one.reducedIndex.withUnsafeBufferPointer { index1 in
                    two.reducedIndex.withUnsafeBufferPointer { index2 in
                        one.changed.withUnsafeMutableBufferPointer { changed1 in
                            two.changed.withUnsafeMutableBufferPointer { changed2 in
                                vectors.withUnsafeMutableBufferPointer { kv in
                                    let splitter = MyersSplitter(
                                        ha1: ha1, ha2: ha2, index1: index1, index2: index2,
                                        changed1: changed1, changed2: changed2,
                                        kvdf: kv.baseAddress! + (n2 + 1), kvdb: kv.baseAddress! + (diagonals + n2 + 1),
                                        maxCost: maxCost)
                                    splitter.compare(0, n1, 0, n2, needMinimal: false)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func compare(_ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int, needMinimal: Bool) {
        var off1 = off1, lim1 = lim1, off2 = off2, lim2 = lim2
        while off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2] {
            off1 += 1
            off2 += 1
        }
        while off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1] {
            lim1 -= 1
            lim2 -= 1
        }
        if off1 == lim1 {
            for i in off2..<max(off2, lim2) { changed2[index2[i] + 1] = 1 }
        } else if off2 == lim2 {
            for i in off1..<max(off1, lim1) { changed1[index1[i] + 1] = 1 }
        } else {
            let split = self.split(off1, lim1, off2, lim2, needMinimal: needMinimal)
            compare(off1, split.i1, off2, split.i2, needMinimal: split.minimalLow)
            compare(split.i1, lim1, split.i2, lim2, needMinimal: split.minimalHigh)
        }
    }

    private func split(_ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int, needMinimal: Bool) -> Split {
        let dmin = off1 - lim2, dmax = lim1 - off2
        let fmid = off1 - off2, bmid = lim1 - lim2
        let odd = (fmid - bmid) & 1 != 0
        var fmin = fmid, fmax = fmid
        var bmin = bmid, bmax = bmid
        kvdf[fmid] = off1
        kvdb[bmid] = lim1

        var ec = 1
        while true {
            var gotSnake = false
            if fmin > dmin {
                fmin -= 1
                kvdf[fmin - 1] = -1
            } else {
                fmin += 1
            }
            if fmax < dmax {
                fmax += 1
                kvdf[fmax + 1] = -1
            } else {
                fmax -= 1
            }
            var d = fmax
            while d >= fmin {
                var i1 = kvdf[d - 1] >= kvdf[d + 1] ? kvdf[d - 1] + 1 : kvdf[d + 1]
                let prev1 = i1
                var i2 = i1 - d
                while i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2] {
                    i1 += 1
                    i2 += 1
                }
                if i1 - prev1 > Self.snakeCount { gotSnake = true }
                kvdf[d] = i1
                if odd && bmin <= d && d <= bmax && kvdb[d] <= i1 {
                    return Split(i1: i1, i2: i2, minimalLow: true, minimalHigh: true)
                }
                d -= 2
            }

            if bmin > dmin {
                bmin -= 1
                kvdb[bmin - 1] = Self.lineMax
            } else {
                bmin += 1
            }
            if bmax < dmax {
                bmax += 1
                kvdb[bmax + 1] = Self.lineMax
            } else {
                bmax -= 1
            }
            d = bmax
            while d >= bmin {
                var i1 = kvdb[d - 1] < kvdb[d + 1] ? kvdb[d - 1] : kvdb[d + 1] - 1
                let prev1 = i1
                var i2 = i1 - d
                while i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1] {
                    i1 -= 1
                    i2 -= 1
                }
                if prev1 - i1 > Self.snakeCount { gotSnake = true }
                kvdb[d] = i1
                if !odd && fmin <= d && d <= fmax && i1 <= kvdf[d] {
                    return Split(i1: i1, i2: i2, minimalLow: true, minimalHigh: true)
                }
                d -= 2
            }

            if needMinimal {
                ec += 1
                continue
            }

            let box = Box(off1: off1, lim1: lim1, off2: off2, lim2: lim2)
            let state = SearchState(fmin: fmin, fmax: fmax, bmin: bmin, bmax: bmax, fmid: fmid, bmid: bmid)
            if gotSnake && ec > Self.heuristicMinimumCost, let split = snakeSplit(box, state, ec: ec) {
                return split
            }
            if ec >= maxCost {
                return furthestReachingSplit(box, state)
            }
            ec += 1
        }
    }

    /// The part of the edit graph being split, and the diagonals the search has reached.
    private struct Box {
        let off1: Int, lim1: Int, off2: Int, lim2: Int
    }

    private struct SearchState {
        let fmin: Int, fmax: Int, bmin: Int, bmax: Int, fmid: Int, bmid: Int
    }

    /// xdiff's first heuristic: past a cost of 256, a diagonal that got far (a measure of
    /// distance from the corner, penalised by distance from the middle diagonal) and ends in a
    /// snake of 20 matching lines is a good enough split.
    private func snakeSplit(_ box: Box, _ s: SearchState, ec: Int) -> Split? {
        var split = Split()
        var best = 0
        var d = s.fmax
        while d >= s.fmin {
            let dd = d > s.fmid ? d - s.fmid : s.fmid - d
            let i1 = kvdf[d]
            let i2 = i1 - d
            let v = (i1 - box.off1) + (i2 - box.off2) - dd
            if v > 4 * ec && v > best && box.off1 + Self.snakeCount <= i1 && i1 < box.lim1
                && box.off2 + Self.snakeCount <= i2 && i2 < box.lim2 {
                var k = 1
                while ha1[i1 - k] == ha2[i2 - k] {
                    if k == Self.snakeCount {
                        best = v
                        split.i1 = i1
                        split.i2 = i2
                        break
                    }
                    k += 1
                }
            }
            d -= 2
        }
        if best > 0 {
            split.minimalLow = true
            split.minimalHigh = false
            return split
        }

        best = 0
        d = s.bmax
        while d >= s.bmin {
            let dd = d > s.bmid ? d - s.bmid : s.bmid - d
            let i1 = kvdb[d]
            let i2 = i1 - d
            let v = (box.lim1 - i1) + (box.lim2 - i2) - dd
            if v > 4 * ec && v > best && box.off1 < i1 && i1 <= box.lim1 - Self.snakeCount
                && box.off2 < i2 && i2 <= box.lim2 - Self.snakeCount {
                var k = 0
                while ha1[i1 + k] == ha2[i2 + k] {
                    if k == Self.snakeCount - 1 {
                        best = v
                        split.i1 = i1
                        split.i2 = i2
                        break
                    }
                    k += 1
                }
            }
            d -= 2
        }
        if best > 0 {
            split.minimalLow = false
            split.minimalHigh = true
            return split
        }
        return nil
    }

    /// xdiff's second heuristic: past the maximum cost, the furthest-reaching diagonal of
    /// either direction (by i1 + i2) is taken.
    private func furthestReachingSplit(_ box: Box, _ s: SearchState) -> Split {
        var fbest = -1, fbest1 = -1
        var d = s.fmax
        while d >= s.fmin {
            var i1 = min(kvdf[d], box.lim1)
            var i2 = i1 - d
            if box.lim2 < i2 {
                i1 = box.lim2 + d
                i2 = box.lim2
            }
            if fbest < i1 + i2 {
                fbest = i1 + i2
                fbest1 = i1
            }
            d -= 2
        }
        var bbest = Self.lineMax, bbest1 = Self.lineMax
        d = s.bmax
        while d >= s.bmin {
            var i1 = max(box.off1, kvdb[d])
            var i2 = i1 - d
            if i2 < box.off2 {
                i1 = box.off2 + d
                i2 = box.off2
            }
            if i1 + i2 < bbest {
                bbest = i1 + i2
                bbest1 = i1
            }
            d -= 2
        }
        if (box.lim1 + box.lim2) - bbest < fbest - (box.off1 + box.off2) {
            return Split(i1: fbest1, i2: fbest - fbest1, minimalLow: true, minimalHigh: false)
        }
        return Split(i1: bbest1, i2: bbest - bbest1, minimalLow: false, minimalHigh: true)
    }
}
