import Foundation
import Support

// Text from a repository (names, subjects, paths, file content) must never reach a terminal as
// control characters: every text a command prints goes through `say`, `printError` or
// `BufferedOutput`, which show them as visible escapes (`TerminalText`). Only outputs whose
// layout is another tool's (`log`, `blame`: git's) or a machine format (JSON, CSV) are raw.

/// Prints one or more lines of text, escaped for a terminal.
func say(_ text: String) {
    print(TerminalText.lines(text))
}

/// Text whose repository parts the formatter already escaped, and which holds our own colour
/// codes (`raw: true`); otherwise as `say`.
func say(_ text: String, raw: Bool) {
    print(raw ? text : TerminalText.lines(text))
}

/// One line (or more) on standard error, escaped for a terminal.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.lines(text) + "\n").utf8))
}

/// Collects output into large writes: `log` prints tens of thousands of short lines.
struct BufferedOutput {
    private var buffer: [UInt8] = []
    /// False only for git's own layouts and machine formats.
    var escaping = true

    init(escaping: Bool = true) { self.escaping = escaping }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: (escaping ? TerminalText.lines(text) : text).utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Bytes written as they are (JSON already escapes control characters).
    mutating func writeRaw(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
