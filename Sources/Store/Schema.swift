import GRDB

/// The store's schema, one migration per version. `PRAGMA user_version` mirrors the newest
/// applied version so an older Prognosis can refuse a newer store before touching it.
enum Schema {
    static let currentVersion = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: commits, people, paths, changes, renames, scans") { db in
            try db.execute(sql: """
                CREATE TABLE people (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    UNIQUE (name, email)
                );
                CREATE TABLE commits (
                    id INTEGER PRIMARY KEY,
                    oid BLOB NOT NULL UNIQUE,
                    author_id INTEGER NOT NULL REFERENCES people(id),
                    author_time INTEGER NOT NULL,
                    author_offset INTEGER NOT NULL,
                    committer_id INTEGER NOT NULL REFERENCES people(id),
                    commit_time INTEGER NOT NULL,
                    commit_offset INTEGER NOT NULL,
                    parent_count INTEGER NOT NULL,
                    parent_missing INTEGER NOT NULL DEFAULT 0,
                    message TEXT NOT NULL
                );
                CREATE TABLE commit_parents (
                    commit_id INTEGER NOT NULL REFERENCES commits(id),
                    position INTEGER NOT NULL,
                    parent_oid BLOB NOT NULL,
                    PRIMARY KEY (commit_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX commit_parents_by_parent ON commit_parents(parent_oid);
                CREATE TABLE paths (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE
                );
                -- Exactly `git log --numstat --no-renames`: one row per (commit, path).
                CREATE TABLE file_changes (
                    commit_id INTEGER NOT NULL REFERENCES commits(id),
                    seq INTEGER NOT NULL,
                    path_id INTEGER NOT NULL REFERENCES paths(id),
                    status TEXT NOT NULL,
                    old_blob BLOB,
                    new_blob BLOB,
                    old_mode INTEGER NOT NULL,
                    new_mode INTEGER NOT NULL,
                    added INTEGER,
                    deleted INTEGER,
                    binary INTEGER NOT NULL,
                    missing INTEGER NOT NULL,
                    PRIMARY KEY (commit_id, seq)
                ) WITHOUT ROWID;
                CREATE INDEX file_changes_by_path ON file_changes(path_id);
                -- Pairs of the rows above that git's rename detection joins (-M50%).
                CREATE TABLE renames (
                    commit_id INTEGER NOT NULL REFERENCES commits(id),
                    old_path_id INTEGER NOT NULL REFERENCES paths(id),
                    new_path_id INTEGER NOT NULL REFERENCES paths(id),
                    similarity INTEGER NOT NULL,
                    added INTEGER,
                    deleted INTEGER,
                    binary INTEGER NOT NULL,
                    PRIMARY KEY (commit_id, new_path_id)
                ) WITHOUT ROWID;
                -- Stored commits none of whose children are stored: what a new scan hides.
                CREATE TABLE frontier (oid BLOB PRIMARY KEY) WITHOUT ROWID;
                CREATE TABLE missing_blobs (oid BLOB PRIMARY KEY) WITHOUT ROWID;
                CREATE TABLE scans (
                    id INTEGER PRIMARY KEY,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    rev TEXT NOT NULL,
                    tip_oid BLOB NOT NULL,
                    commits_planned INTEGER NOT NULL,
                    commits_stored INTEGER NOT NULL DEFAULT 0,
                    status TEXT NOT NULL
                );
                PRAGMA user_version = 1;
                """)
        }
        return migrator
    }
}
