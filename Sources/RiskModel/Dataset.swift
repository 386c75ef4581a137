/// Examples for one level, in time order (oldest first): every split the learner makes is a
/// time split, so a model never validates or calibrates on rows older than it trained on.
public struct Dataset: Sendable {
    public var featureNames: [String]
    /// Row-major, `featureNames.count` values per row; NaN where a value is unknown.
    public var values: [Float]
    public var labels: [Bool]

    public init(featureNames: [String], values: [Float] = [], labels: [Bool] = []) {
        self.featureNames = featureNames
        self.values = values
        self.labels = labels
    }

    public var count: Int { labels.count }
    public var positives: Int { labels.lazy.filter { $0 }.count }

    public mutating func append(_ row: [Float], label: Bool) {
        precondition(row.count == featureNames.count, "a row has \(row.count) values for \(featureNames.count) features")
        values.append(contentsOf: row)
        labels.append(label)
    }

    public func row(_ index: Int) -> ArraySlice<Float> {
        let width = featureNames.count
        return values[index * width ..< (index + 1) * width]
    }

    public func slice(_ range: Range<Int>) -> Dataset {
        let width = featureNames.count
        return Dataset(featureNames: featureNames, values: Array(values[range.lowerBound * width ..< range.upperBound * width]),
                       labels: Array(labels[range]))
    }
}
