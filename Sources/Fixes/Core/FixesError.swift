import Foundation

public enum FixesError: Error, LocalizedError, Equatable {
    case overlappingEdits(Int)
    case unknownRule(String)
    case editBreaksParse(rule: String, path: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .overlappingEdits(let offset): return "two edits overlap at byte \(offset)"
        case .unknownRule(let id): return "no rule is named '\(id)' (see `prognosis rules`)"
        case .editBreaksParse(let rule, let path, let message):
            return "\(rule)'s edit of \(path) does not parse: \(message)"
        }
    }
}
