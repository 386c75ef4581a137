/// A class, type or function-like declaration with the span later passes attribute changes to.
public struct Definition: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        // Shared by both languages.
        case function
        /// A function directly inside a class or type body.
        case method
        case `class`
        // Swift only.
        case `struct`, `enum`, actor, `protocol`, `extension`
        case initializer, deinitializer, `subscript`, accessor, closure

        /// Functions, methods and every other kind that has a body of statements.
        public var isFunctionLike: Bool {
            switch self {
            case .function, .method, .initializer, .deinitializer, .subscript, .accessor, .closure: return true
            default: return false
            }
        }
    }

    public var kind: Kind
    public var name: String
    /// Python: `__qualname__` (`Class.method`, `outer.<locals>.inner`).
    /// Swift: `Type.method(label:)`.
    public var qualifiedName: String
    /// From the first keyword (`def`, `async`, `class`) to the end of the last body statement,
    /// as CPython's `ast` reports it; decorators are outside and recorded in `decoratorsStart`.
    public var span: SourceSpan
    /// Where the first decorator or attribute starts, when there is one.
    public var decoratorsStart: SourceLocation?
    /// Index of the enclosing definition in `SourceUnit.definitions`.
    public var parent: Int?
    public var parameters: [Parameter]
    /// Decorator expressions as written, without the `@`.
    public var decorators: [String]
    public var isAsync: Bool

    public init(kind: Kind, name: String, qualifiedName: String, span: SourceSpan,
                decoratorsStart: SourceLocation? = nil, parent: Int? = nil,
                parameters: [Parameter] = [], decorators: [String] = [], isAsync: Bool = false) {
        self.kind = kind
        self.name = name
        self.qualifiedName = qualifiedName
        self.span = span
        self.decoratorsStart = decoratorsStart
        self.parent = parent
        self.parameters = parameters
        self.decorators = decorators
        self.isAsync = isAsync
    }
}

public struct Parameter: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Python parameters before `/`.
        case positionalOnly
        case regular
        /// `*args`, or a Swift variadic `T...`.
        case variadic
        /// Python parameters after `*` or `*args`.
        case keywordOnly
        /// `**kwargs`.
        case variadicKeyword
    }

    public var name: String
    /// Swift's argument label where it differs from the name (`_` for none).
    public var label: String?
    public var kind: Kind
    public var hasDefault: Bool
    /// The annotation or type as written.
    public var annotation: String?

    public init(name: String, label: String? = nil, kind: Kind = .regular, hasDefault: Bool = false,
                annotation: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.hasDefault = hasDefault
        self.annotation = annotation
    }
}

/// One import statement. Python: `import a.b as c` gives module `a.b` and no names;
/// `from ..x import y as z` gives module `x`, level 2 and the name `y` aliased `z`.
/// Swift: `import struct Foo.Bar` gives module `Foo`, names `[Bar]`.
public struct Import: Sendable, Hashable, Codable {
    public struct Name: Sendable, Hashable, Codable {
        public var name: String
        public var alias: String?

        public init(name: String, alias: String? = nil) {
            self.name = name
            self.alias = alias
        }
    }

    public var module: String
    /// Leading dots of a Python relative import; 0 for absolute imports.
    public var level: Int
    public var names: [Name]
    /// The alias of `import a.b as c`.
    public var alias: String?
    public var location: SourceLocation
    /// Index of the definition the import sits in (a function-level import), nil at module level.
    public var scope: Int?

    public init(module: String, level: Int = 0, names: [Name] = [], alias: String? = nil,
                location: SourceLocation, scope: Int? = nil) {
        self.module = module
        self.level = level
        self.names = names
        self.alias = alias
        self.location = location
        self.scope = scope
    }
}
