import CGit2

/// libgit2's global state: initialised exactly once per process, tuned for read-heavy mining.
public enum Libgit2 {
    private static let initialised: Bool = {
        let count = git_libgit2_init()
        precondition(count > 0, "git_libgit2_init failed")
        // Objects come from the repository's own object database, which git verified when it
        // wrote them; re-hashing every object read costs a large share of a history walk.
        _ = prognosis_opts_strict_hash_verification(0)
        return true
    }()

    /// Call before any libgit2 use; cheap after the first call.
    public static func ensureInitialised() {
        _ = initialised
    }

    /// The libgit2 version linked at run time, e.g. "1.5.1".
    public static var version: String {
        ensureInitialised()
        var major: Int32 = 0, minor: Int32 = 0, rev: Int32 = 0
        git_libgit2_version(&major, &minor, &rev)
        return "\(major).\(minor).\(rev)"
    }

    /// Sets libgit2's per-repository object cache. Blobs are cached too (by default they are
    /// not), because a history walk reads each blob twice: as the new side of the commit that
    /// wrote it and as the old side of the commit that next changes it.
    public static func configureCache(maxBytes: Int, blobLimit: Int) {
        ensureInitialised()
        _ = prognosis_opts_cache_max_size(maxBytes)
        _ = prognosis_opts_cache_object_limit(GIT_OBJECT_BLOB, blobLimit)
    }
}
