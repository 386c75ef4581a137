import GitKit

/// Which commits a scan must mine: everything reachable from the tip that is not already
/// stored, parents before children. Because the store is filled in this order, what it holds is
/// always closed under "parent of", so hiding its frontier (stored commits with no stored
/// child) excludes exactly what it holds, however the previous scan ended.
public enum CommitPlan {
    public static func commits(in repository: Repository, tip: OID, alreadyStoredFrontier: [OID]) throws -> [OID] {
        if repository.isShallow {
            return try shallowCommits(in: repository, tip: tip, alreadyStoredFrontier: alreadyStoredFrontier)
        }
        do {
            return try revisionWalk(in: repository, tip: tip, alreadyStoredFrontier: alreadyStoredFrontier)
        } catch let error as GitError {
            // libgit2's walk parses every commit and refuses some that git reads (an author
            // without an e-mail); our own walk reads those commits raw.
            if case .call = error, !error.isNotFound {
                return try shallowCommits(in: repository, tip: tip, alreadyStoredFrontier: alreadyStoredFrontier)
            }
            throw error
        }
    }

    static func revisionWalk(in repository: Repository, tip: OID, alreadyStoredFrontier: [OID]) throws -> [OID] {
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

    /// libgit2 1.5's revwalk fails on a shallow clone's absent parents, so shallow clones (and
    /// histories with commits only git's parser accepts) get their own walk: depth-first post-order (parents before children) over the commits present.
    static func shallowCommits(in repository: Repository, tip: OID, alreadyStoredFrontier: [OID]) throws -> [OID] {
        func present(_ oid: OID) throws -> Commit? {
            do { return try repository.commit(oid) } catch let error as GitError where error.isNotFound { return nil }
        }
        var hidden: Set<OID> = []
        var stack = alreadyStoredFrontier
        while let oid = stack.popLast() {
            guard !hidden.contains(oid), let commit = try present(oid) else { continue }
            hidden.insert(oid)
            stack.append(contentsOf: commit.parentIDs)
        }
        var order: [OID] = []
        var visited: Set<OID> = []
        // Each frame: a commit and the parents still to visit.
        var frames: [(oid: OID, parents: [OID])] = []
        if !hidden.contains(tip), let commit = try present(tip) {
            visited.insert(tip)
            frames.append((tip, commit.parentIDs.reversed()))
        }
        while !frames.isEmpty {
            if let parent = frames[frames.count - 1].parents.popLast() {
                guard !visited.contains(parent), !hidden.contains(parent) else { continue }
                visited.insert(parent)
                if let commit = try present(parent) {
                    frames.append((parent, commit.parentIDs.reversed()))
                }
            } else {
                order.append(frames.removeLast().oid)
            }
        }
        return order
    }
}
