import SwiftSyntax

/// Layout slots of the children the frontend reads, taken from swift-syntax's own description
/// of each node (`structure`, the key paths in layout order), so a new swift-syntax that moves
/// a child moves the slot with it.
enum Field {
    static func slot<Node: SyntaxProtocol, Value>(_ keyPath: KeyPath<Node, Value>) -> Int {
        guard case .layout(let paths) = Node.structure,
              let index = paths.firstIndex(where: { $0 == keyPath as AnyKeyPath }) else {
            preconditionFailure("\(keyPath) is not a child of \(Node.self)")
        }
        return index
    }

    enum Function {
        static let attributes = slot(\FunctionDeclSyntax.attributes)
        static let modifiers = slot(\FunctionDeclSyntax.modifiers)
        static let keyword = slot(\FunctionDeclSyntax.funcKeyword)
        static let name = slot(\FunctionDeclSyntax.name)
        static let signature = slot(\FunctionDeclSyntax.signature)
        static let body = slot(\FunctionDeclSyntax.body)
    }
    enum Signature {
        static let parameterClause = slot(\FunctionSignatureSyntax.parameterClause)
        static let effectSpecifiers = slot(\FunctionSignatureSyntax.effectSpecifiers)
        static let asyncSpecifier = slot(\FunctionEffectSpecifiersSyntax.asyncSpecifier)
        static let parameters = slot(\FunctionParameterClauseSyntax.parameters)
    }
    enum Parameter {
        static let firstName = slot(\FunctionParameterSyntax.firstName)
        static let secondName = slot(\FunctionParameterSyntax.secondName)
        static let type = slot(\FunctionParameterSyntax.type)
        static let ellipsis = slot(\FunctionParameterSyntax.ellipsis)
        static let defaultValue = slot(\FunctionParameterSyntax.defaultValue)
    }
    enum Initializer {
        static let attributes = slot(\InitializerDeclSyntax.attributes)
        static let modifiers = slot(\InitializerDeclSyntax.modifiers)
        static let keyword = slot(\InitializerDeclSyntax.initKeyword)
        static let signature = slot(\InitializerDeclSyntax.signature)
        static let body = slot(\InitializerDeclSyntax.body)
    }
    enum Deinitializer {
        static let attributes = slot(\DeinitializerDeclSyntax.attributes)
        static let modifiers = slot(\DeinitializerDeclSyntax.modifiers)
        static let keyword = slot(\DeinitializerDeclSyntax.deinitKeyword)
        static let body = slot(\DeinitializerDeclSyntax.body)
    }
    enum Subscript {
        static let attributes = slot(\SubscriptDeclSyntax.attributes)
        static let modifiers = slot(\SubscriptDeclSyntax.modifiers)
        static let keyword = slot(\SubscriptDeclSyntax.subscriptKeyword)
        static let parameterClause = slot(\SubscriptDeclSyntax.parameterClause)
        static let accessorBlock = slot(\SubscriptDeclSyntax.accessorBlock)
    }
    enum Accessor {
        static let accessors = slot(\AccessorBlockSyntax.accessors)
        static let attributes = slot(\AccessorDeclSyntax.attributes)
        static let modifier = slot(\AccessorDeclSyntax.modifier)
        static let specifier = slot(\AccessorDeclSyntax.accessorSpecifier)
        static let parameters = slot(\AccessorDeclSyntax.parameters)
        static let parameterName = slot(\AccessorParametersSyntax.name)
        static let body = slot(\AccessorDeclSyntax.body)
    }
    enum Variable {
        static let attributes = slot(\VariableDeclSyntax.attributes)
        static let modifiers = slot(\VariableDeclSyntax.modifiers)
        static let bindingSpecifier = slot(\VariableDeclSyntax.bindingSpecifier)
        static let bindings = slot(\VariableDeclSyntax.bindings)
        static let pattern = slot(\PatternBindingSyntax.pattern)
        static let initializer = slot(\PatternBindingSyntax.initializer)
        static let accessorBlock = slot(\PatternBindingSyntax.accessorBlock)
        static let identifier = slot(\IdentifierPatternSyntax.identifier)
        static let value = slot(\InitializerClauseSyntax.value)
    }
    enum Closure {
        static let signature = slot(\ClosureExprSyntax.signature)
        static let statements = slot(\ClosureExprSyntax.statements)
    }
    /// Where a type declaration keeps its parts: slots of one of the six kinds.
    struct TypeSlots {
        let attributes: Int, modifiers: Int, keyword: Int, name: Int, inheritance: Int, members: Int
    }
    static let classSlots = TypeSlots(attributes: slot(\ClassDeclSyntax.attributes), modifiers: slot(\ClassDeclSyntax.modifiers),
                                      keyword: slot(\ClassDeclSyntax.classKeyword), name: slot(\ClassDeclSyntax.name),
                                      inheritance: slot(\ClassDeclSyntax.inheritanceClause),
                                      members: slot(\ClassDeclSyntax.memberBlock))
    static let structSlots = TypeSlots(attributes: slot(\StructDeclSyntax.attributes), modifiers: slot(\StructDeclSyntax.modifiers),
                                       keyword: slot(\StructDeclSyntax.structKeyword), name: slot(\StructDeclSyntax.name),
                                       inheritance: slot(\StructDeclSyntax.inheritanceClause),
                                       members: slot(\StructDeclSyntax.memberBlock))
    static let enumSlots = TypeSlots(attributes: slot(\EnumDeclSyntax.attributes), modifiers: slot(\EnumDeclSyntax.modifiers),
                                     keyword: slot(\EnumDeclSyntax.enumKeyword), name: slot(\EnumDeclSyntax.name),
                                     inheritance: slot(\EnumDeclSyntax.inheritanceClause),
                                     members: slot(\EnumDeclSyntax.memberBlock))
    static let actorSlots = TypeSlots(attributes: slot(\ActorDeclSyntax.attributes), modifiers: slot(\ActorDeclSyntax.modifiers),
                                      keyword: slot(\ActorDeclSyntax.actorKeyword), name: slot(\ActorDeclSyntax.name),
                                      inheritance: slot(\ActorDeclSyntax.inheritanceClause),
                                      members: slot(\ActorDeclSyntax.memberBlock))
    static let protocolSlots = TypeSlots(attributes: slot(\ProtocolDeclSyntax.attributes),
                                         modifiers: slot(\ProtocolDeclSyntax.modifiers),
                                         keyword: slot(\ProtocolDeclSyntax.protocolKeyword), name: slot(\ProtocolDeclSyntax.name),
                                         inheritance: slot(\ProtocolDeclSyntax.inheritanceClause),
                                         members: slot(\ProtocolDeclSyntax.memberBlock))
    static let extensionSlots = TypeSlots(attributes: slot(\ExtensionDeclSyntax.attributes),
                                          modifiers: slot(\ExtensionDeclSyntax.modifiers),
                                          keyword: slot(\ExtensionDeclSyntax.extensionKeyword),
                                          name: slot(\ExtensionDeclSyntax.extendedType),
                                          inheritance: slot(\ExtensionDeclSyntax.inheritanceClause),
                                          members: slot(\ExtensionDeclSyntax.memberBlock))
    enum Import {
        static let keyword = slot(\ImportDeclSyntax.importKeyword)
        static let kindSpecifier = slot(\ImportDeclSyntax.importKindSpecifier)
        static let path = slot(\ImportDeclSyntax.path)
        static let componentName = slot(\ImportPathComponentSyntax.name)
    }
    static let codeBlockItem = slot(\CodeBlockItemSyntax.item)
    static let codeBlockLeftBrace = slot(\CodeBlockSyntax.leftBrace)

    enum If {
        static let keyword = slot(\IfExprSyntax.ifKeyword)
        static let conditions = slot(\IfExprSyntax.conditions)
        static let body = slot(\IfExprSyntax.body)
        static let elseKeyword = slot(\IfExprSyntax.elseKeyword)
        static let elseBody = slot(\IfExprSyntax.elseBody)
    }
    enum Loop {
        static let guardConditions = slot(\GuardStmtSyntax.conditions)
        static let guardBody = slot(\GuardStmtSyntax.body)
        static let patternCaseKeyword = slot(\MatchingPatternConditionSyntax.caseKeyword)
        static let forCaseKeyword = slot(\ForStmtSyntax.caseKeyword)
        static let forSequence = slot(\ForStmtSyntax.sequence)
        static let forWhere = slot(\ForStmtSyntax.whereClause)
        static let forBody = slot(\ForStmtSyntax.body)
        static let whileConditions = slot(\WhileStmtSyntax.conditions)
        static let whileBody = slot(\WhileStmtSyntax.body)
        static let repeatBody = slot(\RepeatStmtSyntax.body)
        static let repeatCondition = slot(\RepeatStmtSyntax.condition)
    }
    enum Do {
        static let body = slot(\DoStmtSyntax.body)
        static let catchClauses = slot(\DoStmtSyntax.catchClauses)
        static let catchItems = slot(\CatchClauseSyntax.catchItems)
        static let catchBody = slot(\CatchClauseSyntax.body)
    }
    enum Switch {
        static let subject = slot(\SwitchExprSyntax.subject)
        static let cases = slot(\SwitchExprSyntax.cases)
        static let label = slot(\SwitchCaseSyntax.label)
        static let statements = slot(\SwitchCaseSyntax.statements)
    }
    enum Expression {
        static let sequenceElements = slot(\SequenceExprSyntax.elements)
        static let binaryOperator = slot(\BinaryOperatorExprSyntax.operator)
        static let unresolvedThen = slot(\UnresolvedTernaryExprSyntax.thenExpression)
        static let ternaryCondition = slot(\TernaryExprSyntax.condition)
        static let ternaryThen = slot(\TernaryExprSyntax.thenExpression)
        static let ternaryElse = slot(\TernaryExprSyntax.elseExpression)
        static let called = slot(\FunctionCallExprSyntax.calledExpression)
        static let arguments = slot(\FunctionCallExprSyntax.arguments)
        static let trailingClosure = slot(\FunctionCallExprSyntax.trailingClosure)
        static let additionalTrailingClosures = slot(\FunctionCallExprSyntax.additionalTrailingClosures)
        static let referenceBaseName = slot(\DeclReferenceExprSyntax.baseName)
        static let memberName = slot(\MemberAccessExprSyntax.declName)
        static let awaited = slot(\AwaitExprSyntax.expression)
    }
    enum Statement {
        static let returned = slot(\ReturnStmtSyntax.expression)
        static let thrown = slot(\ThrowStmtSyntax.expression)
        static let yielded = slot(\YieldStmtSyntax.yieldedExpressions)
        static let breakLabel = slot(\BreakStmtSyntax.label)
        static let continueLabel = slot(\ContinueStmtSyntax.label)
        static let ifConfigClauses = slot(\IfConfigDeclSyntax.clauses)
        static let ifConfigElements = slot(\IfConfigClauseSyntax.elements)
    }
}
