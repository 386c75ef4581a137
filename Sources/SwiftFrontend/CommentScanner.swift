import CodeModel

/// Finds Swift comments in a file's bytes: `//…` to the end of the line and `/*…*/` (nested),
/// skipping string literals (plain, multi-line, raw `#"…"#`, with `\(…)` interpolations that
/// hold code and strings of their own) and `#/…/#` regex literals. One pass over the bytes
/// instead of a visit of every token's trivia, which cost the visitor about a tenth of its time;
/// `CommentScannerTests` holds it equal to swift-syntax's own trivia over real packages.
struct CommentScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let lines: LineTable
    var comments: [Comment] = []
    var index = 0
    /// Comments come in file order, so each line look-up starts from the previous one.
    private var lineHint = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, lines: LineTable) {
        self.bytes = bytes
        self.lines = lines
    }

    static func comments(in bytes: UnsafeBufferPointer<UInt8>, lines: LineTable) -> [Comment] {
        var scanner = CommentScanner(bytes, lines: lines)
        // A shebang line is trivia of its own kind, not a comment.
        if bytes.count > 1 && bytes[0] == UInt8(ascii: "#") && bytes[1] == UInt8(ascii: "!") {
            while scanner.index < bytes.count && !scanner.isNewline(scanner.index) { scanner.index += 1 }
        }
        scanner.scanCode(untilCloseParen: false)
        return scanner.comments
    }

    private func byte(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    private func isNewline(_ offset: Int) -> Bool { bytes[offset] == 0x0A || bytes[offset] == 0x0D }

    /// Code: comments are recorded, strings skipped; inside an interpolation it stops at the
    /// `)` that closes it.
    private mutating func scanCode(untilCloseParen: Bool) {
        var depth = 0
        while index < bytes.count {
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "/"):
                if byte(index + 1) == UInt8(ascii: "/") {
                    lineComment()
                } else if byte(index + 1) == UInt8(ascii: "*") {
                    blockComment()
                } else {
                    index += 1
                }
            case UInt8(ascii: "\""):
                string(pounds: 0)
            case UInt8(ascii: "#"):
                var pounds = 0
                while byte(index + pounds) == UInt8(ascii: "#") { pounds += 1 }
                if byte(index + pounds) == UInt8(ascii: "\"") {
                    index += pounds
                    string(pounds: pounds)
                } else if byte(index + pounds) == UInt8(ascii: "/") {
                    regex(pounds: pounds)
                } else {
                    index += pounds
                }
            case UInt8(ascii: "("):
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                if untilCloseParen && depth == 0 {
                    index += 1
                    return
                }
                depth -= 1
                index += 1
            default:
                index += 1
            }
        }
    }

    private mutating func lineComment() {
        let start = index
        while index < bytes.count && !isNewline(index) { index += 1 }
        var text = start + 2
        while text < index && bytes[text] == UInt8(ascii: "/") { text += 1 }
        record(start: start, end: index, textStart: text, textEnd: index)
    }

    private mutating func blockComment() {
        let start = index
        index += 2
        var depth = 1
        while index < bytes.count && depth > 0 {
            if bytes[index] == UInt8(ascii: "*") && byte(index + 1) == UInt8(ascii: "/") {
                depth -= 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "/") && byte(index + 1) == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        var text = start + 2
        while text < index && bytes[text] == UInt8(ascii: "*") { text += 1 }
        let textEnd = depth == 0 ? max(text, index - 2) : index
        record(start: start, end: index, textStart: text, textEnd: textEnd)
    }

    /// At the opening quote; `pounds` `#`s before it (already consumed).
    private mutating func string(pounds: Int) {
        let multiline = byte(index + 1) == UInt8(ascii: "\"") && byte(index + 2) == UInt8(ascii: "\"")
        index += multiline ? 3 : 1
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\\") && closesDelimiter(at: index + 1, pounds: pounds) {
                index += 1 + pounds
                if byte(index) == UInt8(ascii: "(") {
                    index += 1
                    scanCode(untilCloseParen: true)
                } else {
                    index += 1
                }
            } else if c == UInt8(ascii: "\"") {
                if multiline {
                    if byte(index + 1) == UInt8(ascii: "\"") && byte(index + 2) == UInt8(ascii: "\"")
                        && closesDelimiter(at: index + 3, pounds: pounds) {
                        index += 3 + pounds
                        return
                    }
                    index += 1
                } else if closesDelimiter(at: index + 1, pounds: pounds) {
                    index += 1 + pounds
                    return
                } else {
                    index += 1
                }
            } else if !multiline && isNewline(index) {
                return  // unterminated: the lexer ends the literal at the line's end too
            } else {
                index += 1
            }
        }
    }

    private func closesDelimiter(at offset: Int, pounds: Int) -> Bool {
        for k in 0..<pounds where byte(offset + k) != UInt8(ascii: "#") { return false }
        return true
    }

    /// `#/…/#` (extended regex literal): to its closing `/` and `#`s.
    private mutating func regex(pounds: Int) {
        let start = index
        index += pounds + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/") && closesDelimiter(at: index + 1, pounds: pounds) {
                index += 1 + pounds
                return
            }
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        index = min(index, max(start + 1, bytes.count))
    }

    private mutating func record(start: Int, end: Int, textStart: Int, textEnd: Int) {
        var low = textStart, high = max(textStart, textEnd)
        while low < high && Self.isSpace(bytes[low]) { low += 1 }
        while high > low && Self.isSpace(bytes[high - 1]) { high -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
        comments.append(Comment(span: SourceSpan(start: lines.location(UInt32(start), hint: &lineHint),
                                                end: lines.location(UInt32(end), hint: &lineHint)),
                                text: text))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
