import GitKit
import TestSupport
import Testing

@Suite struct RevWalkTests {
    /// Both orders git offers, each against `git rev-list` with the matching flag.
    @Test(arguments: [("--topo-order", RevWalk.Order.topological), ("--date-order", RevWalk.Order([.topological, .time]))] as [(String, RevWalk.Order)])
    func orderEqualsGitRevList(flag: String, order: RevWalk.Order) throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        let walk = try RevWalk(repository: r, order: order)
        try walk.push(try r.resolveCommit("HEAD"))
        let ours = try walk.all().map(\.hex)
        let git = try repo.git(["rev-list", flag, "HEAD"]).split(separator: "\n").map(String.init)
        #expect(git.count == 17)
        #expect(ours == git)
    }

    @Test func reverseTopologicalPutsParentsFirst() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        let walk = try RevWalk(repository: r, order: [.topological, .reverse])
        try walk.push(try r.resolveCommit("HEAD"))
        let ids = try walk.all()
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        for id in ids {
            for parent in try r.commit(id).parentIDs {
                #expect(position[parent]! < position[id]!, "parent \(parent) after child \(id)")
            }
        }
    }

    @Test func hideExcludesAncestors() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        let walk = try RevWalk(repository: r, order: [.topological])
        try walk.push(try r.resolveCommit("HEAD"))
        try walk.hide(try r.resolveCommit("HEAD~1"))
        let git = try repo.git(["rev-list", "--topo-order", "HEAD", "^HEAD~1"]).split(separator: "\n").map(String.init)
        #expect(try walk.all().map(\.hex) == git)
    }

    @Test func mergesAreDetected() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        let merges = try repo.git(["rev-list", "--merges", "HEAD"]).split(separator: "\n").map(String.init)
        let walk = try RevWalk(repository: r, order: [.topological])
        try walk.push(try r.resolveCommit("HEAD"))
        let ours = try walk.all().filter { try r.commit($0).isMerge }.map(\.hex)
        #expect(merges.count == 2)
        #expect(Set(ours) == Set(merges))
    }
}
