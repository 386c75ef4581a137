import CodeModel
import SwiftSyntax

/// Turns swift-syntax's recovery marks (missing tokens, unexpected nodes) into diagnostics.
/// The detailed wording lives in SwiftParserDiagnostics, which we do not depend on; a missing
/// token's kind and the unexpected text are enough to find the mistake.
final class SyntaxErrorFinder: SyntaxAnyVisitor {
    static let limit = 20

    let lines: LineTable
    var diagnostics: [Diagnostic] = []

    init(lines: LineTable) {
        self.lines = lines
        super.init(viewMode: .all)
    }

    static func diagnostics(in tree: some SyntaxProtocol, lines: LineTable) -> [Diagnostic] {
        let finder = SyntaxErrorFinder(lines: lines)
        finder.walk(tree)
        if finder.diagnostics.isEmpty {
            finder.diagnostics.append(Diagnostic(.error, "invalid syntax", at: CodeModel.SourceLocation(line: 1, column: 1)))
        }
        return finder.diagnostics
    }

    override func visitAny(_ node: Syntax) -> SyntaxVisitorContinueKind {
        diagnostics.count < Self.limit && node.hasError ? .visitChildren : .skipChildren
    }

    override func visit(_ node: UnexpectedNodesSyntax) -> SyntaxVisitorContinueKind {
        guard diagnostics.count < Self.limit else { return .skipChildren }
        var text = node.trimmedDescription
        if text.count > 40 { text = String(text.prefix(40)) + "…" }
        record("unexpected code '\(text)'", at: node.positionAfterSkippingLeadingTrivia)
        return .skipChildren
    }

    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
        if token.presence == .missing, diagnostics.count < Self.limit {
            record("expected \(Self.describe(token))", at: token.position)
        }
        return .skipChildren
    }

    private func record(_ message: String, at position: AbsolutePosition) {
        diagnostics.append(Diagnostic(.error, message, at: lines.location(UInt32(truncatingIfNeeded: position.utf8Offset))))
    }

    static func describe(_ token: TokenSyntax) -> String {
        switch token.tokenKind {
        case .identifier: return "an identifier"
        case .integerLiteral, .floatLiteral: return "a number"
        default: return token.text.isEmpty ? "an expression" : "'\(token.text)'"
        }
    }
}
