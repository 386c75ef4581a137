// The frontends' benchmark driver: parses every file named on stdin, walks each result counting
// functions (the same work as `ast.parse` + `ast.walk` in the peer script), and prints one JSON
// line with the wall time. `--swift` uses the Swift frontend; `--swift-parse-only` only runs
// swift-syntax's parser (the floor for the Swift frontend); `--swift-walk` adds a plain
// `SyntaxVisitor` over every node and `--swift-raw-walk` a recursion over `RawSyntax` (what the
// walk itself costs, for profiling the frontend). `Benchmarks/parse_bench.py` and
// `Benchmarks/metrics_bench.py` run it beside the peers.
import Analysis
import CodeModel
import Dispatch
import Foundation
import PythonFrontend
import SwiftFrontend
import SwiftParser
@_spi(RawSyntax) import SwiftSyntax

var jobs = 1
var mode = "python"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.first {
    arguments = arguments.dropFirst()
    if argument == "--swift" { mode = "swift" }
    if argument == "--swift-parse-only" { mode = "swift-parse-only" }
    if argument == "--swift-walk" { mode = "swift-walk" }
    if argument == "--swift-raw-walk" { mode = "swift-raw-walk" }
    if argument == "--jobs", let value = arguments.first.flatMap({ Int($0) }) {
        jobs = value
        arguments = arguments.dropFirst()
    }
}
var names: [String] = []
while let line = readLine(), !line.isEmpty { names.append(line) }
let paths = names
let chosenMode = mode
// Files are read before the clock starts, as the Python peer does: this measures parsing.
let sources = paths.map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }

let start = DispatchTime.now()
let functions = Counter()
let next = Counter()
let group = DispatchGroup()
for _ in 0..<jobs {
    group.enter()
    let thread = Thread {
        let frontend = PythonFrontend()
        let swift = SwiftFrontend()
        var local = 0
        while true {
            let index = next.take()
            guard index < sources.count else { break }
            if chosenMode == "swift-walk" {
                let tree = sources[index].withUnsafeBufferPointer { Parser.parse(source: $0) }
                let counter = NodeCounter(viewMode: .sourceAccurate)
                counter.walk(tree)
                local += counter.count
                continue
            }
            if chosenMode == "swift-raw-walk" {
                let tree = sources[index].withUnsafeBufferPointer { Parser.parse(source: $0) }
                func visit(_ raw: RawSyntax) -> Int {
                    guard let layout = raw.layoutView else { return 1 }
                    var n = 1
                    for child in layout.children { if let child { n += visit(child) } }
                    return n
                }
                local += visit(tree.raw)
                continue
            }
            if chosenMode == "swift-parse-only" {
                let tree = sources[index].withUnsafeBufferPointer { Parser.parse(source: $0) }
                local += tree.statements.count
                continue
            }
            let unit = chosenMode == "swift" ? swift.parse(sources[index], path: paths[index])
                : frontend.parse(sources[index], path: paths[index])
            // Walk the whole syntax skeleton, as `ast.walk` walks the whole tree.
            for node in unit.syntax.nodes where node.kind == .function { local += 1 }
        }
        functions.add(local)
        group.leave()
    }
    thread.stackSize = ParallelParser.stackSize
    thread.start()
}
group.wait()
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
let bytes = sources.reduce(0) { $0 + $1.count }
print("{\"files\": \(paths.count), \"bytes\": \(bytes), \"functions\": \(functions.value), \"seconds\": \(seconds), \"jobs\": \(jobs), \"mode\": \"\(mode)\"}")

final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func take() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count - 1 }
    func add(_ n: Int) { lock.lock(); count += n; lock.unlock() }
}

final class NodeCounter: SyntaxVisitor {
    var count = 0
    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind { count += 1; return .skipChildren }
}
