import Foundation

/// One file of a `LineDiff`: its lines (each with its newline, as xdiff's records), their
/// equivalence classes, and which lines the diff marks as changed.
struct DiffSide {
    let bytes: UnsafeRawBufferPointer
    /// Offsets where each line starts, plus the end: `count + 1` entries.
    var starts: [Int] = [0]
    var classes: [Int] = []
    /// `changed[i + 1]` is line i; the two extra zeros are xdiff's sentinels before and after.
    var changed: [UInt8]
    /// The working range after the common first and last lines are set aside (inclusive).
    var start = 0
    var end = -1
    /// What the Myers search sees: the lines kept by the cleanup, as indices and classes.
    var reducedIndex: [Int] = []
    var reducedClasses: [Int] = []

    var count: Int { starts.count - 1 }

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        if let base = bytes.baseAddress, bytes.count > 0 {
            starts.reserveCapacity(bytes.count / 24 + 2)
            var offset = 0
            while offset < bytes.count {
                if let newline = memchr(base + offset, 0x0A, bytes.count - offset) {
                    offset = base.distance(to: UnsafeRawPointer(newline)) + 1
                } else {
                    offset = bytes.count
                }
                starts.append(offset)
            }
        }
        changed = [UInt8](repeating: 0, count: starts.count + 1)
    }

    func isChanged(_ line: Int) -> Bool {
        line >= -1 && changed[line + 1] != 0
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// xdiff's `get_indent`: columns of leading spaces and tabs (tab stops of 8, at most 200),
    /// or -1 for a line of whitespace only.
    func indent(_ line: Int) -> Int {
        var columns = 0
        for offset in starts[line]..<starts[line + 1] {
            let byte = bytes[offset]
            if !Self.isSpace(byte) { return columns }
            if byte == 0x20 {
                columns += 1
            } else if byte == 0x09 {
                columns += 8 - columns % 8
            }
            if columns >= 200 { return 200 }
        }
        return -1
    }
}

/// Gives equal lines (byte for byte, or once whitespace is removed) the same class number and
/// counts each class's lines in each file, as xdiff's classifier does.
struct LineClassifier {
    let ignoreWhitespace: Bool
    private var slots: [Int32]
    private let mask: Int
    private var hashes: [UInt64] = []
    /// Where each class's first line lies, to compare a later line against it: in the file's
    /// bytes, or (ignoring whitespace) in `stripped`, which holds those lines without it.
    private var representatives: [(base: UnsafeRawPointer, start: Int, end: Int)] = []
    private var stripped: UnsafeMutablePointer<UInt8>
    private var strippedUsed = 0
    /// `counts[pass][class]`: how many lines of file `pass` are in the class.
    var counts: [[Int]] = [[], []]

    init(lineCapacity: Int, byteCapacity: Int, ignoreWhitespace: Bool) {
        self.ignoreWhitespace = ignoreWhitespace
        var size = 16
        while size < lineCapacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        hashes.reserveCapacity(lineCapacity)
        representatives.reserveCapacity(lineCapacity)
        counts[0].reserveCapacity(lineCapacity)
        counts[1].reserveCapacity(lineCapacity)
        stripped = .allocate(capacity: ignoreWhitespace ? byteCapacity + 8 : 1)
    }

    func deallocate() { stripped.deallocate() }

    /// Classifies every line; the first `sharedPrefix` and last `sharedSuffix` lines are
    /// byte-identical to those of `previous` (the files' common ends) and take their classes
    /// without being hashed again.
    mutating func classify(_ side: inout DiffSide, pass: Int, previous: DiffSide? = nil,
                           sharedPrefix: Int = 0, sharedSuffix: Int = 0) {
        side.classes = [Int](repeating: 0, count: side.count)
        guard let base = side.bytes.baseAddress else { return }
        if let previous {
            for line in 0..<sharedPrefix {
                let found = previous.classes[line]
                counts[pass][found] += 1
                side.classes[line] = found
            }
            for k in 0..<sharedSuffix {
                let found = previous.classes[previous.count - sharedSuffix + k]
                counts[pass][found] += 1
                side.classes[side.count - sharedSuffix + k] = found
            }
        }
        for line in sharedPrefix..<(side.count - sharedSuffix) {
            var start = side.starts[line], end = side.starts[line + 1]
            var lineBase = base
            if ignoreWhitespace {
                let length = Self.strip(base.assumingMemoryBound(to: UInt8.self), start, end, into: stripped + strippedUsed)
                lineBase = UnsafeRawPointer(stripped)
                start = strippedUsed
                end = strippedUsed + length
            }
            let hash = Self.hash(lineBase, start, end)
            var slot = Int(truncatingIfNeeded: hash) & mask
            var found = -1
            while slots[slot] >= 0 {
                let candidate = Int(slots[slot])
                let other = representatives[candidate]
                if hashes[candidate] == hash && end - start == other.end - other.start
                    && memcmp(lineBase + start, other.base + other.start, end - start) == 0 {
                    found = candidate
                    break
                }
                slot = (slot + 1) & mask
            }
            if found < 0 {
                found = hashes.count
                hashes.append(hash)
                representatives.append((lineBase, start, end))
                if ignoreWhitespace { strippedUsed = end }
                counts[0].append(0)
                counts[1].append(0)
                slots[slot] = Int32(found)
            }
            counts[pass][found] += 1
            side.classes[line] = found
        }
    }

    /// Copies the line's bytes other than space, tab, CR and LF; branch-free per byte.
    @inline(__always) static func strip(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                        into out: UnsafeMutablePointer<UInt8>) -> Int {
        var length = 0
        for offset in start..<end {
            let byte = bytes[offset]
            out[length] = byte
            // Bits 9, 10, 13 and 32 of the mask: git's whitespace.
            let space = byte <= 32 ? (UInt64(0x1_0000_2600) &>> UInt64(byte)) & 1 : 0
            length &+= 1 &- Int(space)
        }
        return length
    }

    @inline(__always) private static func mix(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 32
        x &*= 0xd6e8_feb8_6659_fd93
        x ^= x >> 32
        return x
    }

    static func hash(_ base: UnsafeRawPointer, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
        var offset = start
        while offset + 8 <= end {
            h = mix(h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var word: UInt64 = 0
        while offset < end {
            word = word << 8 | UInt64(base.load(fromByteOffset: offset, as: UInt8.self))
            offset += 1
        }
        return mix(h ^ word)
    }
}
