import Configuration
import Foundation
import GitKit

/// `CodeRule` applied to a repository: attributes read through libgit2 from the work tree or
/// from one commit's tree (what was declared at that moment), headers from the files or the
/// commit's blobs. Every command that lists, ranks or predicts code asks this one filter.
public final class CodeFilter {
    public let rule: CodeRule
    private let repository: Repository?
    private let source: Repository.AttributeSource
    private let tree: Tree?

    /// For the work tree: attributes from its `.gitattributes` when it is in a repository.
    public init(configuration: ProjectConfiguration, workTreeRoot: String) {
        rule = CodeRule(configuration: configuration)
        repository = try? Repository(discovering: workTreeRoot)
        source = .workTree
        tree = nil
    }

    /// For one commit: attributes and headers as of that commit.
    public init(configuration: ProjectConfiguration, repository: Repository, commit: OID) throws {
        rule = CodeRule(configuration: configuration)
        self.repository = repository
        source = .commit(commit)
        tree = try repository.commit(commit).tree()
    }

    /// The verdict by path and attributes alone (no content read).
    public func verdict(_ path: String) -> ProjectConfiguration.Verdict {
        let attributes = (try? repository?.attributes(of: path, from: source)) ?? nil
        return rule.verdict(path: path, generatedAttribute: attributes?.generated ?? false,
                            vendoredAttribute: attributes?.vendored ?? false)
    }

    /// The verdict with the file's header too, read from the commit's tree (a path absent
    /// there is judged by its path and attributes).
    public func verdictReadingHeader(_ path: String) -> ProjectConfiguration.Verdict {
        let byPath = verdict(path)
        guard byPath == .included, let tree, let repository,
              let entry = try? tree.entry(atPath: path), !entry.isTree, !entry.isSubmodule,
              let blob = try? repository.blob(entry.oid) else { return byPath }
        let header = blob.withUnsafeBytes { Array($0.prefix(CodeRule.headerLength)) }
        return rule.verdict(path: path, header: header)
    }
}
