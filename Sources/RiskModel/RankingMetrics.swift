import Foundation

/// How well a score ranks risky items first, the measures of the defect-prediction literature.
/// Effort is what it costs to inspect an item (lines); ROC-AUC and PR-AUC judge the score's own
/// order, the effort-aware figures (Recall@20%Effort, Effort@20%Recall, Popt, IFA) its order
/// per line of effort. Ties are broken against the ranker
/// (larger effort first among equal scores would flatter it), so a constant score earns nothing.
public struct RankingMetrics: Codable, Sendable, Equatable {
    public var rocAUC: Double
    public var prAUC: Double
    /// Share of risky items found when inspecting the top-ranked items worth 20% of all effort.
    public var recallAt20Effort: Double
    /// Share of all effort spent before 20% of the risky items are found.
    public var effortAt20Recall: Double
    /// Normalised area under the effort-recall curve against the optimal and worst orders.
    public var popt: Double
    /// Initial false alarms: clean items ranked above the first risky one.
    public var ifa: Int
    public var examples: Int
    public var positives: Int

    public init(scores: [Double], labels: [Bool], effort: [Double]) {
        precondition(scores.count == labels.count && labels.count == effort.count)
        examples = labels.count
        positives = labels.lazy.filter { $0 }.count
        rocAUC = Self.auc(scores, labels)
        prAUC = Self.averagePrecision(Self.rankOrder(scores, labels), labels)
        let efforts = effort.map { max($0, 1) }
        // Effort-aware figures rank by risk per line, as Kamei's EALR and JITLine do: a reviewer
        // with a budget of lines reads first where the expected finds per line are highest.
        let density = zip(scores, efforts).map { $0 / $1 }
        let order = Self.rankOrder(density, labels)
        recallAt20Effort = Self.recallAtEffort(order, labels, efforts, 0.2)
        effortAt20Recall = Self.effortAtRecall(order, labels, efforts, 0.2)
        popt = Self.popt(scores: density, labels: labels, effort: efforts)
        ifa = order.firstIndex { labels[$0] } ?? order.count
    }

    /// Highest score first; among equal scores the clean items first (pessimistic ties).
    static func rankOrder(_ scores: [Double], _ labels: [Bool]) -> [Int] {
        scores.indices.sorted { a, b in
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            if labels[a] != labels[b] { return !labels[a] }
            return a < b
        }
    }

    /// Mann-Whitney U with mid-ranks for ties.
    public static func auc(_ scores: [Double], _ labels: [Bool]) -> Double {
        let positives = labels.lazy.filter { $0 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return .nan }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for index in start...end where labels[order[index]] { rankSum += midRank }
            start = end + 1
        }
        return (rankSum - Double(positives) * Double(positives + 1) / 2) / (Double(positives) * Double(negatives))
    }

    static func averagePrecision(_ order: [Int], _ labels: [Bool]) -> Double {
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0 else { return .nan }
        var found = 0, sum = 0.0
        for (rank, index) in order.enumerated() where labels[index] {
            found += 1
            sum += Double(found) / Double(rank + 1)
        }
        return sum / Double(positives)
    }

    static func recallAtEffort(_ order: [Int], _ labels: [Bool], _ effort: [Double], _ share: Double) -> Double {
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0 else { return .nan }
        let budget = effort.reduce(0, +) * share
        var spent = 0.0, found = 0
        for index in order {
            spent += effort[index]
            if spent > budget { break }
            if labels[index] { found += 1 }
        }
        return Double(found) / Double(positives)
    }

    static func effortAtRecall(_ order: [Int], _ labels: [Bool], _ effort: [Double], _ share: Double) -> Double {
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0 else { return .nan }
        let total = effort.reduce(0, +)
        let needed = Int((Double(positives) * share).rounded(.up))
        var spent = 0.0, found = 0
        for index in order {
            spent += effort[index]
            if labels[index] { found += 1 }
            if found >= needed { break }
        }
        return spent / total
    }

    /// Area under the cumulative recall curve over cumulative effort (0...1).
    static func area(_ order: [Int], _ labels: [Bool], _ effort: [Double]) -> Double {
        let total = effort.reduce(0, +), positives = Double(labels.lazy.filter { $0 }.count)
        var area = 0.0, x = 0.0, y = 0.0
        for index in order {
            let dx = effort[index] / total, dy = labels[index] ? 1 / positives : 0
            area += dx * (y + dy / 2)
            x += dx; y += dy
        }
        return area
    }

    /// Kamei's Popt: 1 − (optimal − model) / (optimal − worst), with the optimal and worst orders
    /// sorting by label, then by effort (density).
    static func popt(scores: [Double], labels: [Bool], effort: [Double]) -> Double {
        guard labels.contains(true), labels.contains(false) else { return .nan }
        let model = area(rankOrder(scores, labels), labels, effort)
        let optimal = area(labels.indices.sorted { a, b in
            labels[a] != labels[b] ? labels[a] : effort[a] < effort[b]
        }, labels, effort)
        let worst = area(labels.indices.sorted { a, b in
            labels[a] != labels[b] ? !labels[a] : effort[a] > effort[b]
        }, labels, effort)
        guard optimal > worst else { return .nan }
        return 1 - (optimal - model) / (optimal - worst)
    }
}

extension RankingMetrics {
    /// The mean of several back-test windows, field by field (windows without a risky item are skipped).
    public static func mean(_ all: [RankingMetrics]) -> RankingMetrics? {
        let usable = all.filter { !$0.rocAUC.isNaN }
        guard var result = usable.first else { return all.first }
        func average(_ key: KeyPath<RankingMetrics, Double>) -> Double {
            let values = usable.map { $0[keyPath: key] }.filter { !$0.isNaN }
            return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        result.rocAUC = average(\.rocAUC)
        result.prAUC = average(\.prAUC)
        result.recallAt20Effort = average(\.recallAt20Effort)
        result.effortAt20Recall = average(\.effortAt20Recall)
        result.popt = average(\.popt)
        result.ifa = usable.map(\.ifa).reduce(0, +) / usable.count
        result.examples = usable.map(\.examples).reduce(0, +)
        result.positives = usable.map(\.positives).reduce(0, +)
        return result
    }
}
