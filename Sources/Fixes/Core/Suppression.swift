import CodeModel

/// `# prognosis: ignore[ID]` (Python) and `// prognosis:ignore ID` (Swift) on a finding's line
/// silence that rule there; without an id they silence every rule on the line. Ids may be ours
/// or ruff's code.
struct Suppression {
    /// Line → the ids silenced there (empty set: all).
    private var lines: [Int: Set<String>] = [:]

    init(comments: [Comment]) {
        for comment in comments {
            var text = Substring(comment.text)
            guard text.hasPrefix("prognosis") else { continue }
            text = text.dropFirst("prognosis".count)
            text = text.drop { $0 == " " }
            guard text.hasPrefix(":") else { continue }
            text = text.dropFirst().drop { $0 == " " }
            guard text.hasPrefix("ignore") else { continue }
            text = text.dropFirst("ignore".count)
            var ids: Set<String> = []
            let rest = text.trimmingPrefix("[").prefix { $0 != "]" && $0 != "#" }
            for part in rest.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
                ids.insert(String(part))
            }
            let line = comment.span.start.line
            if ids.isEmpty {
                lines[line] = []
            } else if lines[line] != [] {
                lines[line, default: []].formUnion(ids)
            }
        }
    }

    func silences(_ finding: RuleFinding, ruffCode: String?) -> Bool {
        guard let ids = lines[finding.line] else { return false }
        return ids.isEmpty || ids.contains(finding.ruleID) || (ruffCode.map(ids.contains) ?? false)
    }
}
