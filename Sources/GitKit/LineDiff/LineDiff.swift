import Foundation

/// How `LineDiff` compares lines and places its changes.
public struct LineDiffOptions: Hashable, Sendable {
    /// `-w`: lines equal once every space, tab, CR and LF is removed (git's `isspace`, which
    /// unlike C's leaves out vertical tab and form feed).
    public var ignoreWhitespace = false
    /// git's default `diff.indentHeuristic`: where a change can slide, put it where the
    /// indentation says a block starts or ends.
    public var indentHeuristic = true
    /// What git's `xdi_diff` does before every zero-context diff (blame; not numstat, which
    /// asks for 3 lines of context): drop the common tail in 1 KiB blocks. It can change the
    /// result, so it is on to match `git blame` and off to match `git diff` and libgit2.
    public var trimCommonTail = true

    public init(ignoreWhitespace: Bool = false, indentHeuristic: Bool = true, trimCommonTail: Bool = true) {
        self.ignoreWhitespace = ignoreWhitespace
        self.indentHeuristic = indentHeuristic
        self.trimCommonTail = trimCommonTail
    }
}

extension LineDiffOptions {
    /// What `git diff`/`git log` run for numstat and patches: exact lines, indent heuristic,
    /// and (their context being 3 lines) no tail trimming.
    public static let git = LineDiffOptions(trimCommonTail: false)
    /// What `git blame -w` runs (zero context, so the common tail is trimmed).
    public static let gitBlameIgnoringWhitespace = LineDiffOptions(ignoreWhitespace: true, trimCommonTail: true)
}

/// git's line diff (xdiff's Myers variant with its cost heuristics, its discarding of lines
/// that cannot match, and its change compaction with the indent heuristic), reimplemented so
/// that a history walk gets the hunks `git blame` sees without libgit2's per-call overhead:
/// `git_diff_buffers` hashes both buffers with SHA-1 and classifies lines through C's ctype
/// for every byte. Held equal to libgit2's xdiff by `LineDiffTests` over real histories.
public enum LineDiff {
    public static func hunks(old: UnsafeRawBufferPointer, new: UnsafeRawBufferPointer,
                             options: LineDiffOptions = LineDiffOptions()) -> [Hunk] {
        var (a, b) = (old, new)
        if options.trimCommonTail { (a, b) = trimCommonTail(a, b) }
        var one = DiffSide(a), two = DiffSide(b)
        var classifier = LineClassifier(lineCapacity: one.count + two.count, byteCapacity: a.count + b.count,
                                        ignoreWhitespace: options.ignoreWhitespace)
        defer { classifier.deallocate() }
        classifier.classify(&one, pass: 0)
        let (prefix, suffix) = sharedLines(one, two)
        classifier.classify(&two, pass: 1, previous: one, sharedPrefix: prefix, sharedSuffix: suffix)
        trimEnds(&one, &two)
        cleanUpRecords(&one, other: two, counts: classifier.counts, pass: 0)
        cleanUpRecords(&two, other: one, counts: classifier.counts, pass: 1)
        MyersSplitter.compare(&one, &two)
        one.compact(against: &two, indentHeuristic: options.indentHeuristic)
        two.compact(against: &one, indentHeuristic: options.indentHeuristic)
        return script(one, two)
    }

    /// git's `trim_common_tail`: identical 1 KiB blocks at the end of both files are dropped,
    /// then the cut is moved forward past the next newline so that only whole lines go.
    static func trimCommonTail(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer)
        -> (UnsafeRawBufferPointer, UnsafeRawBufferPointer) {
        let block = 1024
        let smaller = min(a.count, b.count)
        guard smaller >= block, let aBase = a.baseAddress, let bBase = b.baseAddress else { return (a, b) }
        var trimmed = 0
        while block + trimmed <= smaller,
              memcmp(aBase + a.count - trimmed - block, bBase + b.count - trimmed - block, block) == 0 {
            trimmed += block
        }
        var recovered = 0
        while recovered < trimmed {
            let byte = a[a.count - trimmed + recovered]
            recovered += 1
            if byte == 0x0A { break }
        }
        let cut = trimmed - recovered
        return (UnsafeRawBufferPointer(rebasing: a[0..<(a.count - cut)]),
                UnsafeRawBufferPointer(rebasing: b[0..<(b.count - cut)]))
    }

    /// How many first and last lines the two files share byte for byte (such lines have the
    /// same boundaries in both, so the second file's can take the first's classes unhashed).
    static func sharedLines(_ one: DiffSide, _ two: DiffSide) -> (prefix: Int, suffix: Int) {
        guard let a = one.bytes.baseAddress, let b = two.bytes.baseAddress else { return (0, 0) }
        let limit = min(one.bytes.count, two.bytes.count)
        var prefixBytes = 0
        while prefixBytes + 8 <= limit && a.loadUnaligned(fromByteOffset: prefixBytes, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: prefixBytes, as: UInt64.self) {
            prefixBytes += 8
        }
        while prefixBytes < limit && one.bytes[prefixBytes] == two.bytes[prefixBytes] { prefixBytes += 1 }
        // Lines that end, newline included, within the common prefix (a last line without a
        // newline may go on in the other file).
        var prefix = 0
        while prefix < min(one.count, two.count) && one.starts[prefix + 1] <= prefixBytes
            && one.bytes[one.starts[prefix + 1] - 1] == 0x0A {
            prefix += 1
        }
        let (aEnd, bEnd) = (one.bytes.count, two.bytes.count)
        var suffixBytes = 0
        while suffixBytes + 8 <= limit && a.loadUnaligned(fromByteOffset: aEnd - suffixBytes - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: bEnd - suffixBytes - 8, as: UInt64.self) {
            suffixBytes += 8
        }
        while suffixBytes < limit && one.bytes[aEnd - suffixBytes - 1] == two.bytes[bEnd - suffixBytes - 1] { suffixBytes += 1 }
        // Lines whose preceding newline lies in the common suffix too, so that both files start
        // them at the same distance from the end; never into the shared prefix.
        var suffix = 0
        let most = min(one.count, two.count) - prefix
        while suffix < most {
            let start = two.starts[two.count - suffix - 1]
            guard start > 0, bEnd - start + 1 <= suffixBytes else { break }
            suffix += 1
        }
        return (prefix, suffix)
    }

    /// `xdl_trim_ends`: the common first and last lines are outside the diff's working range.
    static func trimEnds(_ one: inout DiffSide, _ two: inout DiffSide) {
        let limit = min(one.count, two.count)
        var prefix = 0
        while prefix < limit && one.classes[prefix] == two.classes[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix && one.classes[one.count - 1 - suffix] == two.classes[two.count - 1 - suffix] {
            suffix += 1
        }
        one.start = prefix
        two.start = prefix
        one.end = one.count - suffix - 1
        two.end = two.count - suffix - 1
    }

    /// `xdl_cleanup_records`: lines with no counterpart in the other file are changed outright
    /// and left out of the search, as are lines with very many counterparts that sit among such
    /// lines; the rest (indices into the whole file) is what the Myers search sees.
    static func cleanUpRecords(_ side: inout DiffSide, other: DiffSide, counts: [[Int]], pass: Int) {
        let otherCounts = counts[1 - pass]
        let limit = min(bogoSqrt(side.count), 1024)
        // 0: no match in the other file, 1: some, 2: many.
        var kinds = [UInt8](repeating: 0, count: side.count + 1)
        if side.start <= side.end {
            for index in side.start...side.end {
                let matches = otherCounts[side.classes[index]]
                kinds[index] = matches == 0 ? 0 : matches >= limit ? 2 : 1
            }
        }
        side.reducedIndex.removeAll(keepingCapacity: true)
        side.reducedClasses.removeAll(keepingCapacity: true)
        guard side.start <= side.end else { return }
        for index in side.start...side.end {
            let kind = kinds[index]
            if kind == 1 || (kind == 2 && !shouldDiscardMultimatch(kinds, index, side.start, side.end)) {
                side.reducedIndex.append(index)
                side.reducedClasses.append(side.classes[index])
            } else {
                side.changed[index + 1] = 1
            }
        }
    }

    /// `xdl_clean_mmatch`: a line with many matches is dropped only inside a run of lines
    /// that mostly have none, looking at most 100 lines either way.
    static func shouldDiscardMultimatch(_ kinds: [UInt8], _ index: Int, _ start: Int, _ end: Int) -> Bool {
        let window = 100
        let lower = index - start > window ? index - window : start
        let upper = end - index > window ? index + window : end
        var noneBefore = 0, manyBefore = 1
        var r = 1
        while index - r >= lower {
            let kind = kinds[index - r]
            if kind == 0 { noneBefore += 1 } else if kind == 2 { manyBefore += 1 } else { break }
            r += 1
        }
        if noneBefore == 0 { return false }
        var noneAfter = 0, manyAfter = 1
        r = 1
        while index + r <= upper {
            let kind = kinds[index + r]
            if kind == 0 { noneAfter += 1 } else if kind == 2 { manyAfter += 1 } else { break }
            r += 1
        }
        if noneAfter == 0 { return false }
        let none = noneAfter + noneBefore
        let many = manyAfter + manyBefore
        return many * 4 < many + none
    }

    /// xdiff's integer square-root estimate (a power of two), which sets its cost limits.
    static func bogoSqrt(_ n: Int) -> Int {
        var value = 1
        var n = n
        while n > 0 {
            value <<= 1
            n >>= 2
        }
        return value
    }

    /// `xdl_build_script`: each run of changed lines on either side, paired, becomes a hunk.
    static func script(_ one: DiffSide, _ two: DiffSide) -> [Hunk] {
        var hunks: [Hunk] = []
        var i1 = one.count, i2 = two.count
        while i1 >= 0 || i2 >= 0 {
            if one.isChanged(i1 - 1) || two.isChanged(i2 - 1) {
                let end1 = i1, end2 = i2
                while one.isChanged(i1 - 1) { i1 -= 1 }
                while two.isChanged(i2 - 1) { i2 -= 1 }
                let count1 = end1 - i1, count2 = end2 - i2
                hunks.append(Hunk(oldStart: count1 == 0 ? i1 : i1 + 1, oldLines: count1,
                                  newStart: count2 == 0 ? i2 : i2 + 1, newLines: count2))
            }
            i1 -= 1
            i2 -= 1
        }
        return hunks.reversed()
    }
}

extension LineDiff {
    /// The hunks between two blobs' contents (an absent blob is an empty file).
    public static func hunks(old: Blob?, new: Blob?, options: LineDiffOptions = LineDiffOptions()) -> [Hunk] {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        guard let old else {
            guard let new else { return [] }
            return new.withUnsafeBytes { hunks(old: empty, new: $0, options: options) }
        }
        return old.withUnsafeBytes { oldBytes in
            guard let new else { return hunks(old: oldBytes, new: empty, options: options) }
            return new.withUnsafeBytes { hunks(old: oldBytes, new: $0, options: options) }
        }
    }
}
