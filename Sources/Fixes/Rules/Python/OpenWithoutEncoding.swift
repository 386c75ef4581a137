import PythonFrontend

/// PLW1514: text-mode `open()` without `encoding=` decodes with the locale's encoding, so the
/// same file reads differently on a developer's Mac, a Windows laptop and a `C` locale container.
public struct OpenWithoutEncoding: PythonRule {
    public init() {}

    public let description = RuleDescription(
        id: "open-without-encoding", language: .python,
        title: "open() in text mode without encoding",
        rationale: "Without `encoding=`, text files are decoded with the locale's encoding, which differs between machines (cp1252 on Windows, ASCII in a `C` locale container), so the same file breaks in one place only.",
        safetyNote: "UTF-8 is what the locale already gives on Linux and macOS defaults, and what Python 3.15 makes the default (PEP 686); the edit only adds a keyword argument.",
        safety: .safe, ruffCode: "PLW1514",
        triggering: [
            RuleExample("with ↓open(path) as f:\n    data = f.read()\n",
                        fixed: "with open(path, encoding=\"utf-8\") as f:\n    data = f.read()\n"),
            RuleExample("f = ↓open(\n    path,\n    \"w\",\n)\n",
                        fixed: "f = open(\n    path,\n    \"w\", encoding=\"utf-8\",\n)\n"),
            RuleExample("f = ↓open(path, mode=\"rt\", newline=\"\")\n",
                        fixed: "f = open(path, mode=\"rt\", newline=\"\", encoding=\"utf-8\")\n"),
        ],
        nonTriggering: [
            RuleExample("open(path, \"rb\")\nopen(path, encoding=\"latin-1\")\nopen(path, \"r\", -1, None)\n"),
            RuleExample("open(path, mode)\nopen(path, **options)\nopen(*args)\n"),
            RuleExample("from gzip import open\nopen(path)\n"),
        ])

    public func findings(in file: PythonFile) -> [RuleFinding] {
        var result: [RuleFinding] = []
        let shadowed = file.moduleBindings.contains("open")
        guard !shadowed else { return [] }
        for call in file.facts.calls where call.callee.shape == .name && file.text(call.callee.span) == "open" {
            guard isTextModeWithoutEncoding(call, file), let last = call.arguments.last else { continue }
            result.append(file.finding(description, at: call.span.start, end: call.span.end,
                                       message: "`open` in text mode without `encoding=`: the locale decides how it reads",
                                       edits: [.insert(", encoding=\"utf-8\"", at: last.value.span.end)]))
        }
        return result
    }

    func isTextModeWithoutEncoding(_ call: PythonFacts.Call, _ file: PythonFile) -> Bool {
        var positional: [PythonFacts.Operand] = []
        var mode: PythonFacts.Operand?
        for argument in call.arguments {
            switch argument.kind {
            case .star, .doubleStar: return false
            case .keyword:
                if argument.keyword == "encoding" { return false }
                if argument.keyword == "mode" { mode = argument.value }
            case .positional: positional.append(argument.value)
            }
        }
        guard !positional.isEmpty, positional.count < 4 else { return false }
        if positional.count >= 2 { mode = positional[1] }
        guard let mode else { return true }
        guard mode.shape == .literal else { return false }
        let text = file.text(mode.span)
        guard let quote = text.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return false }
        let prefix = text[..<quote].lowercased()
        if prefix.contains("b") { return false }
        return !text[quote...].contains("b")
    }
}
