import ArgumentParser
import Foundation
import Fixes
import GitKit
import Scanning
import Prediction
import Store
import RiskModel

/// The documented exit codes. Scripts (hooks, CI) branch on these, so they never change meaning.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case notARepository = 2
    case unknownRevision = 3
    case storeLocked = 4
    case storeTooNew = 5
    case storeUnusable = 6
    case notScanned = 7
    /// `predict`: no model is stored for the level and none is shipped.
    case noModel = 8
    /// `train`, `evaluate`: too few labelled examples to learn or to back-test.
    case tooLittleHistory = 9
    /// `outline --strict`, `metrics --strict`: a file has a syntax error (sysexits' EX_DATAERR).
    /// An unknown rule id (`fix --rule`, `rules ID`, `.prognosis.yml`'s `rules:`).
    case usage = 64
    case syntaxErrors = 65
    case interrupted = 130

    static let documentation = """
        Exit codes: 0 success; 1 other failure; 2 not a git repository; 3 unknown revision; \
        4 another scan holds the store's lock; 5 store written by a newer Prognosis; \
        6 store unreadable or unwritable; 7 nothing scanned yet for what was asked; \
        8 no risk model for the level; 9 too little history to train or back-test; \
        64 invalid usage; 65 syntax errors (outline or metrics with --strict); 130 interrupted (a later scan resumes).
        """

    static func of(_ error: Error) -> ExitStatus {
        switch error {
        case let error as GitError:
            switch error {
            case .notARepository, .dubiousOwnership: return .notARepository
            case .unknownRevision, .wrongObjectType: return .unknownRevision
            default: return .failure
            }
        case let error as StoreError:
            switch error {
            case .locked: return .storeLocked
            case .newerSchema: return .storeTooNew
            case .corrupt, .unwritable: return .storeUnusable
            case .missing, .commitNotStored, .needsUpgrade: return .notScanned
            case .database: return .failure
            }
        case let error as PredictionError:
            switch error {
            case .notScanned: return .notScanned
            case .noModel: return .noModel
            case .tooLittleHistory: return .tooLittleHistory
            case .badRange, .nothingReadable: return .failure
            }
        case let error as RiskModelError:
            // Too few labelled examples to learn from is too little history, whichever command trained.
            if case .tooFewExamples = error { return .tooLittleHistory }
            return .failure
        case let error as FixesError:
            if case .unknownRule = error { return .usage }
            return .failure
        case let error as ScanError:
            if case .interrupted = error { return .interrupted }
            return .failure
        default:
            return .failure
        }
    }
}

/// Runs a command body, turning any error into one clear line on stderr and its exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        printError("prognosis: error: \(message)")
        throw ExitCode(ExitStatus.of(error).rawValue)
    }
}

