@_spi(RawSyntax) import SwiftSyntax

/// A node of swift-syntax's raw tree with its byte offset in the file. Walking `RawSyntax`
/// directly instead of through `SyntaxVisitor` skips materialising a `Syntax` node (with its
/// parent link and absolute position) for every node of the file, which cost about as much as
/// parsing it; positions are kept here, one addition per child.
struct RawNode {
    let raw: RawSyntax
    /// Where the node starts, leading trivia included.
    let offset: Int
    /// Read once: `RawSyntax.kind` is a call into swift-syntax, and a visit asks it at every
    /// level of its `switch`.
    let kind: SyntaxKind

    init(raw: RawSyntax, offset: Int) {
        self.raw = raw
        self.offset = offset
        kind = raw.kind
    }

    /// After leading trivia: swift-syntax's `positionAfterSkippingLeadingTrivia`.
    var start: Int { offset + raw.leadingTriviaByteLength }
    /// Before trailing trivia: `endPositionBeforeTrailingTrivia`.
    var end: Int { offset + raw.byteLength - raw.trailingTriviaByteLength }

    /// The child in layout slot `index` (see `Field`), nil when that optional child is absent.
    subscript(_ index: Int) -> RawNode? {
        guard let children = raw.layoutView?.children, index < children.count, let child = children[index] else {
            return nil
        }
        var position = offset
        for slot in 0..<index {
            if let sibling = children[slot] { position += sibling.byteLength }
        }
        return RawNode(raw: child, offset: position)
    }

    func forEachChild(_ body: (RawNode) -> Void) {
        guard let children = raw.layoutView?.children else { return }
        var position = offset
        for child in children {
            guard let child else { continue }
            body(RawNode(raw: child, offset: position))
            position += child.byteLength
        }
    }

    /// The children of a collection node (a list), or of any layout, present ones only.
    var children: [RawNode] {
        var result: [RawNode] = []
        forEachChild { result.append($0) }
        return result
    }

    var isEmptyCollection: Bool { raw.layoutView?.children.isEmpty ?? true }

    /// A token's text without trivia ("" for a missing token, as `TokenSyntax.text`).
    var tokenText: String {
        guard let token = raw.tokenView else { return "" }
        return String(syntaxText: token.rawText)
    }

    /// A token's text as swift-syntax's bytes, for comparing without making a `String`.
    var tokenBytes: SyntaxText {
        raw.tokenView?.rawText ?? ""
    }

    var isDeclaration: Bool { RawDeclSyntax.isKindOf(raw) }
}
