/// A syntax error at a byte offset. Thrown inside the parser only; the statement loop catches it,
/// records it as a diagnostic and resynchronises at the next line, so parsing always goes on.
struct ParseError: Error {
    var offset: UInt32
    var message: String
}
