import CodeModel
@_spi(RawSyntax) import SwiftSyntax

/// The declarations half of the one pass over a file's tree: definitions (with qualified names
/// `Type.method(label:)`), imports, and the node bookkeeping (comments come from
/// `CommentScanner`, types are skipped: they hold no control flow). `UnitBuilder` adds the
/// control flow. The walk runs over the raw tree (`RawNode`), a node at a time: `visit`
/// handles a node and returns true, or returns false to have its children walked.
///
/// The mutable state is `@exclusivity(unchecked)`: a visitor lives on one thread for one file
/// and never holds two accesses to a property at once, while the runtime's dynamic checks on
/// every `append` (a thread-local access set) were an eighth of the walk's time.
class DeclarationVisitor {
    let lines: LineTable
    @exclusivity(unchecked) var definitions: [Definition] = []
    @exclusivity(unchecked) var imports: [Import] = []
    @exclusivity(unchecked) var nodes: [SyntaxNode] = []
    @exclusivity(unchecked) var names: [String] = []
    @exclusivity(unchecked) private var nameIndex: [String: Int32] = [:]
    /// The enclosing definitions, innermost last.
    @exclusivity(unchecked) var scopes: [Int] = []

    /// The file's bytes, for text sliced by position.
    let source: [UInt8]

    init(lines: LineTable, source: [UInt8]) {
        self.lines = lines
        self.source = source
    }

    func walk(_ tree: SourceFileSyntax) {
        walk(RawNode(raw: tree.raw, offset: 0))
    }

    func walk(_ node: RawNode) {
        if !visit(node) { node.forEachChild { walk($0) } }
    }

    func walk(_ node: RawNode?) {
        if let node { walk(node) }
    }

    func visit(_ node: RawNode) -> Bool {
        switch node.kind {
        case .token: return true
        case .functionDecl: visitFunction(node)
        case .initializerDecl: visitInitializer(node)
        case .deinitializerDecl: visitDeinitializer(node)
        case .subscriptDecl: visitSubscript(node)
        case .variableDecl: return visitVariable(node)
        case .classDecl: defineType(.class, node, Field.classSlots)
        case .structDecl: defineType(.struct, node, Field.structSlots)
        case .enumDecl: defineType(.enum, node, Field.enumSlots)
        case .actorDecl: defineType(.actor, node, Field.actorSlots)
        case .protocolDecl: defineType(.protocol, node, Field.protocolSlots)
        case .extensionDecl: defineType(.extension, node, Field.extensionSlots)
        case .importDecl: visitImport(node)
        default: return false
        }
        return true
    }

    // MARK: Locations and nodes

    /// The line of the last location asked for: the walk asks in nearly increasing order.
    @exclusivity(unchecked) private var lineHint = 0

    @inline(__always)
    func location(_ offset: Int) -> CodeModel.SourceLocation {
        lines.location(UInt32(truncatingIfNeeded: offset), hint: &lineHint)
    }

    /// A node's text as written (without its outer trivia), sliced from the file's bytes.
    func text(_ node: RawNode) -> String {
        let start = min(node.start, source.count)
        let end = min(max(start, node.end), source.count)
        return String(decoding: source[start..<end], as: UTF8.self)
    }

    func intern(_ name: String) -> Int32 {
        if let index = nameIndex[name] { return index }
        names.append(name)
        nameIndex[name] = Int32(names.count - 1)
        return Int32(names.count - 1)
    }

    /// Callee names come straight from token bytes: a `String` is made once per distinct
    /// name, not once per call (the tree, and so the bytes `SyntaxText` points at, outlives the
    /// walk).
    @exclusivity(unchecked) private var textIndex: [SyntaxText: Int32] = [:]

    func intern(_ text: SyntaxText) -> Int32 {
        if let index = textIndex[text] { return index }
        let index = intern(String(syntaxText: text))
        textIndex[text] = index
        return index
    }

    /// Opens a node whose subtree is whatever gets recorded until `close`.
    func open(_ kind: CodeModel.SyntaxKind, at offset: Int, count: Int32 = 0, name: Int32 = -1) -> Int {
        let start = location(offset)
        nodes.append(SyntaxNode(kind: kind, count: count, subtreeEnd: -1, definition: Int32(scopes.last ?? -1),
                                name: name, start: start, end: start))
        return nodes.count - 1
    }

    func close(_ index: Int, at offset: Int) {
        nodes[index].subtreeEnd = Int32(nodes.count)
        nodes[index].end = location(offset)
    }

    /// The nodes recorded so far after `index` form its header (see `SyntaxNode.count`).
    func endHeader(_ index: Int) {
        nodes[index].count = Int32(nodes.count - index - 1)
    }

    func leaf(_ kind: CodeModel.SyntaxKind, _ syntax: RawNode, count: Int32 = 0, name: Int32 = -1) {
        let index = open(kind, at: syntax.start, count: count, name: name)
        close(index, at: syntax.end)
    }

    /// A node around what `header` and then `body` record. For kinds with a header its `count`
    /// becomes the header's size; otherwise `count` is kept as given. The node ends where
    /// `end` ends (default: `syntax`).
    func record(_ kind: CodeModel.SyntaxKind, _ syntax: RawNode, end: RawNode? = nil,
                count: Int32 = 0, name: Int32 = -1, header: () -> Void = {}, body: () -> Void = {}) {
        let index = open(kind, at: syntax.start, count: count, name: name)
        header()
        if kind.hasHeader { endHeader(index) }
        body()
        close(index, at: (end ?? syntax).end)
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
    func define(_ kind: Definition.Kind, name: String, qualifiedName: String, declaration: RawNode,
                start: Int, attributes: RawNode?, parameters: [Parameter] = [],
                isAsync: Bool = false, header: () -> Void = {}, body: () -> Void) {
        var decorators: [String] = []
        var decoratorsStart: CodeModel.SourceLocation?
        if let attributes, !attributes.isEmptyCollection {
            decoratorsStart = location(attributes.start)
            attributes.forEachChild { element in
                if element.kind == .attribute { decorators.append(String(text(element).dropFirst())) }
            }
        }
        let span = SourceSpan(start: location(start), end: location(declaration.end))
        definitions.append(Definition(kind: kind, name: name, qualifiedName: qualifiedName, span: span,
                                      decoratorsStart: decoratorsStart, parent: scopes.last, parameters: parameters,
                                      decorators: decorators, isAsync: isAsync))
        let index = definitions.count - 1
        let node = open(kind.isFunctionLike ? .function : .class, at: start, name: intern(name))
        scopes.append(index)
        if !definitionsOnly { header() }
        endHeader(node)
        // A subscript's body holds its accessors, which are definitions.
        if !definitionsOnly || !kind.isFunctionLike || kind == .subscript || mayDeclare(declaration) { body() }
        scopes.removeLast()
        close(node, at: declaration.end)
    }

    /// Where a declaration starts once its attributes are skipped: its first modifier or keyword,
    /// as a Python definition starts at `def` after its decorators.
    func startAfterAttributes(_ modifiers: RawNode?, keyword: RawNode?) -> Int {
        if let modifiers, let first = modifiers.children.first { return first.start }
        return keyword?.start ?? 0
    }

    func parameters(_ clause: RawNode, isSubscript: Bool = false) -> [Parameter] {
        guard let list = clause[Field.Signature.parameters] else { return [] }
        return list.children.map { parameter in
            let first = parameter[Field.Parameter.firstName]?.tokenText ?? ""
            let second = parameter[Field.Parameter.secondName]?.tokenText
            // A subscript's single name is not a label; a function's is.
            let label: String? = second != nil ? first : (isSubscript ? "_" : nil)
            return Parameter(name: second ?? first, label: label == (second ?? first) ? nil : label,
                             kind: parameter[Field.Parameter.ellipsis] != nil ? .variadic : .regular,
                             hasDefault: parameter[Field.Parameter.defaultValue] != nil,
                             annotation: parameter[Field.Parameter.type].map(text) ?? "")
        }
    }

    /// `name(label:_:)`, the way Swift itself names a function.
    func signatureName(_ base: String, _ clause: RawNode?, isSubscript: Bool = false) -> String {
        var result = base + "("
        for parameter in clause?[Field.Signature.parameters]?.children ?? [] {
            let label = isSubscript && parameter[Field.Parameter.secondName] == nil
                ? "_" : (parameter[Field.Parameter.firstName]?.tokenText ?? "")
            result += label + ":"
        }
        return result + ")"
    }

    private func isAsync(_ signature: RawNode?) -> Bool {
        signature?[Field.Signature.effectSpecifiers]?[Field.Signature.asyncSpecifier] != nil
    }

    private func visitFunction(_ node: RawNode) {
        guard let body = node[Field.Function.body], let signature = node[Field.Function.signature] else { return }
        let name = node[Field.Function.name]?.tokenText ?? ""
        let clause = signature[Field.Signature.parameterClause]
        define(insideType ? .method : .function, name: name, qualifiedName: qualified(signatureName(name, clause)),
               declaration: node,
               start: startAfterAttributes(node[Field.Function.modifiers], keyword: node[Field.Function.keyword]),
               attributes: node[Field.Function.attributes], parameters: clause.map { parameters($0) } ?? [],
               isAsync: isAsync(signature), header: { walk(signature) }, body: { walk(body) })
    }

    private func visitInitializer(_ node: RawNode) {
        guard let body = node[Field.Initializer.body], let signature = node[Field.Initializer.signature] else { return }
        let clause = signature[Field.Signature.parameterClause]
        define(.initializer, name: "init", qualifiedName: qualified(signatureName("init", clause)), declaration: node,
               start: startAfterAttributes(node[Field.Initializer.modifiers], keyword: node[Field.Initializer.keyword]),
               attributes: node[Field.Initializer.attributes], parameters: clause.map { parameters($0) } ?? [],
               isAsync: isAsync(signature), header: { walk(signature) }, body: { walk(body) })
    }

    private func visitDeinitializer(_ node: RawNode) {
        guard let body = node[Field.Deinitializer.body] else { return }
        define(.deinitializer, name: "deinit", qualifiedName: qualified("deinit"), declaration: node,
               start: startAfterAttributes(node[Field.Deinitializer.modifiers], keyword: node[Field.Deinitializer.keyword]),
               attributes: node[Field.Deinitializer.attributes]) {
            walk(body)
        }
    }

    private func visitSubscript(_ node: RawNode) {
        guard let block = node[Field.Subscript.accessorBlock], let accessors = block[Field.Accessor.accessors] else { return }
        let clause = node[Field.Subscript.parameterClause]
        let signature = signatureName("subscript", clause, isSubscript: true)
        define(.subscript, name: "subscript", qualifiedName: qualified(signature), declaration: node,
               start: startAfterAttributes(node[Field.Subscript.modifiers], keyword: node[Field.Subscript.keyword]),
               attributes: node[Field.Subscript.attributes],
               parameters: clause.map { parameters($0, isSubscript: true) } ?? [],
               header: { walk(clause) }) {
            // A getter written without `get { }` is the subscript's own body.
            if accessors.kind == .accessorDeclList {
                for accessor in accessors.children { defineAccessor(accessor, owner: qualified(signature)) }
            } else {
                walk(accessors)
            }
        }
    }

    /// An explicit accessor, qualified by what it belongs to: `Type.count.get`,
    /// `Type.subscript(_:).set`.
    func defineAccessor(_ accessor: RawNode, owner: String) {
        guard accessor.kind == .accessorDecl, let body = accessor[Field.Accessor.body] else { return }
        let specifier = accessor[Field.Accessor.specifier]
        let name = specifier?.tokenText ?? ""
        let parameter = accessor[Field.Accessor.parameters]?[Field.Accessor.parameterName]
        define(.accessor, name: name, qualifiedName: owner + "." + name, declaration: accessor,
               start: accessor[Field.Accessor.modifier]?.start ?? specifier?.start ?? accessor.start,
               attributes: accessor[Field.Accessor.attributes],
               parameters: parameter.map { [Parameter(name: $0.tokenText)] } ?? []) {
            walk(body)
        }
    }

    /// Computed properties become accessors (`Type.property.get`); closures stored in properties
    /// become definitions (`Type.handler`). Local variables stay part of their function.
    private func visitVariable(_ node: RawNode) -> Bool {
        guard scopes.isEmpty || insideType else { return false }
        for binding in node[Field.Variable.bindings]?.children ?? [] {
            guard let pattern = binding[Field.Variable.pattern] else { continue }
            let propertyName = pattern.kind == .identifierPattern
                ? (pattern[Field.Variable.identifier]?.tokenText ?? "") : text(pattern)
            if let block = binding[Field.Variable.accessorBlock] {
                walkProperty(propertyName, block, declaration: node)
            } else if let closure = binding[Field.Variable.initializer]?[Field.Variable.value], closure.kind == .closureExpr {
                define(.closure, name: propertyName, qualifiedName: qualified(propertyName), declaration: binding,
                       start: startAfterAttributes(node[Field.Variable.modifiers], keyword: node[Field.Variable.bindingSpecifier]),
                       attributes: node[Field.Variable.attributes],
                       header: { walk(closure[Field.Closure.signature]) }, body: { walk(closure[Field.Closure.statements]) })
            } else if !definitionsOnly {
                walk(binding)
            }
        }
        return true
    }

    /// A property's accessors, qualified by the property: `Type.count.get`.
    private func walkProperty(_ name: String, _ block: RawNode, declaration: RawNode) {
        let propertyQualifiedName = qualified(name)
        guard let accessors = block[Field.Accessor.accessors] else { return }
        if accessors.kind == .accessorDeclList {
            for accessor in accessors.children { defineAccessor(accessor, owner: propertyQualifiedName) }
        } else {
            define(.accessor, name: "get", qualifiedName: propertyQualifiedName + ".get", declaration: block,
                   start: startAfterAttributes(declaration[Field.Variable.modifiers],
                                               keyword: declaration[Field.Variable.bindingSpecifier]),
                   attributes: declaration[Field.Variable.attributes]) {
                walk(accessors)
            }
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
    func mayDeclare(_ node: RawNode) -> Bool {
        var index = min(node.start, source.count)
        let end = min(node.end, source.count)
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

    private func defineType(_ kind: Definition.Kind, _ node: RawNode, _ slots: Field.TypeSlots) {
        let nameNode = node[slots.name]
        let name = kind == .extension ? nameNode.map(text) ?? "" : nameNode?.tokenText ?? ""
        define(kind, name: name, qualifiedName: qualified(name), declaration: node,
               start: startAfterAttributes(node[slots.modifiers], keyword: node[slots.keyword]),
               attributes: node[slots.attributes],
               header: { walk(node[slots.inheritance]) }, body: { walk(node[slots.members]) })
    }

    // MARK: Imports

    private func visitImport(_ node: RawNode) {
        let components = (node[Field.Import.path]?.children ?? []).map { $0[Field.Import.componentName]?.tokenText ?? "" }
        let location = location(node[Field.Import.keyword]?.start ?? node.start)
        if node[Field.Import.kindSpecifier] != nil, components.count > 1 {
            imports.append(Import(module: components[0],
                                  names: [Import.Name(name: components.dropFirst().joined(separator: "."))],
                                  location: location, scope: scopes.last))
        } else {
            imports.append(Import(module: components.joined(separator: "."), location: location, scope: scopes.last))
        }
    }
}
