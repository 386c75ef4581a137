import CodeModel

/// The import graph of a repository's own modules. A Python module is a file (`pkg/mod.py` is
/// `pkg.mod` when `pkg` has an `__init__.py`; folders without one are source roots); a Swift
/// module is a target (the folder under `Sources/` or `Tests/`, or the top folder otherwise).
/// Imports of anything outside the repository are dropped.
public struct DependencyGraph: Sendable {
    public struct Module: Sendable, Hashable, Codable {
        public var name: String
        public var language: Language
        public var files: [String]
        /// Modules this one imports (efferent couplings, Ce).
        public var imports: [String]
        /// Modules importing this one (afferent couplings, Ca).
        public var importedBy: [String]
        public var fanOut: Int { imports.count }
        public var fanIn: Int { importedBy.count }
        /// Ce / (Ca + Ce): 0 is maximally stable, 1 maximally unstable; 0 when isolated.
        public var instability: Double {
            fanIn + fanOut == 0 ? 0 : Double(fanOut) / Double(fanIn + fanOut)
        }
    }

    public var modules: [Module]
    /// Strongly connected groups of more than one module, or a module importing itself.
    public var cycles: [[String]]
    /// The module each file belongs to.
    public var moduleOfFile: [String: String]

    public struct FileImports: Sendable {
        public var path: String
        public var language: Language
        public var imports: [Import]

        public init(path: String, language: Language, imports: [Import]) {
            self.path = path
            self.language = language
            self.imports = imports
        }
    }

    public init(files: [FileImports]) {
        let paths = Set(files.map(\.path))
        var moduleOfFile: [String: String] = [:]
        var languageOf: [String: Language] = [:]
        var filesOf: [String: [String]] = [:]
        for file in files {
            let name = file.language == .python ? Self.pythonModule(file.path, paths: paths) : Self.swiftModule(file.path)
            moduleOfFile[file.path] = name
            languageOf[name] = file.language
            filesOf[name, default: []].append(file.path)
        }
        let pythonModules = Set(files.filter { $0.language == .python }.compactMap { moduleOfFile[$0.path] })
        let swiftModules = Set(files.filter { $0.language == .swift }.compactMap { moduleOfFile[$0.path] })

        var edges: [String: Set<String>] = [:]
        for file in files {
            guard let from = moduleOfFile[file.path] else { continue }
            for item in file.imports {
                let targets: [String]
                if file.language == .python {
                    targets = Self.resolvePython(item, from: from, isPackage: file.path.hasSuffix("__init__.py"),
                                                 modules: pythonModules)
                } else {
                    targets = swiftModules.contains(item.module) ? [item.module] : []
                }
                for target in targets where target != from {
                    edges[from, default: []].insert(target)
                }
            }
        }
        var importedBy: [String: Set<String>] = [:]
        for (from, targets) in edges { for target in targets { importedBy[target, default: []].insert(from) } }
        modules = filesOf.keys.sorted().map { name in
            Module(name: name, language: languageOf[name]!, files: filesOf[name]!.sorted(),
                   imports: (edges[name] ?? []).sorted(), importedBy: (importedBy[name] ?? []).sorted())
        }
        cycles = Self.stronglyConnected(edges)
        self.moduleOfFile = moduleOfFile
        for (index, module) in modules.enumerated() { moduleIndex[module.name] = index }
    }

    public func module(named name: String) -> Module? {
        moduleIndex[name].map { modules[$0] }
    }

    private var moduleIndex: [String: Int] = [:]

    // MARK: Python

    static func pythonModule(_ path: String, paths: Set<String>) -> String {
        var components = path.split(separator: "/").map(String.init)
        var last = components.removeLast()
        for suffix in [".pyi", ".py"] where last.hasSuffix(suffix) { last.removeLast(suffix.count); break }
        var name: [String] = last == "__init__" ? [] : [last]
        // Climb while the folder is a package.
        while let folder = components.last {
            let initPath = (components + ["__init__.py"]).joined(separator: "/")
            let stubPath = (components + ["__init__.pyi"]).joined(separator: "/")
            guard paths.contains(initPath) || paths.contains(stubPath) else { break }
            name.insert(folder, at: 0)
            components.removeLast()
        }
        if name.isEmpty { name = [components.last ?? last] }
        return name.joined(separator: ".")
    }

    /// `import a.b.c` depends on `a.b.c` (or the nearest package that exists); `from x import y`
    /// on `x.y` when `y` is a submodule, else on `x`. Relative imports start from the file's
    /// package.
    static func resolvePython(_ item: Import, from module: String, isPackage: Bool, modules: Set<String>) -> [String] {
        var base = item.module
        if item.level > 0 {
            var package = module.split(separator: ".").map(String.init)
            if !isPackage && !package.isEmpty { package.removeLast() }
            for _ in 1..<item.level where !package.isEmpty { package.removeLast() }
            base = (package + (item.module.isEmpty ? [] : [item.module])).joined(separator: ".")
        }
        func nearest(_ name: String) -> String? {
            var parts = name.split(separator: ".").map(String.init)
            while !parts.isEmpty {
                let candidate = parts.joined(separator: ".")
                if modules.contains(candidate) { return candidate }
                parts.removeLast()
            }
            return nil
        }
        if item.names.isEmpty { return nearest(base).map { [$0] } ?? [] }
        var result: [String] = []
        for name in item.names {
            let submodule = base.isEmpty ? name.name : base + "." + name.name
            if modules.contains(submodule) { result.append(submodule) } else if let found = nearest(base) { result.append(found) }
        }
        return Array(Set(result)).sorted()
    }

    // MARK: Swift

    static func swiftModule(_ path: String) -> String {
        let components = path.utf8.split(separator: UInt8(ascii: "/"))
        for index in components.indices where components[index].elementsEqual("Sources".utf8)
            || components[index].elementsEqual("Tests".utf8) {
            if index + 2 < components.count { return String(Substring(components[index + 1])) }
        }
        return components.count > 1 ? String(Substring(components[0])) : "(root)"
    }

    // MARK: Cycles

    /// Tarjan's algorithm, iterative so a long chain of modules cannot overflow the stack.
    static func stronglyConnected(_ edges: [String: Set<String>]) -> [[String]] {
        let nodes = Set(edges.keys).union(edges.values.flatMap { $0 }).sorted()
        var index: [String: Int] = [:]
        var low: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var next = 0
        var result: [[String]] = []
        let successors = edges.mapValues { $0.sorted() }
        for root in nodes where index[root] == nil {
            var work: [(node: String, child: Int)] = [(root, 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack.insert(root)
            while var frame = work.popLast() {
                let children = successors[frame.node] ?? []
                if frame.child < children.count {
                    let child = children[frame.child]
                    frame.child += 1
                    work.append(frame)
                    if index[child] == nil {
                        index[child] = next; low[child] = next; next += 1
                        stack.append(child); onStack.insert(child)
                        work.append((child, 0))
                    } else if onStack.contains(child) {
                        low[frame.node] = min(low[frame.node]!, index[child]!)
                    }
                    continue
                }
                if let parent = work.last {
                    low[parent.node] = min(low[parent.node]!, low[frame.node]!)
                }
                if low[frame.node] == index[frame.node] {
                    var component: [String] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == frame.node { break }
                    }
                    let selfLoop = component.count == 1 && (edges[frame.node]?.contains(frame.node) ?? false)
                    if component.count > 1 || selfLoop { result.append(component.sorted()) }
                }
            }
        }
        return result.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
