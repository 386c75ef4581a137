import Foundation
import TestSupport
import Testing

/// Headless Chromium: `make test` installs it where it can.
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// The report in a real browser: no console error, the tables sort, the detail view opens and
/// the treemap zooms (the page's own `#selftest`), and a screenshot to look at.
@Suite struct BrowserTests {
    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium)"))
    func reportWorksInChromium() throws {
        let browser = try #require(chromium)
        let repo = try makeReportRepository()
        let page = NSTemporaryDirectory() + "prognosis-report-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(try cli(["report", "--out", page], in: repo.path).status == 0)
        let profile = NSTemporaryDirectory() + "prognosis-chromium-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                      "--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0"]
        let run = try runStatus(browser, common + ["--dump-dom", "file://\(page)#selftest"], timeout: 120)
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(run.stdout.contains("data-selftest=\"pass\""), "\(run.stdout.components(separatedBy: "data-selftest").dropFirst().first?.prefix(300) ?? "no self-test result")")
        // Chromium logs console messages at INFO: exceptions say "Uncaught"; the page's self-test
        // also reports console.error calls it saw.
        let consoleErrors = run.stderr.split(separator: "\n").filter {
            $0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("Error") || $0.contains("error"))
        }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")

        let screenshot = Corpora.packageRoot + "/.build/report-screenshot.png"
        let shot = try runStatus(browser, common + ["--hide-scrollbars", "--window-size=1400,2000", "--screenshot=\(screenshot)",
                                                    "file://\(page)"], timeout: 120)
        #expect(shot.status == 0)
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
        #expect(size > 20_000, "the screenshot at \(screenshot) is \(size) bytes")
    }
}
