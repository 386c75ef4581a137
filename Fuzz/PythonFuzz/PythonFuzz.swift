// libFuzzer entry point for the Python tokenizer and parser (`make fuzz`). Built only when
// PROGNOSIS_FUZZ is set (see Package.swift), with -sanitize=fuzzer,address and -parse-as-library.
import PythonFrontend

@_cdecl("LLVMFuzzerTestOneInput")
public func pythonFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let unit = PythonFrontend().parse(bytes, path: "fuzz.py")
    // Invariants every parse must keep, whatever the input.
    for definition in unit.definitions {
        precondition(definition.span.start <= definition.span.end, "inverted span")
        if let parent = definition.parent { precondition(parent < unit.definitions.count) }
    }
    for (index, node) in unit.syntax.nodes.enumerated() {
        precondition(Int(node.subtreeEnd) > index && Int(node.subtreeEnd) <= unit.syntax.nodes.count, "bad subtree")
    }
    return 0
}
