// swift-tools-version:6.0
import PackageDescription

// Dependencies point inwards: CLI -> storage -> (PostgreSQL wrapper, core). The core knows
// nothing of databases, files or HTTP, so that matching can be tested and benchmarked alone.
let package = Package(
    name: "Pathway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pathway", targets: ["PathwayCLI"]),
        .executable(name: "pathway-core-bench", targets: ["CoreBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        .target(name: "ManagedPostgres"),
        .target(name: "PathwayCore"),
        // Spreadsheet files as staff have them: CSV in UTF-8 or GB18030, headers, values.
        .target(name: "PathwayImport", dependencies: ["PathwayCore"]),
        // A fictional county at any size, for Seeds/, tests and benchmarks.
        .target(name: "PathwaySeeds", dependencies: ["PathwayCore", "PathwayImport"]),
        // The match report as one self-contained HTML page: pure, rendered from plain values.
        .target(name: "PathwayReport", dependencies: ["PathwayCore"]),
        .target(
            name: "PathwayStorage",
            dependencies: ["PostgresClient", "PathwayCore", "PathwayImport"],
            resources: [.copy("Migrations")]
        ),
        // Stored runs read as the report's input: the one place storage and the report meet.
        .target(
            name: "PathwayReportLoader",
            dependencies: ["PathwayReport", "PathwayStorage", "PathwayCore", "PostgresClient"]
        ),
        // Referral letters: Mustache templates shipped as resources, rendered from core models only.
        .target(
            name: "PathwayLetters",
            dependencies: ["PathwayCore", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "PathwayCLI",
            dependencies: [
                "PathwayStorage", "PostgresClient", "ManagedPostgres", "PathwayCore", "PathwayImport", "PathwaySeeds",
                "PathwayReport", "PathwayReportLoader",
                "PathwayLetters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "CoreBenchmark", dependencies: ["PathwayCore"]),
        // Starts one throwaway cluster per test process; only test targets depend on it.
        .target(name: "PathwayTestSupport", dependencies: ["PostgresClient", "ManagedPostgres"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "PathwayTestSupport"]),
        .testTarget(name: "ManagedPostgresTests", dependencies: ["ManagedPostgres"]),
        .testTarget(name: "PathwayCoreTests", dependencies: ["PathwayCore"]),
        .testTarget(name: "PathwayImportTests", dependencies: ["PathwayImport", "PathwayCore"]),
        .testTarget(name: "PathwayReportTests", dependencies: ["PathwayReport", "PathwayCore"]),
        .testTarget(
            name: "PathwayReportLoaderTests",
            dependencies: [
                "PathwayReportLoader", "PathwayReport", "PathwayStorage", "PostgresClient", "PathwayTestSupport", "PathwayCore",
            ]
        ),
        .testTarget(name: "PathwayLettersTests", dependencies: ["PathwayLetters", "PathwayCore"]),
        .testTarget(name: "PathwaySeedsTests", dependencies: ["PathwaySeeds", "PathwayImport", "PathwayCore"]),
        .testTarget(
            name: "PathwayStorageTests",
            dependencies: [
                "PathwayStorage", "PostgresClient", "PathwayTestSupport", "PathwayCore", "PathwayImport", "PathwaySeeds",
            ]
        ),
    ]
)
