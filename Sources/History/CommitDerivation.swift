import GitKit

/// Everything a scan derives for one commit beyond its numstat, stored in the commit's batch
/// transaction so a killed scan never leaves a commit without it.
public struct CommitDerivation: Sendable {
    public var verdict: FixClassifier.Verdict
    public var origins: [OriginEntry] = []
    public var szz: [SZZLink] = []
    public var functions: [FunctionChange] = []
    public var functionRenames: [FunctionRename] = []
    /// Outlines parsed for this commit that the store does not have yet.
    public var newOutlines: [OID: BlobOutline] = [:]

    public init(verdict: FixClassifier.Verdict) {
        self.verdict = verdict
    }
}
