import Foundation

/// Maps a booster's raw probability to a calibrated one, fitted on a time slice later than the
/// training rows. Isotonic regression (pool-adjacent-violators) when the slice holds enough
/// risky examples to trust its steps; Platt scaling (a two-parameter logistic fit) otherwise.
public enum Calibration: Codable, Sendable, Equatable {
    case identity
    case platt(a: Double, b: Double)
    /// Step function: `values[i]` for raw scores from `thresholds[i]` up to the next threshold.
    case isotonic(thresholds: [Double], values: [Double])

    /// Isotonic steps need this many risky examples in the calibration slice.
    public static let isotonicMinimumPositives = 40

    public static func fit(scores: [Double], labels: [Bool]) -> Calibration {
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0, positives < labels.count else { return .identity }
        if positives >= isotonicMinimumPositives && labels.count - positives >= isotonicMinimumPositives {
            return isotonic(scores: scores, labels: labels)
        }
        return platt(scores: scores, labels: labels)
    }

    public func apply(_ score: Double) -> Double {
        switch self {
        case .identity:
            return score
        case .platt(let a, let b):
            return min(max(1 / (1 + exp(-(a * Self.logit(score) + b))), 1e-6), 1 - 1e-6)
        case .isotonic(let thresholds, let values):
            guard !thresholds.isEmpty else { return score }
            // The last step whose threshold is at or below the score.
            var low = 0, high = thresholds.count - 1
            if score < thresholds[0] { return values[0] }
            while low < high {
                let middle = (low + high + 1) / 2
                if thresholds[middle] <= score { low = middle } else { high = middle - 1 }
            }
            return values[low]
        }
    }

    static func logit(_ p: Double) -> Double {
        let clipped = min(max(p, 1e-6), 1 - 1e-6)
        return log(clipped / (1 - clipped))
    }

    static func isotonic(scores: [Double], labels: [Bool]) -> Calibration {
        let order = scores.indices.sorted { (scores[$0], $0) < (scores[$1], $1) }
        // Blocks of (first score, sum of labels, count), merged while a block's mean is not above the one before it.
        var blocks: [(start: Double, sum: Double, count: Double)] = []
        for index in order {
            blocks.append((scores[index], labels[index] ? 1 : 0, 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1], before = blocks[blocks.count - 2]
                guard before.sum / before.count >= last.sum / last.count else { break }
                blocks.removeLast(2)
                blocks.append((before.start, before.sum + last.sum, before.count + last.count))
            }
        }
        // Never 0 or 1: a calibration slice is finite, and certainty would be a lie.
        let smoothed = blocks.map { ($0.sum + 0.5) / ($0.count + 1) }
        return .isotonic(thresholds: blocks.map(\.start), values: smoothed)
    }

    /// Logistic regression of the label on the raw score's logit, by Newton's method, with
    /// Platt's smoothed targets.
    static func platt(scores: [Double], labels: [Bool]) -> Calibration {
        let positives = Double(labels.lazy.filter { $0 }.count), negatives = Double(labels.count) - positives
        let high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2)
        let x = scores.map(logit), t = labels.map { $0 ? high : low }
        func loss(_ a: Double, _ b: Double) -> Double {
            var total = 0.0
            for index in x.indices {
                let z = a * x[index] + b
                // log(1 + e^z) − t·z, computed without overflow.
                total += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - t[index] * z
            }
            return total
        }
        var a = 1.0, b = 0.0
        var current = loss(a, b)
        // Newton's method with step halving (as in Platt's and Lin's algorithm): each accepted
        // step lowers the loss, so the fit cannot diverge.
        for _ in 0..<100 {
            var gA = 0.0, gB = 0.0, hAA = 1e-9, hAB = 0.0, hBB = 1e-9
            for index in x.indices {
                let p = 1 / (1 + exp(-(a * x[index] + b)))
                let error = p - t[index], weight = max(p * (1 - p), 1e-12)
                gA += error * x[index]; gB += error
                hAA += weight * x[index] * x[index]; hAB += weight * x[index]; hBB += weight
            }
            let determinant = hAA * hBB - hAB * hAB
            guard abs(determinant) > 1e-12 else { break }
            let stepA = (hBB * gA - hAB * gB) / determinant, stepB = (hAA * gB - hAB * gA) / determinant
            var scale = 1.0, accepted = false
            while scale > 1e-10 {
                let candidate = loss(a - scale * stepA, b - scale * stepB)
                if candidate < current - 1e-12 {
                    a -= scale * stepA; b -= scale * stepB
                    current = candidate
                    accepted = true
                    break
                }
                scale /= 2
            }
            if !accepted || abs(scale * stepA) + abs(scale * stepB) < 1e-9 { break }
        }
        return .platt(a: a, b: b)
    }
}
