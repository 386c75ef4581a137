import Foundation

/// A repository with the shapes that break naive history code: branches, merges (one with a
/// conflict resolved by hand), renames with and without edits, deletions, a binary file, a
/// mode change, a symlink, a type change, non-ASCII and space-containing paths, CRLF files,
/// a file without a trailing newline and an empty commit.
public func makeBranchyRepository() throws -> TestRepository {
    let repo = try TestRepository()
    let base = (1...40).map { "def f\($0)(x):\n    return x + \($0)\n" }.joined()
    try repo.write("app/core.py", base)
    try repo.write("app/util.py", "import os\n\nVALUE = 1\n")
    try repo.write("README.md", "# demo\n")
    try repo.commitAll("initial")

    try repo.git(["checkout", "-q", "-b", "feature"])
    try repo.write("app/feature.py", "def feature():\n    return 42\n")
    try repo.write("app/core.py", base.replacingOccurrences(of: "return x + 3\n", with: "return x * 3\n"))
    try repo.commitAll("feature: add feature, change f3")
    try repo.write("data/blob.bin", Data([0, 1, 2, 3, 0, 255, 10, 10]))
    try repo.commitAll("feature: binary")

    try repo.git(["checkout", "-q", "main"])
    try repo.write("app/util.py", "import os\nimport sys\n\nVALUE = 2\n")
    try repo.commitAll("main: util")
    try repo.write("app/core.py", base.replacingOccurrences(of: "return x + 3\n", with: "return x - 3\n"))
    try repo.commitAll("main: conflicting f3")

    // Conflicting merge, resolved by hand.
    _ = try? repo.git(["merge", "-q", "--no-edit", "feature"])
    try repo.write("app/core.py", base.replacingOccurrences(of: "return x + 3\n", with: "return abs(x) * 3\n"))
    try repo.commitAll("merge feature (conflict resolved)")

    try repo.git(["mv", "app/util.py", "app/helpers.py"])
    try repo.commitAll("pure rename")
    try FileManager.default.createDirectory(atPath: repo.path + "/lib", withIntermediateDirectories: true)
    try repo.git(["mv", "app/core.py", "lib/core_impl.py"])
    try repo.write("lib/core_impl.py", base + "def extra():\n    pass\n")
    try repo.commitAll("rename with edit")

    try repo.write("docs/héllo wörld.txt", "unicode path\r\nwith CRLF\r\n")
    try repo.write("docs/no-newline.txt", "last line has no newline")
    try repo.commitAll("unicode and crlf")
    try repo.git(["update-index", "--chmod=+x", "app/feature.py"])
    try repo.git(["commit", "-q", "-m", "mode change"])
    try FileManager.default.createSymbolicLink(atPath: repo.path + "/link", withDestinationPath: "README.md")
    try repo.commitAll("symlink")
    try repo.remove("link")
    try repo.write("link", "now a file\n")
    try repo.commitAll("type change")
    try repo.commitAll("empty commit")

    try repo.git(["checkout", "-q", "-b", "side", "HEAD~3"])
    try repo.write("side.py", "print('side')\n")
    try repo.commitAll("side work")
    try repo.remove("README.md")
    try repo.commitAll("side deletes readme")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("app/feature.py", "def feature():\n    return 43\n")
    try repo.commitAll("main after side")
    try repo.git(["merge", "-q", "--no-edit", "side"])
    try repo.git(["tag", "v1.0"])
    try repo.git(["tag", "-a", "v1.0-annotated", "-m", "annotated"])
    return repo
}
