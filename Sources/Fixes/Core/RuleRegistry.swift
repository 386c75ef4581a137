/// Every rule, in the order `prognosis rules` lists them. Adding a rule is one file in
/// Rules/ and one line here.
public enum RuleRegistry {
    public static let all: [any FixRule] = [
        MutableDefaultArgument(), BareExcept(), NoneComparison(), BoolComparison(), OpenWithoutEncoding(),
        RaiseWithoutFrom(), BuiltinShadowingParameter(), AssertValidatesArgument(), DictLookupWrongGuard(),
        ForceTry(), ForceCast(), ForceUnwrapLookup(), UnownedCapture(), FatalErrorInRecoverablePath(),
        ImplicitlyUnwrappedProperty(),
    ]

    /// A rule by our id or by ruff's code.
    public static func rule(_ id: String) -> (any FixRule)? {
        all.first { $0.description.id == id || $0.description.ruffCode?.caseInsensitiveCompare(id) == .orderedSame }
    }

    /// The rules a run uses: those `named` (all when none are), minus those `switches` turns off
    /// (`.prognosis.yml`'s `rules:`), unless named. Unknown ids are errors, never ignored.
    public static func enabled(named: [String] = [], switches: [String: Bool] = [:]) throws -> [any FixRule] {
        let chosen = try named.map { id -> any FixRule in
            guard let rule = rule(id) else { throw FixesError.unknownRule(id) }
            return rule
        }
        for key in switches.keys where rule(key) == nil { throw FixesError.unknownRule(key) }
        let chosenIDs = Set(chosen.map(\.description.id))
        let off = Set(switches.filter { !$0.value }.compactMap { rule($0.key)?.description.id })
        return (chosen.isEmpty ? all : chosen).filter { chosenIDs.contains($0.description.id) || !off.contains($0.description.id) }
    }
}
