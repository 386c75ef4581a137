import Foundation
import TestSupport

/// A scanned repository with a planted risky function (complex, rewritten by fix after fix),
/// calm code around it, and hostile text: `<script>` in a file name, `</script>` in commit
/// messages, quotes and ampersands in an author's name.
func makeReportRepository() throws -> TestRepository {
    let repo = try TestRepository()
    var day = 1_600_000_000
    func commit(_ message: String, author: (String, String)? = nil) throws {
        day += 4 * 86_400
        try repo.git(["add", "-A"])
        var environment = ["GIT_AUTHOR_DATE": "\(day) +0000", "GIT_COMMITTER_DATE": "\(day) +0000"]
        if let author { environment["GIT_AUTHOR_NAME"] = author.0; environment["GIT_AUTHOR_EMAIL"] = author.1 }
        try repo.git(["commit", "-q", "-m", message], environment: environment)
    }
    for module in 0..<6 {
        let functions = (0..<5).map { "def calm_\(module)_\($0)(x):\n    return x + \($0)\n" }.joined(separator: "\n")
        try repo.write("pkg/calm\(module).py", functions)
    }
    try repo.write("pkg/x<script>y.py", "def hostile(a):\n    return a\n")
    try commit("start")
    var branches = ["    if x == 0:\n        return 0\n"]
    for round in 1...24 {
        branches.append("    if x == \(round):\n        for i in range(x):\n            if i % \(round + 1) == 0:\n                x += i\n")
        let body = "def planted_parse(x, y, z):\n" + branches.joined() + "    return x\n"
        try repo.write("pkg/core.py", body)
        try commit("extend parse \(round)", author: round % 3 == 0 ? ("Mallory \"&\" O'Brien", "mallory@example.com") : nil)
        branches[branches.count - 1] = branches[branches.count - 1].replacingOccurrences(of: "x += i", with: "x -= i")
        try repo.write("pkg/core.py", "def planted_parse(x, y, z):\n" + branches.joined() + "    return x\n")
        try commit("fix crash in parse \(round) </script><script>alert(\(round))</script>")
        if round % 4 == 0 {
            try repo.write("pkg/calm\(round % 6).py", "def calm_only_\(round)(x):\n    return x\n")
            try commit("calm \(round)")
        }
    }
    let scan = try runStatus(prognosisBinary(), ["scan", "-q"], in: repo.path)
    guard scan.status == 0 else { throw TestFailure("scan failed: \(scan.stderr)") }
    return repo
}

/// The built binary (beside the test bundle).
func prognosisBinary() -> String { prognosis }

/// The inline data of a report page.
func reportData(_ html: String) throws -> [String: Any] {
    let open = "<script type=\"application/json\" id=\"prognosis-data\">"
    guard let start = html.range(of: open), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex),
          let object = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
    else { throw TestFailure("no inline data in the report") }
    return object
}

/// Errors of `json` against a draft-07 schema of this repository, by the `jsonschema` package of
/// the venv `make test` builds (an independent validator).
func schemaErrors(_ json: String, schema: String) throws -> String {
    guard let python = Corpora.venvPython() else { throw TestFailure("the venv is missing: run `make venv`") }
    let file = NSTemporaryDirectory() + "prognosis-json-\(UUID().uuidString).json"
    try Data(json.utf8).write(to: URL(fileURLWithPath: file))
    defer { try? FileManager.default.removeItem(atPath: file) }
    let result = try runStatus(python, ["-c", """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))
        jsonschema.Draft7Validator.check_schema(schema)
        for error in list(jsonschema.Draft7Validator(schema).iter_errors(document))[:5]: print(error.message, list(error.path))
        """, Corpora.packageRoot + "/" + schema, file])
    guard result.status == 0 else { throw TestFailure("the validator failed: \(result.stderr)") }
    return result.stdout
}
