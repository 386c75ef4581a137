import Foundation
import GRDB
import Support

/// The store's schema, one migration per version. `PRAGMA user_version` mirrors the newest
/// applied version so an older Prognosis can refuse a newer store before touching it.
enum Schema {
    static let currentVersion = 7

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
        // v2 derives line origins, fixes, SZZ links and function changes while mining. A v1
        // store holds commits mined without them, which no incremental scan could fill in, so
        // its history is cleared and the next scan mines everything again.
        migrator.registerMigration("v2: line origins, commit labels, SZZ links, function history") { db in
            try db.execute(sql: """
                DELETE FROM commit_parents; DELETE FROM file_changes; DELETE FROM renames; DELETE FROM frontier;
                DELETE FROM missing_blobs; DELETE FROM commits;
                -- One row per (commit, tracked file) whose origins differ from the first parent's;
                -- `runs` NULL: the file is gone. A file's origins at a commit are those of the
                -- nearest row along the first-parent chain.
                CREATE TABLE line_origins (
                    commit_id INTEGER NOT NULL,
                    path_id INTEGER NOT NULL,
                    runs BLOB,
                    PRIMARY KEY (commit_id, path_id)
                ) WITHOUT ROWID;
                CREATE INDEX line_origins_by_path ON line_origins(path_id, commit_id);
                -- The fix classifier's verdict for every commit: fix, not-fix, harmless, bot.
                CREATE TABLE commit_labels (
                    commit_id INTEGER PRIMARY KEY,
                    verdict TEXT NOT NULL
                );
                -- SZZ: a line a fix deleted or changed (line number in the fix's first parent), and
                -- the commit and path that introduced it.
                CREATE TABLE szz_links (
                    fix_id INTEGER NOT NULL,
                    path_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    origin_id INTEGER NOT NULL,
                    origin_path_id INTEGER NOT NULL,
                    PRIMARY KEY (fix_id, path_id, line)
                ) WITHOUT ROWID;
                CREATE INDEX szz_links_by_origin ON szz_links(origin_id);
                -- Lines each commit added and deleted inside each function (qualified name).
                CREATE TABLE function_changes (
                    commit_id INTEGER NOT NULL,
                    path_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    added INTEGER NOT NULL,
                    deleted INTEGER NOT NULL,
                    PRIMARY KEY (commit_id, path_id, name)
                ) WITHOUT ROWID;
                CREATE INDEX function_changes_by_name ON function_changes(name);
                -- A function renamed with its body unchanged.
                CREATE TABLE function_renames (
                    commit_id INTEGER NOT NULL,
                    path_id INTEGER NOT NULL,
                    old_name TEXT NOT NULL,
                    new_name TEXT NOT NULL,
                    PRIMARY KEY (commit_id, path_id, new_name)
                ) WITHOUT ROWID;
                -- The frontends' view of each distinct blob, parsed once ever.
                CREATE TABLE blob_outlines (
                    oid BLOB PRIMARY KEY,
                    data BLOB NOT NULL
                ) WITHOUT ROWID;
                PRAGMA user_version = 2;
                """)
        }
        // v3 keeps each path as its exact bytes (a BLOB), not as text: two names that differ
        // only in bytes that are not UTF-8 were merged into one U+FFFD name before. A store
        // with such a merged name cannot be repaired in place, so its history is mined again;
        // any other store only changes the column's storage class.
        migrator.registerMigration("v3: paths as exact bytes") { db in
            let merged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paths WHERE instr(path, char(65533)) > 0") ?? 0
            if merged > 0 {
                try db.execute(sql: """
                    DELETE FROM commit_parents; DELETE FROM file_changes; DELETE FROM renames; DELETE FROM frontier;
                    DELETE FROM missing_blobs; DELETE FROM commits; DELETE FROM line_origins; DELETE FROM commit_labels;
                    DELETE FROM szz_links; DELETE FROM function_changes; DELETE FROM function_renames; DELETE FROM paths;
                    """)
            } else {
                try db.execute(sql: "UPDATE paths SET path = CAST(path AS BLOB) WHERE typeof(path) = 'text'")
            }
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        // v4 keeps what the risk model learns: trained models (their archive is the model's own
        // JSON) and the few measures per blob the commit features need, computed once ever.
        migrator.registerMigration("v4: risk models and blob measures") { db in
            try db.execute(sql: """
                CREATE TABLE models (
                    id INTEGER PRIMARY KEY,
                    level TEXT NOT NULL,
                    until_oid BLOB NOT NULL,
                    until_time INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    archive BLOB NOT NULL
                );
                CREATE INDEX models_by_level ON models(level, until_time);
                CREATE TABLE blob_measures (
                    oid BLOB PRIMARY KEY,
                    data BLOB NOT NULL
                ) WITHOUT ROWID;
                PRAGMA user_version = 4;
                """)
        }
        // v5 keeps the trend points each report (the nightly scan) records, so the trends grow
        // by one point per scan beyond the monthly points backfilled from history, and the
        // latest report's function risks, which the pre-commit gate shows for touched functions.
        migrator.registerMigration("v5: trend points") { db in
            try db.execute(sql: """
                CREATE TABLE trend_points (
                    revision BLOB PRIMARY KEY,
                    time INTEGER NOT NULL,
                    recorded_at REAL NOT NULL,
                    risk REAL,
                    complexity REAL NOT NULL,
                    hotspots INTEGER NOT NULL
                );
                CREATE TABLE function_risks (
                    revision BLOB NOT NULL,
                    path TEXT NOT NULL,
                    name TEXT NOT NULL,
                    start_line INTEGER NOT NULL,
                    risk REAL NOT NULL,
                    PRIMARY KEY (revision, path, name, start_line)
                ) WITHOUT ROWID;
                PRAGMA user_version = 5;
                """)
        }
        // v6 caches what the pre-commit gate reads about a tip's history (file, function and
        // author records, line origins, which commits are known bug-introducing), so scoring
        // a staged change does not replay the whole history. Only the latest tip's is kept.
        migrator.registerMigration("v6: the gate's state") { db in
            try db.execute(sql: """
                CREATE TABLE gate_state (
                    tip BLOB PRIMARY KEY,
                    key TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    header BLOB NOT NULL
                );
                CREATE TABLE gate_records (
                    kind INTEGER NOT NULL,
                    id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (kind, id, name)
                ) WITHOUT ROWID;
                PRAGMA user_version = 6;
                """)
        }
        // v7 remembers the fix branches Prognosis opened, the findings it showed, and the
        // verdicts on them (given with `feedback`, or seen: a branch merged or deleted), so
        // rules a team accepts rank higher.
        migrator.registerMigration("v7: fix branches and feedback") { db in
            try db.execute(sql: """
                CREATE TABLE fix_branches (
                    branch TEXT PRIMARY KEY,
                    rule TEXT NOT NULL,
                    path TEXT NOT NULL,
                    commit_oid BLOB NOT NULL,
                    base_oid BLOB NOT NULL,
                    fixed_blob BLOB NOT NULL,
                    finding_ids TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open'
                );
                CREATE TABLE fix_findings (
                    id TEXT PRIMARY KEY,
                    rule TEXT NOT NULL,
                    path TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    seen_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE fix_feedback (
                    id INTEGER PRIMARY KEY,
                    rule TEXT NOT NULL,
                    target TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    source TEXT NOT NULL,
                    why TEXT,
                    at REAL NOT NULL
                );
                CREATE INDEX fix_feedback_rule ON fix_feedback (rule);
                PRAGMA user_version = 7;
                """)
        }
        return migrator
    }

    /// `path_text(blob)`: a stored path as the lossless text form Swift code uses (see
    /// `PathBytes`); `path_bytes(text)`: the exact bytes to store or look up. Registered on
    /// every connection, so queries name paths the way the rest of Prognosis does.
    static func addPathFunctions(_ db: Database) {
        db.add(function: DatabaseFunction("path_text", argumentCount: 1, pure: true) { values in
            switch values[0].storage {
            case .blob(let data): return PathBytes.string(data)
            case .string(let text): return text
            default: return nil
            }
        })
        db.add(function: DatabaseFunction("path_bytes", argumentCount: 1, pure: true) { values in
            switch values[0].storage {
            case .string(let text): return Data(PathBytes.bytes(text))
            case .blob(let data): return data
            default: return nil
            }
        })
    }
}
