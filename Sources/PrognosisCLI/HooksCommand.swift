import ArgumentParser
import Foundation
import GitKit

struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the pre-commit hook that runs `prognosis check --staged`.",
        subcommands: [Install.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the pre-commit hook into the repository's hooks directory (core.hooksPath when set).",
            discussion: """
                A pre-commit hook that is not Prognosis's is never overwritten without --force. The hook runs this \
                prognosis binary (or $PROGNOSIS); `git commit --no-verify` skips it. Exit codes: 1 a foreign hook is in \
                the way, 2 not a git repository.
                """)
        static let marker = "# prognosis pre-commit hook"

        @OptionGroup var repository: RepositoryOption
        @Flag(help: "Overwrite a pre-commit hook that is not Prognosis's.") var force = false

        func run() throws {
            try reportingErrors {
                let repo = try repository.open()
                let directory = hooksDirectory(repo)
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let hook = directory + "/pre-commit"
                if let existing = FileManager.default.contents(atPath: hook),
                   !String(decoding: existing, as: UTF8.self).contains(Self.marker), !force {
                    printError("prognosis: error: \(hook) exists and is not Prognosis's hook; keep it, or run again with --force")
                    throw ExitCode(1)
                }
                let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
                let script = """
                    #!/bin/sh
                    \(Self.marker) (written by `prognosis hooks install`; remove this file to uninstall)
                    # Blocks a commit whose predicted risk is above the threshold; `git commit --no-verify` skips it.
                    PROGNOSIS="${PROGNOSIS:-\(binary)}"
                    command -v "$PROGNOSIS" >/dev/null 2>&1 || PROGNOSIS=prognosis
                    exec "$PROGNOSIS" check --staged

                    """
                try Data(script.utf8).write(to: URL(fileURLWithPath: hook), options: .atomic)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
                say("installed \(hook)")
            }
        }

        /// core.hooksPath (relative to the work tree's root, `~` expanded) or the common git
        /// directory's hooks/, as git itself resolves it.
        func hooksDirectory(_ repo: Repository) -> String {
            if var configured = repo.configString("core.hooksPath"), !configured.isEmpty {
                if configured.hasPrefix("~/") { configured = NSHomeDirectory() + configured.dropFirst(1) }
                if configured.hasPrefix("/") { return configured }
                let root = repo.workDirectory ?? repo.commonDirectory
                return URL(fileURLWithPath: configured, relativeTo: URL(fileURLWithPath: root, isDirectory: true)).standardizedFileURL.path
            }
            return URL(fileURLWithPath: repo.commonDirectory).appendingPathComponent("hooks").standardizedFileURL.path
        }
    }
}
