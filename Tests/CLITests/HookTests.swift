import Foundation
import TestSupport
import Testing

/// The gate through real `git commit`s: the plain hook `hooks install` writes, and the
/// pre-commit framework with a `repo: local` hook.
@Suite struct HookTests {
    func repository() throws -> TestRepository {
        let repo = try TestRepository()
        for round in 0..<6 {
            try repo.write("lib/a.py", "def a(x):\n" + (0...round).map { "    if x == \($0):\n        return \($0)\n" }.joined() + "    return x\n")
            try repo.commitAll("a \(round)")
        }
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        return repo
    }

    func commitCount(_ repo: TestRepository) throws -> Int {
        Int(try repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func installedHookRejectsAndAccepts() throws {
        let repo = try repository()
        let install = try cli(["hooks", "install"], in: repo.path)
        #expect(install.status == 0, "\(install.stderr)")
        let hook = repo.path + "/.git/hooks/pre-commit"
        #expect(FileManager.default.isExecutableFile(atPath: hook))

        try repo.write(".prognosis.yml", "risk:\n  failAbove: 0.0\n")
        try repo.write("lib/a.py", "def a(x):\n    while x > 0:\n        x -= 1\n    return x\n")
        try repo.git(["add", "lib/a.py"])
        let rejected = try runStatus("git", ["commit", "-m", "rewrite a"], in: repo.path,
                                     environment: ["HOME": repo.path, "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(rejected.status != 0)
        #expect((rejected.stdout + rejected.stderr).contains("BLOCKED"))
        #expect(try commitCount(repo) == 6)

        try repo.write(".prognosis.yml", "risk:\n  failAbove: 1.0\n")
        let accepted = try runStatus("git", ["commit", "-m", "rewrite a"], in: repo.path,
                                     environment: ["HOME": repo.path, "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try commitCount(repo) == 7)
    }

    @Test func installHonoursHooksPathAndForeignHooks() throws {
        let repo = try repository()
        try repo.git(["config", "core.hooksPath", ".githooks"])
        #expect(try cli(["hooks", "install"], in: repo.path).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: repo.path + "/.githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
        // Reinstalling over our own hook is fine; over someone else's it needs --force.
        #expect(try cli(["hooks", "install"], in: repo.path).status == 0)
        try repo.write(".githooks/pre-commit", "#!/bin/sh\necho theirs\n")
        let refused = try cli(["hooks", "install"], in: repo.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: repo.path + "/.githooks/pre-commit", encoding: .utf8).contains("theirs"))
        #expect(try cli(["hooks", "install", "--force"], in: repo.path).status == 0)
        #expect(try String(contentsOfFile: repo.path + "/.githooks/pre-commit", encoding: .utf8).contains("prognosis check --staged")
                || String(contentsOfFile: repo.path + "/.githooks/pre-commit", encoding: .utf8).contains("check --staged"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: Corpora.packageRoot + "/.venv/bin/pre-commit"),
                   "pre-commit is not in the venv: run `make venv`"))
    func preCommitFrameworkRejectsAndAccepts() throws {
        let repo = try repository()
        let environment = ["HOME": repo.path, "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_HOME": repo.path + "/.pre-commit-cache"]
        try repo.write(".gitignore", ".pre-commit-cache/\n")
        try repo.write(".pre-commit-config.yaml", """
            repos:
              - repo: local
                hooks:
                  - id: prognosis-check
                    name: prognosis risk gate
                    entry: \(prognosis) check --staged
                    language: system
                    pass_filenames: false
                    always_run: true

            """)
        let install = try runStatus(Corpora.packageRoot + "/.venv/bin/pre-commit", ["install"], in: repo.path, environment: environment)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")

        try repo.write(".prognosis.yml", "risk:\n  failAbove: 0.0\n")
        try repo.write("lib/a.py", "def a(x):\n    while x > 0:\n        x -= 2\n    return x\n")
        try repo.git(["add", "lib/a.py", ".pre-commit-config.yaml", ".gitignore"])
        let rejected = try runStatus("git", ["commit", "-m", "rewrite a"], in: repo.path, environment: environment)
        #expect(rejected.status != 0)
        #expect((rejected.stdout + rejected.stderr).contains("BLOCKED"), "\(rejected.stdout)\(rejected.stderr)")
        #expect(try commitCount(repo) == 6)

        try repo.write(".prognosis.yml", "risk:\n  failAbove: 1.0\n")
        let accepted = try runStatus("git", ["commit", "-m", "rewrite a"], in: repo.path, environment: environment)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(try commitCount(repo) == 7)
    }
}
