/// xdiff's `xdl_change_compact`: each run of changed lines is slid as far as equal lines
/// allow, merged with runs it meets, lined up with a change in the other file where it can
/// be, and otherwise placed by the indent heuristic. Where a change lands decides which lines
/// blame sees as unchanged, so this follows xdiff step for step.
extension DiffSide {
    /// A run of changed lines [start, end).
    struct Group {
        var start = 0
        var end = 0
    }

    func firstGroup() -> Group {
        var group = Group()
        while changed[group.end + 1] != 0 { group.end += 1 }
        return group
    }

    func next(_ group: inout Group) -> Bool {
        if group.end == count { return false }
        group.start = group.end + 1
        group.end = group.start
        while changed[group.end + 1] != 0 { group.end += 1 }
        return true
    }

    func previous(_ group: inout Group) -> Bool {
        if group.start == 0 { return false }
        group.end = group.start - 1
        group.start = group.end
        while changed[group.start] != 0 { group.start -= 1 }
        return true
    }

    mutating func slideDown(_ group: inout Group) -> Bool {
        guard group.end < count, classes[group.start] == classes[group.end] else { return false }
        changed[group.start + 1] = 0
        group.start += 1
        changed[group.end + 1] = 1
        group.end += 1
        while changed[group.end + 1] != 0 { group.end += 1 }
        return true
    }

    mutating func slideUp(_ group: inout Group) -> Bool {
        guard group.start > 0, classes[group.start - 1] == classes[group.end - 1] else { return false }
        group.start -= 1
        changed[group.start + 1] = 1
        group.end -= 1
        changed[group.end + 1] = 0
        while changed[group.start] != 0 { group.start -= 1 }
        return true
    }

    mutating func compact(against other: inout DiffSide, indentHeuristic: Bool) {
        var g = firstGroup()
        var go = other.firstGroup()
        while true {
            if g.end != g.start {
                var groupSize = 0
                var earliestEnd = 0
                var endMatchingOther = -1
                repeat {
                    groupSize = g.end - g.start
                    endMatchingOther = -1
                    while slideUp(&g) {
                        _ = other.previous(&go)
                    }
                    earliestEnd = g.end
                    if go.end > go.start { endMatchingOther = g.end }
                    while slideDown(&g) {
                        _ = other.next(&go)
                        if go.end > go.start { endMatchingOther = g.end }
                    }
                } while groupSize != g.end - g.start

                if g.end == earliestEnd {
                    // It cannot move.
                } else if endMatchingOther != -1 {
                    while go.end == go.start {
                        _ = slideUp(&g)
                        _ = other.previous(&go)
                    }
                } else if indentHeuristic {
                    var shift = earliestEnd
                    if g.end - groupSize - 1 > shift { shift = g.end - groupSize - 1 }
                    if g.end - 100 > shift { shift = g.end - 100 }
                    var bestShift = -1
                    var best = SplitScore()
                    while shift <= g.end {
                        var score = SplitScore()
                        score.add(measureSplit(shift))
                        score.add(measureSplit(shift - groupSize))
                        if bestShift == -1 || score.compare(best) <= 0 {
                            best = score
                            bestShift = shift
                        }
                        shift += 1
                    }
                    while g.end > bestShift {
                        _ = slideUp(&g)
                        _ = other.previous(&go)
                    }
                }
            }
            if !next(&g) { break }
            _ = other.next(&go)
        }
    }

    struct SplitMeasurement {
        var endOfFile = false
        var indent = -1
        var preBlank = 0
        var preIndent = -1
        var postBlank = 0
        var postIndent = -1
    }

    /// `measure_split`: the indentation around a split before line `split`.
    func measureSplit(_ split: Int) -> SplitMeasurement {
        var m = SplitMeasurement()
        if split >= count {
            m.endOfFile = true
            m.indent = -1
        } else {
            m.indent = indent(split)
        }
        var i = split - 1
        while i >= 0 {
            m.preIndent = indent(i)
            if m.preIndent != -1 { break }
            m.preBlank += 1
            if m.preBlank == 20 {
                m.preIndent = 0
                break
            }
            i -= 1
        }
        i = split + 1
        while i < count {
            m.postIndent = indent(i)
            if m.postIndent != -1 { break }
            m.postBlank += 1
            if m.postBlank == 20 {
                m.postIndent = 0
                break
            }
            i += 1
        }
        return m
    }

    /// `split_score`: lower is a better place for a change to start or end.
    struct SplitScore {
        var effectiveIndent = 0
        var penalty = 0

        mutating func add(_ m: SplitMeasurement) {
            if m.preIndent == -1 && m.preBlank == 0 { penalty += 1 }
            if m.endOfFile { penalty += 21 }
            let postBlank = m.indent == -1 ? 1 + m.postBlank : 0
            let totalBlank = m.preBlank + postBlank
            penalty += -30 * totalBlank
            penalty += 6 * postBlank
            let indent = m.indent != -1 ? m.indent : m.postIndent
            let anyBlanks = totalBlank != 0
            effectiveIndent += indent
            if indent == -1 || m.preIndent == -1 {
                return
            } else if indent > m.preIndent {
                penalty += anyBlanks ? 10 : -4
            } else if indent == m.preIndent {
                return
            } else if m.postIndent != -1 && m.postIndent > indent {
                penalty += anyBlanks ? 17 : 24
            } else {
                penalty += anyBlanks ? 17 : 23
            }
        }

        func compare(_ other: SplitScore) -> Int {
            let indents = (effectiveIndent > other.effectiveIndent ? 1 : 0) - (effectiveIndent < other.effectiveIndent ? 1 : 0)
            return 60 * indents + (penalty - other.penalty)
        }
    }
}
