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
}
