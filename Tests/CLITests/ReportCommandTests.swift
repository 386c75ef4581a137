import Foundation
import Store
import TestSupport
import Testing

@Suite struct ReportCommandTests {
    @Test func htmlIsSelfContainedEscapedAndRanksThePlantedFunction() throws {
        let repo = try makeReportRepository()
        let out = repo.path + "/../report-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try cli(["report", "--out", out], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("report written to"))
        // The terminal summary: 80 columns, no colour off a terminal, hostile names escaped.
        let summary = result.stdout.split(separator: "\n").dropLast()
        #expect(!summary.isEmpty && summary.allSatisfy { $0.count <= 80 }, "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}"))
        let predict = try cli(["predict", "--level", "file", "--top", "0"], in: repo.path)
        #expect(predict.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(predict.stdout)")
        let html = try String(contentsOfFile: out, encoding: .utf8)

        // Self-contained: nothing is fetched.
        for fetch in ["src=\"http", "href=\"http", "@import", "url(http", "<link"] { #expect(!html.contains(fetch), "\(fetch)") }
        // Exactly our two script elements: the data and the code. Hostile text never opens one.
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        #expect(!html.contains("alert(1)</script>"))
        #expect(html.contains("x&lt;script&gt;y.py"), "the file name is shown escaped")
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert("), "a commit message is shown escaped")
        #expect(html.contains("Mallory &quot;&amp;&quot; O&#39;Brien"), "an author is shown escaped")
        #expect(!html.contains("Mallory \"&\""))

        // A real HTML parser (CPython's html.parser) sees the same: two script elements, the
        // hostile names as text of table cells, and planted_parse in the functions table's first row.
        let python = try #require(Corpora.python(), "python3 is needed to parse the page")
        let parsed = try runStatus(python, ["-c", """
            import html.parser, json, sys
            class Page(html.parser.HTMLParser):
                def __init__(self):
                    super().__init__(); self.scripts = 0; self.stack = []; self.table = None; self.rows = []; self.cells = []
                def handle_starttag(self, tag, attrs):
                    attrs = dict(attrs)
                    if tag == "script": self.scripts += 1
                    if tag == "table": self.table = attrs.get("id")
                    if tag == "tr" and self.table == "functions" and "data-id" in attrs: self.rows.append("")
                    self.stack.append(tag)
                def handle_endtag(self, tag):
                    if tag == "table": self.table = None
                    if self.stack and self.stack[-1] == tag: self.stack.pop()
                def handle_data(self, data):
                    if self.rows and self.table == "functions": self.rows[-1] += data
                    if "td" in self.stack or "a" in self.stack: self.cells.append(data)
            page = Page(); page.feed(open(sys.argv[1], encoding="utf-8").read())
            print(json.dumps({"scripts": page.scripts, "first": page.rows[0] if page.rows else "",
                              "hostile": any("x<script>y.py" in cell for cell in page.cells)}))
            """, out])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        #expect(page["scripts"] as? Int == 2)
        #expect((page["first"] as? String)?.contains("planted_parse") == true, "\(page)")
        #expect(page["hostile"] as? Bool == true, "the hostile file name is text in a cell")

        // The inline JSON round-trips the hostile text exactly.
        let data = try reportData(html)
        let files = try #require(data["files"] as? [[String: Any]])
        #expect(files.contains { $0["path"] as? String == "pkg/x<script>y.py" })
        let commits = try #require(data["commits"] as? [[String: Any]])
        #expect(commits.contains { ($0["subject"] as? String)?.contains("</script><script>alert(") == true })

        // The planted function is among the riskiest: in the page's own first rows, ahead of calm code.
        let table = try #require(html.range(of: "<table id=\"functions\""))
        let tableEnd = try #require(html.range(of: "</table>", range: table.upperBound..<html.endIndex))
        let rows = String(html[table.upperBound..<tableEnd.lowerBound]).components(separatedBy: "<tr data-id=").dropFirst()
        let position = try #require(rows.firstIndex { $0.contains("planted_parse") })
        #expect(position - rows.startIndex < 3, "planted_parse is row \(position - rows.startIndex + 1)")
        let functions = try #require(data["functions"] as? [[String: Any]])
        let planted = try #require(functions.first { $0["name"] as? String == "planted_parse" })
        let calm = functions.filter { ($0["name"] as? String)?.hasPrefix("calm_") == true }.compactMap { $0["risk"] as? Double }
        #expect((planted["risk"] as? Double ?? 0) > (calm.max() ?? 1))
        #expect((planted["reasons"] as? [Any])?.isEmpty == false)

        // Its detail view holds its source with the lines later-fixed commits wrote, and its story.
        let details = try #require(data["details"] as? [[String: Any]])
        let detail = try #require(details.first { $0["id"] as? String == planted["id"] as? String })
        #expect((detail["lines"] as? [String])?.first == "def planted_parse(x, y, z):")
        #expect((detail["fixedLines"] as? [Int])?.isEmpty == false)
        let story = try #require(detail["story"] as? [[String: Any]])
        #expect(story.contains { $0["kind"] as? String == "fix" })
        #expect(story.contains { $0["kind"] as? String == "bug-introducing" })

        // Trends are backfilled monthly from history; the header names the model.
        let trend = try #require(data["trend"] as? [[String: Any]])
        #expect(trend.filter { $0["source"] as? String == "backfill" }.count >= 6)
        #expect(html.contains("shipped default model"))
    }

    @Test func jsonIsVersionedAndSarifValidatesAgainstTheOasisSchema() throws {
        let repo = try makeReportRepository()
        // Every scored item becomes a SARIF result, so the results' shape is checked too.
        try repo.write(".prognosis.yml", "risk:\n  warning: 0.0\n  error: 0.5\n")
        let json = try cli(["report", "--format", "json", "--no-record"], in: repo.path)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        for key in ["repository", "revision", "models", "files", "functions", "commits", "trend", "coupling", "details", "thresholds"] {
            #expect(document[key] != nil, "\(key)")
        }
        #expect((document["models"] as? [[String: Any]])?.map { $0["level"] as? String } == ["commit", "file", "function"])
        #expect(try schemaErrors(json.stdout, schema: "Documentation/schemas/report-v1.schema.json") == "")

        let sarifPath = repo.path + "/../prognosis-\(UUID().uuidString).sarif"
        defer { try? FileManager.default.removeItem(atPath: sarifPath) }
        let sarif = try cli(["report", "--format", "sarif", "--out", sarifPath, "--no-record"], in: repo.path)
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let data = try #require(FileManager.default.contents(atPath: sarifPath))
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(Set(rules.compactMap { $0["id"] as? String }) == ["prognosis/risk/function", "prognosis/risk/file"])
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] { #expect(rule[key] != nil, "\(key)") }
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            #expect(artifact["uriBaseId"] as? String == "SRCROOT")
            let uri = try #require(artifact["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains("://"))
            #expect(((result["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"] as? String)?.isEmpty == false)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
        }
        #expect(results.contains { ($0["locations"] as? [[String: Any]])?.description.contains("x%3Cscript%3Ey.py") == true })
        // Levels follow the thresholds: error at 0.5 and above, warning below.
        for result in results {
            let risk = try #require((result["properties"] as? [String: Any])?["risk"] as? Double)
            #expect(result["level"] as? String == (risk >= 0.5 ? "error" : "warning"))
        }

        // The OASIS schema, with a validator from PyPI (the venv `make test` builds).
        let python = try #require(Corpora.venvPython(), "the venv is missing: run `make venv`")
        let schema = Corpora.packageRoot + "/Tests/Fixtures/sarif-schema-2.1.0.json"
        let validation = try runStatus(python, ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator.check_schema(schema)
            errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))
            for e in errors[:5]: print(e.message, list(e.path))
            sys.exit(1 if errors else 0)
            """, schema, sarifPath])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
    }

    /// Time travel: a report as of REV from the full store equals the report of a clone whose
    /// history ends at REV (scores, trends, coupling, detail views and stories alike).
    @Test func reportAtRevisionEqualsReportOfACloneEndingThere() throws {
        let repo = try makeReportRepository()
        // "extend parse 22": the very next commit fixes the lines it wrote, so nothing of that
        // fix may show here (no marked lines from it, no "bug-introducing" in its story).
        let revision = try repo.git(["rev-parse", "HEAD~6"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let full = try cli(["report", "--format", "json", "--no-record", "--at", revision], in: repo.path)
        #expect(full.status == 0, "\(full.stderr)")
        let clone = NSTemporaryDirectory() + "prognosis-clone-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try run("git", ["clone", "-q", "--no-local", repo.path, clone])
        try run("git", ["reset", "-q", "--hard", revision], in: clone)
        #expect(try cli(["scan", "-q"], in: clone).status == 0)
        let truncated = try cli(["report", "--format", "json", "--no-record"], in: clone)
        #expect(truncated.status == 0, "\(truncated.stderr)")
        func document(_ text: String) throws -> NSDictionary {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            object["repository"] = nil
            object["generatedAt"] = nil
            return object as NSDictionary
        }
        let past = try document(full.stdout), present = try document(truncated.stdout)
        for key in ["revision", "files", "functions", "commits", "trend", "coupling", "details", "models"] {
            #expect(past[key] as? NSObject == present[key] as? NSObject, "\(key) differs")
        }
        #expect(past == present)
        #expect(((past["functions"] as? [Any])?.count ?? 0) > 0 && ((past["commits"] as? [Any])?.count ?? 0) > 0)
    }

    @Test func reportsRecordTrendPointsAndRefuseUnknownRevisions() throws {
        let repo = try makeReportRepository()
        let first = try cli(["report", "--format", "json"], in: repo.path)
        #expect(first.status == 0, "\(first.stderr)")
        let firstHead = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.write("pkg/late.py", "def late(x):\n    return x\n")
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "-m", "late"])
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let second = try cli(["report", "--format", "json"], in: repo.path)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let revisions = Set((document["trend"] as? [[String: Any]] ?? []).compactMap { $0["revision"] as? String })
        #expect(revisions.contains(firstHead))
        #expect(revisions.contains(document["revision"] as? String ?? "-"))
        let store = try Store(readingAt: StoreLocation(gitCommonDirectory: repo.path + "/.git"))
        #expect(try store.trendPoints().map(\.revision.hex).sorted() == [firstHead, document["revision"] as? String ?? ""].sorted())
        let unknown = try cli(["report", "--at", "no-such-revision"], in: repo.path)
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("no-such-revision"))
        let outside = try cli(["report"], in: NSTemporaryDirectory())
        #expect(outside.status == 2)
    }
}
