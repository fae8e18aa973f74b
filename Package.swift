// swift-tools-version:6.0
// slicewatch: a drift-monitoring sidecar for LLM agents. See README.md and the targets' header comments.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

var package = Package(
    name: "slicewatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "slicewatch", targets: ["slicewatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CPcap", path: "Sources/CPcap", providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        .target(name: "Wire"),
        .target(name: "Hashing"),
        .target(name: "Digest"),
        .target(name: "JSON"),
        .target(name: "Capture", dependencies: ["CPcap", "Wire"]),
        .target(name: "Reassembly", dependencies: ["Wire"]),
        .target(name: "HTTPStream", dependencies: ["Reassembly", "CZlib"]),
        .target(name: "Exchange", dependencies: ["HTTPStream", "JSON", "Hashing"]),
        .target(name: "Embedding", dependencies: ["CBLAS", "JSON", "Digest"]),
        .target(name: "Slicing", dependencies: ["Embedding", "JSON", "CBLAS", "Hashing"]),
        .target(name: "Baseline", dependencies: ["Slicing", "Exchange", "JSON"]),
        .target(name: "Quality", dependencies: ["Exchange", "JSON", "Slicing", "Hashing"]),
        .target(name: "Drift", dependencies: ["Baseline", "Slicing", "Exchange", "JSON", "Quality", "Redaction", "Hashing"]),
        .target(name: "Sidecar", dependencies: ["CLinux", "Capture", "Reassembly", "HTTPStream", "Exchange", "JSON", "Drift", "Baseline", "Quality"]),
        .target(name: "Sinks", dependencies: ["Drift", "JSON", "Digest"]),
        .target(name: "Graders", dependencies: ["Quality", "Exchange", "JSON", "Sinks"]),
        .target(name: "Store", dependencies: ["Drift", "Exchange", "Hashing", "JSON", "Redaction", "Slicing", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Config", dependencies: ["Exchange", "Drift", "Sinks", "Quality", "Graders", .product(name: "Yams", package: "Yams")]),
        .target(name: "Redaction"),
        .target(name: "Dedup", dependencies: ["Hashing"]),
        .target(name: "Export", dependencies: ["Redaction", "Dedup", "Slicing", "Exchange", "JSON"]),
        .target(name: "Report", dependencies: ["Drift", "Baseline"]),
        .target(
            name: "AdminServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Daemon",
            dependencies: [
                "AdminServer", "Baseline", "Capture", "Config", "Drift", "Exchange", "Export", "Graders", "JSON", "Quality", "Redaction",
                "Report", "Sidecar", "Sinks", "Store",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        .target(name: "SliceWatchTesting", dependencies: ["Wire", "CZlib", "Hashing"]),
        .executableTarget(
            name: "slicewatch",
            dependencies: [
                "Sidecar", "Capture", "HTTPStream", "Exchange", "JSON", "Baseline", "Slicing", "Embedding", "Drift", "Digest", "Graders", "Quality",
                "Daemon", "Config", "Export", "Redaction", "Report", "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "WireTests", dependencies: ["Wire", "SliceWatchTesting"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "SliceWatchTesting"]),
        .testTarget(name: "ReassemblyTests", dependencies: ["Reassembly", "SliceWatchTesting"]),
        .testTarget(name: "HTTPStreamTests", dependencies: ["HTTPStream", "SliceWatchTesting"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "SliceWatchTesting"]),
        .testTarget(name: "ExchangeTests", dependencies: ["Exchange", "SliceWatchTesting"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["Embedding", "Digest", "SliceWatchTesting"]),
        .testTarget(name: "SlicingTests", dependencies: ["Slicing", "Hashing", "SliceWatchTesting"]),
        .testTarget(name: "BaselineTests", dependencies: ["Baseline", "SliceWatchTesting"]),
        .testTarget(name: "DriftTests", dependencies: ["Drift", "SliceWatchTesting"]),
        .testTarget(name: "QualityTests", dependencies: ["Quality", "SliceWatchTesting"]),
        .testTarget(name: "GradersTests", dependencies: ["Graders", "Quality", "Exchange", "SliceWatchTesting"]),
        .testTarget(name: "CLITests", dependencies: ["slicewatch", "Capture", "Store", "SliceWatchTesting"]),
        .testTarget(name: "SinksTests", dependencies: ["Sinks", "SliceWatchTesting"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SliceWatchTesting"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "SliceWatchTesting"]),
        .testTarget(name: "SidecarTests", dependencies: ["Sidecar", "SliceWatchTesting"]),
        .testTarget(name: "RedactionTests", dependencies: ["Redaction"], exclude: ["Fixtures"]),
        .testTarget(name: "DedupTests", dependencies: ["Dedup", "Hashing"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Baseline", "SliceWatchTesting"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Hashing"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}

// The encoder's numeric loops are optimised in debug builds too: unoptimised they make every test and debug
// run that embeds text about 5x slower, and there is nothing to step through in them.
for target in package.targets where target.name == "Embedding" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
}
