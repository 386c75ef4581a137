import GitKit

/// Which commits a scan must mine: everything reachable from the tip that is not already
/// stored, parents before children. Because the store is filled in this order, what it holds is
/// always closed under "parent of", so hiding its frontier (stored commits with no stored
/// child) excludes exactly what it holds, however the previous scan ended.
public enum CommitPlan {
    public static func commits(in repository: Repository, tip: OID, alreadyStoredFrontier: [OID]) throws -> [OID] {
        let walk = try RevWalk(repository: repository, order: [.topological, .reverse])
        try walk.push(tip)
        for oid in alreadyStoredFrontier {
            do {
                try walk.hide(oid)
            } catch let error as GitError {
                // A stored commit that this clone no longer has (history rewritten, shallow
                // re-clone) hides nothing; anything below it is simply mined again if absent.
                if case .missingObject = error { continue }
                throw error
            }
        }
        return try walk.all()
    }
}
