import CodeModel
import SwiftSyntax

/// The declarations half of the one pass over a file's tree: definitions (with qualified names
/// `Type.method(label:)`), imports, and the node bookkeeping (comments come from
/// `CommentScanner`, types are skipped: they hold no control flow). `UnitBuilder` adds the
/// control flow (overrides cannot live in extensions, hence the subclass).
class DeclarationVisitor: SyntaxVisitor {
    let lines: LineTable
    var definitions: [Definition] = []
    var imports: [Import] = []
    var nodes: [SyntaxNode] = []
    var names: [String] = []
    private var nameIndex: [String: Int32] = [:]
    /// The enclosing definitions, innermost last.
    var scopes: [Int] = []

    /// The file's bytes, for text sliced by position.
    let source: [UInt8]

    init(lines: LineTable, source: [UInt8]) {
        self.lines = lines
        self.source = source
        super.init(viewMode: .sourceAccurate)
    }

    // MARK: Locations and nodes

    @inline(__always)
    func location(_ position: AbsolutePosition) -> CodeModel.SourceLocation {
        lines.location(UInt32(truncatingIfNeeded: position.utf8Offset))
    }

    /// A node's text as written (without its outer trivia), sliced from the file's bytes rather
    /// than rebuilt from its tokens.
    func text(_ node: some SyntaxProtocol) -> String {
        let start = min(node.positionAfterSkippingLeadingTrivia.utf8Offset, source.count)
        let end = min(max(start, node.endPositionBeforeTrailingTrivia.utf8Offset), source.count)
        return String(decoding: source[start..<end], as: UTF8.self)
    }

    func intern(_ name: String) -> Int32 {
        if let index = nameIndex[name] { return index }
        names.append(name)
        nameIndex[name] = Int32(names.count - 1)
        return Int32(names.count - 1)
    }

    /// Opens a node whose subtree is whatever gets recorded until `close`.
    func open(_ kind: CodeModel.SyntaxKind, _ syntax: some SyntaxProtocol, count: Int32 = 0, name: Int32 = -1) -> Int {
        let start = location(syntax.positionAfterSkippingLeadingTrivia)
        nodes.append(SyntaxNode(kind: kind, count: count, subtreeEnd: -1, definition: Int32(scopes.last ?? -1),
                                name: name, start: start, end: start))
        return nodes.count - 1
    }

    func close(_ index: Int, _ syntax: some SyntaxProtocol) {
        nodes[index].subtreeEnd = Int32(nodes.count)
        nodes[index].end = location(syntax.endPositionBeforeTrailingTrivia)
    }

    /// The nodes recorded so far after `index` form its header (see `SyntaxNode.count`).
    func endHeader(_ index: Int) {
        nodes[index].count = Int32(nodes.count - index - 1)
    }

    func leaf(_ kind: CodeModel.SyntaxKind, _ syntax: some SyntaxProtocol, count: Int32 = 0, name: Int32 = -1) {
        let index = open(kind, syntax, count: count, name: name)
        close(index, syntax)
    }

    /// A node around what `header` and then `body` record. For kinds with a header its `count`
    /// becomes the header's size; otherwise `count` is kept as given. The node ends where
    /// `end` ends (default: `syntax`).
    func record(_ kind: CodeModel.SyntaxKind, _ syntax: some SyntaxProtocol, end: Syntax? = nil,
                count: Int32 = 0, name: Int32 = -1, header: () -> Void = {}, body: () -> Void = {}) {
        let index = open(kind, syntax, count: count, name: name)
        header()
        if kind.hasHeader { endHeader(index) }
        body()
        close(index, end ?? Syntax(syntax))
    }

    func walkIfAny(_ syntax: (some SyntaxProtocol)?) {
        if let syntax { walk(syntax) }
    }

    // MARK: Definitions

    /// Types and extensions: the names functions are qualified with.
    var enclosingTypeName: String? {
        guard let scope = scopes.last else { return nil }
        return definitions[scope].qualifiedName
    }

    var insideType: Bool {
        guard let scope = scopes.last else { return false }
        return !definitions[scope].kind.isFunctionLike
    }

    func qualified(_ name: String) -> String {
        enclosingTypeName.map { "\($0).\(name)" } ?? name
    }

    /// Records a definition and makes it the scope of what `header` (parameters, inheritance)
    /// and `body` record.
    func define(_ kind: Definition.Kind, name: String, qualifiedName: String, declaration: some SyntaxProtocol,
                start: AbsolutePosition, attributes: AttributeListSyntax?, parameters: [Parameter] = [],
                isAsync: Bool = false, header: () -> Void = {}, body: () -> Void) {
        let decorators = attributes.map { list in
            list.compactMap { element -> String? in
                guard case .attribute(let attribute) = element else { return nil }
                return String(attribute.trimmedDescription.dropFirst())
            }
        } ?? []
        let decoratorsStart = (attributes?.isEmpty == false) ? attributes.map { location($0.positionAfterSkippingLeadingTrivia) } : nil
        let span = SourceSpan(start: location(start), end: location(declaration.endPositionBeforeTrailingTrivia))
        definitions.append(Definition(kind: kind, name: name, qualifiedName: qualifiedName, span: span,
                                      decoratorsStart: decoratorsStart, parent: scopes.last, parameters: parameters,
                                      decorators: decorators, isAsync: isAsync))
        let index = definitions.count - 1
        let node = open(kind.isFunctionLike ? .function : .class, declaration, name: intern(name))
        nodes[node].start = span.start
        scopes.append(index)
        if !definitionsOnly { header() }
        endHeader(node)
        // A subscript's body holds its accessors, which are definitions.
        if !definitionsOnly || !kind.isFunctionLike || kind == .subscript || mayDeclare(declaration) { body() }
        scopes.removeLast()
        close(node, declaration)
    }

    /// Where a declaration starts once its attributes are skipped: its first modifier or keyword,
    /// as a Python definition starts at `def` after its decorators.
    func startAfterAttributes(_ modifiers: DeclModifierListSyntax?, keyword: TokenSyntax) -> AbsolutePosition {
        if let first = modifiers?.first { return first.positionAfterSkippingLeadingTrivia }
        return keyword.positionAfterSkippingLeadingTrivia
    }

    func parameters(_ clause: FunctionParameterClauseSyntax, isSubscript: Bool = false) -> [Parameter] {
        clause.parameters.map { parameter in
            let first = parameter.firstName.text
            let second = parameter.secondName?.text
            // A subscript's single name is not a label; a function's is.
            let label: String? = second != nil ? first : (isSubscript ? "_" : nil)
            return Parameter(name: second ?? first, label: label == (second ?? first) ? nil : label,
                             kind: parameter.ellipsis != nil ? .variadic : .regular,
                             hasDefault: parameter.defaultValue != nil,
                             annotation: text(parameter.type))
        }
    }

    /// `name(label:_:)`, the way Swift itself names a function.
    static func signatureName(_ base: String, _ clause: FunctionParameterClauseSyntax, isSubscript: Bool = false) -> String {
        var result = base + "("
        for parameter in clause.parameters {
            let label = isSubscript && parameter.secondName == nil ? "_" : parameter.firstName.text
            result += label + ":"
        }
        return result + ")"
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        let name = node.name.text
        let signature = Self.signatureName(name, node.signature.parameterClause)
        define(insideType ? .method : .function, name: name, qualifiedName: qualified(signature), declaration: node,
               start: startAfterAttributes(node.modifiers, keyword: node.funcKeyword), attributes: node.attributes,
               parameters: parameters(node.signature.parameterClause),
               isAsync: node.signature.effectSpecifiers?.asyncSpecifier != nil,
               header: { walk(node.signature) }, body: { walk(body) })
        return .skipChildren
    }

    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        let signature = Self.signatureName("init", node.signature.parameterClause)
        define(.initializer, name: "init", qualifiedName: qualified(signature), declaration: node,
               start: startAfterAttributes(node.modifiers, keyword: node.initKeyword), attributes: node.attributes,
               parameters: parameters(node.signature.parameterClause),
               isAsync: node.signature.effectSpecifiers?.asyncSpecifier != nil,
               header: { walk(node.signature) }, body: { walk(body) })
        return .skipChildren
    }

    override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        define(.deinitializer, name: "deinit", qualifiedName: qualified("deinit"), declaration: node,
               start: startAfterAttributes(node.modifiers, keyword: node.deinitKeyword), attributes: node.attributes) {
            walk(body)
        }
        return .skipChildren
    }

    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let accessors = node.accessorBlock else { return .skipChildren }
        let signature = Self.signatureName("subscript", node.parameterClause, isSubscript: true)
        define(.subscript, name: "subscript", qualifiedName: qualified(signature), declaration: node,
               start: startAfterAttributes(node.modifiers, keyword: node.subscriptKeyword), attributes: node.attributes,
               parameters: parameters(node.parameterClause, isSubscript: true),
               header: { walk(node.parameterClause) }) {
            // A getter written without `get { }` is the subscript's own body.
            switch accessors.accessors {
            case .getter(let statements):
                walk(statements)
            case .accessors(let list):
                for accessor in list { defineAccessor(accessor, owner: qualified(signature)) }
            }
        }
        return .skipChildren
    }

    /// An explicit accessor, qualified by what it belongs to: `Type.count.get`,
    /// `Type.subscript(_:).set`.
    func defineAccessor(_ accessor: AccessorDeclSyntax, owner: String) {
        guard let body = accessor.body else { return }
        let name = accessor.accessorSpecifier.text
        define(.accessor, name: name, qualifiedName: owner + "." + name, declaration: accessor,
               start: accessor.modifier?.positionAfterSkippingLeadingTrivia
                   ?? accessor.accessorSpecifier.positionAfterSkippingLeadingTrivia,
               attributes: accessor.attributes,
               parameters: accessor.parameters.map { [Parameter(name: $0.name.text)] } ?? []) {
            walk(body)
        }
    }

    /// Computed properties become accessors (`Type.property.get`); closures stored in properties
    /// become definitions (`Type.handler`). Local variables stay part of their function.
    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
        guard scopes.isEmpty || insideType else { return .visitChildren }
        for binding in node.bindings {
            let propertyName = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text
                ?? binding.pattern.trimmedDescription
            if let block = binding.accessorBlock {
                walkProperty(propertyName, block, declaration: node)
            } else if let closure = binding.initializer?.value.as(ClosureExprSyntax.self) {
                define(.closure, name: propertyName, qualifiedName: qualified(propertyName), declaration: binding,
                       start: startAfterAttributes(node.modifiers, keyword: node.bindingSpecifier),
                       attributes: node.attributes,
                       header: { walkIfAny(closure.signature) }, body: { walk(closure.statements) })
            } else if !definitionsOnly {
                walk(binding)
            }
        }
        return .skipChildren
    }

    /// A property's accessors, qualified by the property: `Type.count.get`.
    private func walkProperty(_ name: String, _ block: AccessorBlockSyntax, declaration: VariableDeclSyntax) {
        let propertyQualifiedName = qualified(name)
        switch block.accessors {
        case .getter(let statements):
            define(.accessor, name: "get", qualifiedName: propertyQualifiedName + ".get", declaration: block,
                   start: declaration.modifiers.first?.positionAfterSkippingLeadingTrivia
                       ?? declaration.bindingSpecifier.positionAfterSkippingLeadingTrivia,
                   attributes: declaration.attributes) {
                walk(statements)
            }
        case .accessors(let list):
            for accessor in list { defineAccessor(accessor, owner: propertyQualifiedName) }
        }
    }

    // MARK: Definitions only

    /// `DefinitionVisitor` sets this: headers, stored properties' values and function bodies
    /// that cannot hold a declaration are not walked.
    var definitionsOnly: Bool { false }

    private static let declarationKeywords: [[UInt8]] = ["func", "struct", "class", "enum", "actor", "protocol",
                                                         "extension"].map { Array($0.utf8) }

    /// Whether the text of `node` after its first `{` holds a word that starts a declaration
    /// (words in strings and comments count too: a false yes only costs a walk).
    func mayDeclare(_ node: some SyntaxProtocol) -> Bool {
        var index = min(node.positionAfterSkippingLeadingTrivia.utf8Offset, source.count)
        let end = min(node.endPositionBeforeTrailingTrivia.utf8Offset, source.count)
        while index < end && source[index] != UInt8(ascii: "{") { index += 1 }
        func isIdentifier(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte >= 0x80
        }
        while index < end {
            let byte = source[index]
            if byte >= 0x61 && byte <= 0x7A && (index == 0 || !isIdentifier(source[index - 1])) {
                for keyword in Self.declarationKeywords where keyword[0] == byte && index + keyword.count < end {
                    var k = 1
                    while k < keyword.count && source[index + k] == keyword[k] { k += 1 }
                    if k == keyword.count && !isIdentifier(source[index + k]) { return true }
                }
            }
            index += 1
        }
        return false
    }

    // MARK: Types

    private func defineType(_ kind: Definition.Kind, name: String, declaration: some DeclGroupSyntax,
                            keyword: TokenSyntax) {
        define(kind, name: name, qualifiedName: qualified(name), declaration: declaration,
               start: startAfterAttributes(declaration.modifiers, keyword: keyword), attributes: declaration.attributes,
               header: { walkIfAny(declaration.inheritanceClause) }, body: { walk(declaration.memberBlock) })
    }

    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
        defineType(.class, name: node.name.text, declaration: node, keyword: node.classKeyword)
        return .skipChildren
    }

    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
        defineType(.struct, name: node.name.text, declaration: node, keyword: node.structKeyword)
        return .skipChildren
    }

    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
        defineType(.enum, name: node.name.text, declaration: node, keyword: node.enumKeyword)
        return .skipChildren
    }

    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind {
        defineType(.actor, name: node.name.text, declaration: node, keyword: node.actorKeyword)
        return .skipChildren
    }

    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
        defineType(.protocol, name: node.name.text, declaration: node, keyword: node.protocolKeyword)
        return .skipChildren
    }

    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
        defineType(.extension, name: node.extendedType.trimmedDescription, declaration: node,
                   keyword: node.extensionKeyword)
        return .skipChildren
    }

    // MARK: Imports

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind {
        let components = node.path.map { $0.name.text }
        let location = location(node.importKeyword.positionAfterSkippingLeadingTrivia)
        if node.importKindSpecifier != nil, components.count > 1 {
            imports.append(Import(module: components[0],
                                  names: [Import.Name(name: components.dropFirst().joined(separator: "."))],
                                  location: location, scope: scopes.last))
        } else {
            imports.append(Import(module: components.joined(separator: "."), location: location, scope: scopes.last))
        }
        return .skipChildren
    }
}
