import Foundation

/// Counts and line totals are heavy-tailed, so every feature goes through a signed log and a
/// z-score before learning. Trees do not care (the map is monotone); the linear booster does.
public struct FeatureScaling: Codable, Sendable, Equatable {
    public var means: [Double]
    public var deviations: [Double]

    public init(fitting data: Dataset) {
        let width = data.featureNames.count
        var sums = [Double](repeating: 0, count: width), squares = sums, counts = sums
        for row in 0..<data.count {
            for (column, value) in data.row(row).enumerated() where !value.isNaN {
                let x = Self.squash(Double(value))
                sums[column] += x
                squares[column] += x * x
                counts[column] += 1
            }
        }
        let means = (0..<width).map { counts[$0] > 0 ? sums[$0] / counts[$0] : 0 }
        self.means = means
        deviations = (0..<width).map { column in
            guard counts[column] > 1 else { return 1 }
            let variance = squares[column] / counts[column] - means[column] * means[column]
            return variance > 1e-12 ? variance.squareRoot() : 1
        }
    }

    static func squash(_ x: Double) -> Double { x < 0 ? -log1p(-x) : log1p(x) }

    public func apply(_ values: [Float], width: Int) -> [Float] {
        var result = values
        for index in result.indices where !result[index].isNaN {
            let column = index % width
            result[index] = Float((Self.squash(Double(result[index])) - means[column]) / deviations[column])
        }
        return result
    }

    /// One value of one column, scaled as `apply` scales it.
    public func apply(_ value: [Float], column: Int) -> Float {
        Float((Self.squash(Double(value[0])) - means[column]) / deviations[column])
    }
}
