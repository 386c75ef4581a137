// swift-tools-version:6.0
// Prognosis: predicts where a repository's Swift and Python code will break next.
// Layers depend one way only (see ../shared/ARCHITECTURE.md); `make test` builds with
// --explicit-target-dependency-import-check error, so an import a target does not declare fails.
import Foundation
import PackageDescription

let package = Package(
    name: "Prognosis",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "prognosis", targets: ["PrognosisCLI"]),
        .library(name: "PrognosisKit", targets: ["Support", "Configuration", "GitKit", "History", "Store", "Scanning", "Reporting", "CodeModel", "PythonFrontend", "SwiftFrontend", "Metrics", "Analysis", "RiskModel", "Features", "Prediction",
                                                   "ReportModel", "ReportBuilding", "Check", "Fixes", "FixBranches"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Threads, locks and byte-exact names: no dependencies, usable by every layer.
        .target(name: "Support"),
        // `.prognosis.yml`, globs and what counts as code: settings, no git and no parsing.
        .target(name: "Configuration", dependencies: ["Support", .product(name: "Yams", package: "Yams")]),
        // The only place that sees libgit2's C API.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .target(name: "GitKit", dependencies: ["CGit2", "Support"]),
        .target(name: "History", dependencies: ["GitKit", "CodeModel", "Support"]),
        .target(name: "Store", dependencies: ["History", "GitKit", "CodeModel", "Support", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Scanning", dependencies: ["GitKit", "History", "Store", "CodeModel", "Analysis", "Configuration", "Support"]),
        // Formatters take values (never query the store): one file per output format.
        .target(name: "Reporting", dependencies: ["GitKit", "Store", "CodeModel", "Metrics", "Support", "ReportModel",
                                                  "ReportTemplates", .product(name: "Mustache", package: "swift-mustache")]),
        // The HTML report's templates and assets (Reports/), as resources.
        .target(name: "ReportTemplates", path: "Reports", exclude: ["README.md"], resources: [.copy("templates"), .copy("assets")]),
        // Plain values every output shares: the risk report, findings, severities.
        .target(name: "ReportModel", dependencies: ["CodeModel"]),
        // Frontends: each turns one language into the shared CodeModel.
        .target(name: "CodeModel"),
        .target(name: "PythonFrontend", dependencies: ["CodeModel"]),
        .target(name: "SwiftFrontend", dependencies: [
            "CodeModel",
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
        // Metrics read only the CodeModel, so both languages share every rule's code.
        .target(name: "Metrics", dependencies: ["CodeModel"]),
        // Reading code for metrics and outlines: the work tree or a revision's blobs (GitKit),
        // never history.
        .target(name: "Analysis", dependencies: ["CodeModel", "PythonFrontend", "SwiftFrontend", "Metrics", "GitKit",
                                                 "Configuration", "Support"]),
        // The only place that sees XGBoost's C API.
        .systemLibrary(
            name: "CXGBoost",
            pkgConfig: "xgboost",
            providers: [.apt(["libxgboost-dev"])]
        ),
        // Learning: XGBoost boosters, calibration, ranking metrics, stored model archives. No git, no store.
        .target(name: "RiskModel", dependencies: ["CXGBoost", "Support"]),
        // Commit, file and function features and labels, each computed "as of" a moment.
        .target(name: "Features", dependencies: ["Store", "History", "CodeModel", "Metrics", "Support"]),
        // Training, prediction, back-tests and explanations: features in, stored models and scores out.
        .target(name: "Prediction", dependencies: ["Features", "RiskModel", "Store", "Analysis", "GitKit", "CodeModel",
                                                   "Metrics", "Configuration", "Support"],
                resources: [.copy("Resources")]),
        // The pre-commit gate: a staged change replayed on top of HEAD and scored.
        .target(name: "Check", dependencies: ["Prediction", "Features", "Scanning", "Store", "History", "GitKit", "Analysis",
                                              "CodeModel", "Configuration", "ReportModel"]),
        // Gathers a report's values as of a revision: scores, trends, coupling, detail views.
        .target(name: "ReportBuilding", dependencies: ["Prediction", "Features", "ReportModel", "Store", "History", "GitKit",
                                                       "Analysis", "CodeModel", "Metrics", "Configuration", "Fixes"]),
        // Fix rules, one a file (Rules/Python, Rules/Swift), with their examples; edits on syntax positions.
        .target(name: "Fixes", dependencies: ["CodeModel", "PythonFrontend", "SwiftFrontend",
                                              .product(name: "SwiftSyntax", package: "swift-syntax")]),
        // Fix branches: plans ranked by risk × acceptance, branches written without touching the
        // work tree, --verify in a temporary worktree, and the feedback ledger.
        .target(name: "FixBranches", dependencies: ["Fixes", "GitKit", "Store", "Prediction", "Features", "CodeModel",
                                                    "Configuration", "Support"]),
        .executableTarget(
            name: "PrognosisCLI",
            dependencies: ["Scanning", "Reporting", "ReportModel", "ReportBuilding", "Check", "Analysis", "GitKit", "Store", "CodeModel", "Metrics", "Configuration",
                           "Prediction", "RiskModel", "Support", "Fixes", "FixBranches", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "ParseBench", dependencies: ["Analysis", "PythonFrontend", "SwiftFrontend", "CodeModel",
                                                           .product(name: "SwiftParser", package: "swift-syntax")],
                          path: "Benchmarks/ParseBench"),
        .executableTarget(name: "OriginBench", dependencies: ["GitKit", "History", "Scanning"], path: "Benchmarks/OriginBench"),
        .target(name: "TestSupport", dependencies: ["GitKit"], path: "Tests/TestSupport"),
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Scanning", "History"]),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "GitKit", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Scanning", "Store", "History", "Reporting", "GitKit", "CodeModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "ReportModel"]),
        .testTarget(name: "PythonFrontendTests", dependencies: ["PythonFrontend", "CodeModel", "Analysis", "TestSupport"]),
        .testTarget(name: "SwiftFrontendTests", dependencies: ["SwiftFrontend", "CodeModel", "TestSupport",
                                                               .product(name: "SwiftSyntax", package: "swift-syntax"),
                                                               .product(name: "SwiftParser", package: "swift-syntax")]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "CodeModel", "PythonFrontend", "SwiftFrontend", "Analysis", "TestSupport"]),
        .testTarget(name: "RiskModelTests", dependencies: ["RiskModel"]),
        .testTarget(name: "PredictionTests", dependencies: ["Prediction", "Features", "RiskModel", "Scanning", "Store", "GitKit", "TestSupport"]),
        .testTarget(name: "FixesTests", dependencies: ["Fixes", "FixBranches", "CodeModel", "PythonFrontend", "SwiftFrontend", "Support", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["Scanning", "Store", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)

// `make fuzz` sets PROGNOSIS_FUZZ: a libFuzzer target has no `main` of its own, so it exists only
// in that build (with -sanitize=fuzzer,address -parse-as-library).
if ProcessInfo.processInfo.environment["PROGNOSIS_FUZZ"] != nil {
    package.targets.append(.target(name: "PythonFuzz", dependencies: ["PythonFrontend"], path: "Fuzz/PythonFuzz"))
}
