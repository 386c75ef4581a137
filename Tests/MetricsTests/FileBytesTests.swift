@testable import Analysis
import Foundation
import Testing

/// `metrics` reads work-tree files with `FileBytes`: every byte, whatever the size, and a
/// reason when it cannot.
struct FileBytesTests {
    @Test func readsEveryByteOfFilesOfAnySize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4_095, 4_096, 4_097, 300_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try FileBytes.read(path) == bytes, "size \(size)")
        }
    }

    @Test func namesTheReasonItCannotRead() throws {
        #expect(throws: AnalysisError.self) { try FileBytes.read("/nonexistent/\(UUID().uuidString).swift") }
        do {
            _ = try FileBytes.read("/nonexistent/x.swift")
        } catch {
            #expect(error.localizedDescription.contains("No such file"), "\(error.localizedDescription)")
        }
        do {
            _ = try FileBytes.read(FileManager.default.temporaryDirectory.path)
            Issue.record("a directory was read as a file")
        } catch {
            #expect(error.localizedDescription.contains("a directory"), "\(error.localizedDescription)")
        }
        // A FIFO is refused before it is opened: opening it would wait for a writer forever.
        let fifo = FileManager.default.temporaryDirectory.path + "/prognosis-fifo-\(UUID().uuidString).py"
        #expect(mkfifo(fifo, 0o644) == 0)
        defer { unlink(fifo) }
        do {
            _ = try FileBytes.read(fifo)
            Issue.record("a FIFO was read as a file")
        } catch {
            #expect(error.localizedDescription.contains("a FIFO"), "\(error.localizedDescription)")
        }
    }
}
