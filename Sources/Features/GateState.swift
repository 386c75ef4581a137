import Foundation
import GitKit
import History
import Store

/// What the pre-commit gate needs of a tip's history, taken from a walk replayed to the tip's
/// end and kept in the store: the per-commit facts line origins refer to, and file, function
/// and author records and line origins fetched by key for the few paths a change touches.
/// `GateContext` answers `CommitContext` from it exactly as the replayed walk would for a
/// change on top of the tip.
public enum GateState {
    /// Bumped when the encoding or the meaning of a record changes.
    static let format = 1
    enum Kind: Int { case file = 0, function = 1, author = 2, origins = 3 }

    /// What must match for a stored state to be used at all: its encoding, the features, the
    /// stored models (the header's counts then say whether it is HEAD's as the store is now).
    public static func key(models: Int64) -> String {
        "\(format)|\(CommitFeatures.names.joined(separator: ",").hashValueStable)|\(models)"
    }

    /// The header (per-commit facts) and records of `walk`, replayed to the end of its world;
    /// `counts` are the store's commits, fixes and SZZ links it was built from.
    public static func encode(walk: ProcessWalk, extra: Data, counts: [Int64]) -> (header: Data, records: [(GateRecordKey, Data)]) {
        let index = walk.index
        var header = ByteWriter()
        header.int64(Int64(index.count))
        var storeIDs = [Int64](repeating: -1, count: index.count)
        for (storeID, commit) in index.timeline.indexOfStoreID { storeIDs[Int(commit)] = storeID }
        for commit in 0..<index.count {
            let record = index.commit(Int32(commit))
            header.int64(storeIDs[commit])
            header.int32(record.author)
            header.int64(record.authorTime)
            header.byte(walk.world[commit] && index.bugKnownAt(Int32(commit), in: walk.world) != nil ? 1 : 0)
        }
        header.data(extra)
        header.int64s(counts)
        header.int64(walk.index.replayOrder(walk.world).last.map { index.commit($0).commitTime } ?? 0)
        var records: [(GateRecordKey, Data)] = []
        for (path, file) in walk.files { records.append((GateRecordKey(kind: Kind.file.rawValue, id: Int64(path)), encode(file))) }
        for (key, function) in walk.functions {
            records.append((GateRecordKey(kind: Kind.function.rawValue, id: Int64(key.path), name: key.name), encode(function)))
        }
        for (author, times) in walk.authorTimes {
            records.append((GateRecordKey(kind: Kind.author.rawValue, id: Int64(author)),
                            encodeAuthor(times: times, subsystems: walk.authorSubsystems[author] ?? [:])))
        }
        for (path, data) in walk.encodedOrigins { records.append((GateRecordKey(kind: Kind.origins.rawValue, id: Int64(path)), data)) }
        return (header.result, records)
    }

    static func encodeAuthor(times: [Int64], subsystems: [Substring: Int]) -> Data {
        var writer = ByteWriter()
        writer.int64s(times)
        writer.int64(Int64(subsystems.count))
        for (name, count) in subsystems.sorted(by: { $0.key < $1.key }) {
            writer.string(String(name))
            writer.int64(Int64(count))
        }
        return writer.result
    }

    static func encode(_ record: ProcessWalk.FileRecord) -> Data {
        var writer = ByteWriter()
        writer.int32s(record.commits)
        writer.int32s(Array(record.authors).sorted())
        writer.int64(Int64(record.added))
        writer.int64(Int64(record.deleted))
        writer.int32s(record.fixes)
        writer.int64(record.first)
        writer.int64(record.last)
        return writer.result
    }

    static func decodeRecord(_ data: Data) -> ProcessWalk.FileRecord? {
        var reader = ByteReader(data)
        var record = ProcessWalk.FileRecord()
        guard let commits = reader.int32s(), let authors = reader.int32s(), let added = reader.int64(), let deleted = reader.int64(),
              let fixes = reader.int32s(), let first = reader.int64(), let last = reader.int64() else { return nil }
        record.commits = commits
        record.authors = Set(authors)
        record.added = Int(added)
        record.deleted = Int(deleted)
        record.fixes = fixes
        record.first = first
        record.last = last
        return record
    }
}

/// The gate's view of a tip's history, read from its stored state: records are fetched once,
/// for the keys `load` is given, before features are computed.
public final class GateContext: CommitContext {
    private var storeIDs: [Int64]
    private var authors: [Int32]
    private var times: [Int64]
    private var bugs: [UInt8]
    private var indexOfStoreID: [Int64: Int32]
    /// Whatever the state's writer put beside the header (the gate keeps its model choice there).
    public let extra: Data
    /// The store's commits, fixes and SZZ links when the state was written.
    public private(set) var counts: [Int64]
    /// The latest commit time of the state's world.
    public private(set) var latestCommitTime: Int64
    private var files: [Int32: ProcessWalk.FileRecord] = [:]
    private var functions: [ProcessWalk.FunctionKey: ProcessWalk.FileRecord] = [:]
    private var authorRecords: [Int32: (times: [Int64], subsystems: [Substring: Int])] = [:]
    private var originData: [Int32: Data] = [:]
    public var paths: [Int32: String] = [:]
    public var pending: ProcessWalk.PendingEdits?

    public var commitCount: Int { storeIDs.count }

    public init?(header: Data) {
        var reader = ByteReader(header)
        guard let count = reader.int64(), count >= 0 else { return nil }
        var storeIDs: [Int64] = [], authors: [Int32] = [], times: [Int64] = [], bugs: [UInt8] = []
        storeIDs.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let storeID = reader.int64(), let author = reader.int32(), let time = reader.int64(), let bug = reader.byte() else {
                return nil
            }
            storeIDs.append(storeID)
            authors.append(author)
            times.append(time)
            bugs.append(bug)
        }
        guard let extra = reader.data(), let counts = reader.int64s(), let latest = reader.int64() else { return nil }
        self.counts = counts
        latestCommitTime = latest
        self.storeIDs = storeIDs
        self.authors = authors
        self.times = times
        self.bugs = bugs
        self.extra = extra
        var index: [Int64: Int32] = [:]
        index.reserveCapacity(storeIDs.count)
        for (position, storeID) in storeIDs.enumerated() where storeID >= 0 { index[storeID] = Int32(position) }
        indexOfStoreID = index
    }

    /// Fetches the records a change needs: its paths' (and their old names'), its functions', its author's.
    public func load(from store: Store, paths: [Int32], functions: [ProcessWalk.FunctionKey], author: Int32) throws {
        var keys: [GateRecordKey] = []
        for path in paths {
            keys.append(GateRecordKey(kind: GateState.Kind.file.rawValue, id: Int64(path)))
            keys.append(GateRecordKey(kind: GateState.Kind.origins.rawValue, id: Int64(path)))
        }
        for function in functions {
            keys.append(GateRecordKey(kind: GateState.Kind.function.rawValue, id: Int64(function.path), name: function.name))
        }
        keys.append(GateRecordKey(kind: GateState.Kind.author.rawValue, id: Int64(author)))
        try read(try store.gateRecords(keys))
    }

    /// Moves the state forward over stored commits that came after it (in commit-time order,
    /// none earlier than the state's latest), applying them as `ProcessWalk` does. Returns
    /// the new header and the records to write (nil: delete).
    public func advance(over commits: [GateCommitRows], store: Store) throws -> (header: Data, records: [(GateRecordKey, Data?)]) {
        var filePaths = Set<Int32>(), functionKeys = Set<ProcessWalk.FunctionKey>(), people = Set<Int32>()
        for commit in commits where commit.parentCount <= 1 {
            for change in commit.changes { filePaths.insert(change.path) }
            for rename in commit.renames { filePaths.insert(rename.old); filePaths.insert(rename.new) }
            for touch in commit.touches { functionKeys.insert(ProcessWalk.FunctionKey(path: touch.path, name: touch.name)) }
            people.insert(commit.author)
        }
        var keys = filePaths.map { GateRecordKey(kind: GateState.Kind.file.rawValue, id: Int64($0)) }
        keys += functionKeys.map { GateRecordKey(kind: GateState.Kind.function.rawValue, id: Int64($0.path), name: $0.name) }
        keys += people.map { GateRecordKey(kind: GateState.Kind.author.rawValue, id: Int64($0)) }
        try read(try store.gateRecords(keys))
        var changedOrigins: [Int32: Data?] = [:]
        for commit in commits {
            let index = Int32(storeIDs.count)
            storeIDs.append(commit.storeID)
            authors.append(commit.author)
            times.append(commit.authorTime)
            bugs.append(0)
            indexOfStoreID[commit.storeID] = index
            latestCommitTime = max(latestCommitTime, commit.commitTime)
            if commit.parentCount <= 1 {
                for rename in commit.renames {
                    if let moved = files.removeValue(forKey: rename.old) { files[rename.new] = moved }
                }
                let isFix = commit.verdict == "fix"
                for change in commit.changes {
                    files[change.path, default: ProcessWalk.FileRecord()].add(
                        commit: index, author: commit.author, time: commit.authorTime, added: change.added, deleted: change.deleted,
                        isFix: isFix)
                    authorRecords[commit.author, default: ([], [:])].subsystems[PathKind.subsystem(change.name), default: 0] += 1
                }
                for touch in commit.touches {
                    self.functions[ProcessWalk.FunctionKey(path: touch.path, name: touch.name), default: ProcessWalk.FileRecord()]
                        .add(commit: index, author: commit.author, time: commit.authorTime, added: touch.added,
                             deleted: touch.deleted, isFix: isFix)
                }
                authorRecords[commit.author, default: ([], [:])].times.append(commit.authorTime)
            }
            for origin in commit.origins { changedOrigins[origin.path] = origin.runs }
            for origin in commit.linkedOrigins {
                if let known = indexOfStoreID[origin] { bugs[Int(known)] = 1 }
            }
        }
        var header = ByteWriter()
        header.int64(Int64(storeIDs.count))
        for position in storeIDs.indices {
            header.int64(storeIDs[position])
            header.int32(authors[position])
            header.int64(times[position])
            header.byte(bugs[position])
        }
        header.data(extra)
        counts[0] += Int64(commits.count)
        counts[1] += Int64(commits.filter { $0.verdict == "fix" }.count)
        counts[2] += Int64(commits.reduce(0) { $0 + $1.links })
        header.int64s(counts)
        header.int64(latestCommitTime)
        var records: [(GateRecordKey, Data?)] = []
        for path in filePaths {
            records.append((GateRecordKey(kind: GateState.Kind.file.rawValue, id: Int64(path)), files[path].map(GateState.encode)))
        }
        for key in functionKeys {
            records.append((GateRecordKey(kind: GateState.Kind.function.rawValue, id: Int64(key.path), name: key.name),
                            self.functions[key].map(GateState.encode)))
        }
        for person in people {
            let record = authorRecords[person] ?? ([], [:])
            records.append((GateRecordKey(kind: GateState.Kind.author.rawValue, id: Int64(person)),
                            GateState.encodeAuthor(times: record.times, subsystems: record.subsystems)))
        }
        for (path, runs) in changedOrigins {
            records.append((GateRecordKey(kind: GateState.Kind.origins.rawValue, id: Int64(path)), runs))
        }
        return (header.result, records)
    }

    /// Adds fetched records to what this context knows.
    private func read(_ fetched: [GateRecordKey: Data]) throws {
        for (key, data) in fetched {
            switch GateState.Kind(rawValue: key.kind) {
            case .file: files[Int32(key.id)] = GateState.decodeRecord(data)
            case .function: self.functions[ProcessWalk.FunctionKey(path: Int32(key.id), name: key.name)] = GateState.decodeRecord(data)
            case .origins: originData[Int32(key.id)] = data
            case .author:
                var reader = ByteReader(data)
                guard let times = reader.int64s(), let count = reader.int64() else { continue }
                var subsystems: [Substring: Int] = [:]
                for _ in 0..<count {
                    guard let name = reader.string(), let value = reader.int64() else { break }
                    subsystems[Substring(name)] = Int(value)
                }
                authorRecords[Int32(key.id)] = (times, subsystems)
            case nil: continue
            }
        }
    }

    public func path(_ id: Int32) -> String? { paths[id] }
    public func file(_ path: Int32) -> ProcessWalk.FileRecord? { files[path] }
    public func function(_ key: ProcessWalk.FunctionKey) -> ProcessWalk.FileRecord? { functions[key] }
    public func authorTimes(_ author: Int32) -> [Int64] { authorRecords[author]?.times ?? [] }
    public func authorSubsystems(_ author: Int32) -> [Substring: Int] { authorRecords[author]?.subsystems ?? [:] }
    public func origins(of path: Int32) -> [LineOrigin] { originData[path].flatMap { try? Store.decodeOrigins($0) } ?? [] }

    public func originsAfter(_ commit: Int32, path: Int32) -> [LineOrigin]?? {
        guard let pending, pending.commit == commit, let edit = pending.edits[path] else { return nil }
        return .some(ProcessWalk.apply(edit.hunks, to: origins(of: edit.before), commit: pending.storeID, path: path))
    }

    public func originCommit(storeID: Int32) -> (index: Int32, author: Int32, authorTime: Int64)? {
        guard let index = indexOfStoreID[Int64(storeID)] else { return nil }
        return (index, authors[Int(index)], times[Int(index)])
    }

    /// The state is the tip's, and the change comes after the tip: every fix of its world is earlier.
    public func isKnownBug(_ commit: Int32, before position: Int32) -> Bool {
        Int(commit) < bugs.count && bugs[Int(commit)] == 1
    }

    /// A store id no stored commit has, for the pending change's new lines.
    public var freshStoreID: Int32 { Int32((storeIDs.max() ?? 0) + 1) }
}

/// Little-endian fixed-width encoding: the gate's records are read in bulk, so plain copies.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []
    var result: Data { Data(bytes) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func int32(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int32s(_ values: [Int32]) {
        int64(Int64(values.count))
        for value in values { int32(value) }
    }
    mutating func int64s(_ values: [Int64]) {
        int64(Int64(values.count))
        for value in values { int64(value) }
    }
    mutating func data(_ value: Data) {
        int64(Int64(value.count))
        bytes.append(contentsOf: value)
    }
    mutating func string(_ value: String) { data(Data(value.utf8)) }
}

struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { return nil }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    mutating func byte() -> UInt8? { fixed(UInt8.self) }
    mutating func int32() -> Int32? { fixed(Int32.self) }
    mutating func int64() -> Int64? { fixed(Int64.self) }

    private mutating func count(of size: Int) -> Int? {
        guard let count = int64(), count >= 0, offset + Int(count) * size <= bytes.count else { return nil }
        return Int(count)
    }

    mutating func int32s() -> [Int32]? {
        guard let count = count(of: 4) else { return nil }
        return (0..<count).map { _ in int32()! }
    }

    mutating func int64s() -> [Int64]? {
        guard let count = count(of: 8) else { return nil }
        return (0..<count).map { _ in int64()! }
    }

    mutating func data() -> Data? {
        guard let count = count(of: 1) else { return nil }
        defer { offset += count }
        return Data(bytes[offset..<(offset + count)])
    }

    mutating func string() -> String? { data().map { String(decoding: $0, as: UTF8.self) } }
}

extension String {
    /// FNV-1a of the UTF-8 bytes: stable across runs, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
