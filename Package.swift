// swift-tools-version:6.0
import PackageDescription

// Dependencies point inwards: CLI and server -> workflows -> (storage, letters, report) ->
// (PostgreSQL wrapper, core). The core knows nothing of databases, files or HTTP, so that
// matching can be tested and benchmarked alone; the front ends know no SQL.
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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // NIO's channel handlers, for the server's connection limits (Hummingbird is built on them).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // bcrypt for passwords (HummingbirdBcrypt needs only its C code, not Hummingbird).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // multipart/form-data, for the 报到名单 a clerk uploads in the portal.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
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
        // .xlsx workbooks read as cell texts and written with typed cells; generic, no domain knowledge.
        .target(
            name: "PathwaySpreadsheet",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Spreadsheet files as staff have them (.xlsx, or CSV in UTF-8 or GB18030): headers, values,
        // a county's own layouts.
        .target(name: "PathwayImport", dependencies: ["PathwayCore", "PathwaySpreadsheet"]),
        // A fictional county at any size, for Seeds/, tests and benchmarks.
        .target(name: "PathwaySeeds", dependencies: ["PathwayCore", "PathwayImport", "PathwaySpreadsheet"]),
        // The match report as one self-contained HTML page: pure, rendered from plain values.
        .target(name: "PathwayReport", dependencies: ["PathwayCore"]),
        .target(
            name: "PathwayStorage",
            dependencies: [
                "PostgresClient", "PathwayCore", "PathwayImport", "PathwaySpreadsheet",
                // SHA-256 of API tokens and session cookies: only the hash is stored.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            resources: [.copy("Migrations")]
        ),
        // Referral letters: Mustache templates shipped as resources, rendered from core models only.
        .target(
            name: "PathwayLetters",
            dependencies: ["PathwayCore", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        // Each job once (import, match run, referrals, letters, report, exports), for the CLI,
        // the demo and the server alike: the one layer the front ends call.
        .target(
            name: "PathwayWorkflows",
            dependencies: [
                "PathwayStorage", "PathwayReport", "PathwayLetters", "PathwayImport", "PathwayCore", "PostgresClient",
                "ManagedPostgres", "PathwaySpreadsheet",
            ]
        ),
        // The HTTP API vocational schools pull their referrals from, and the school portal
        // clerks sign in to (Mustache pages, sessions); the only Hummingbird user.
        .target(
            name: "PathwayServer",
            dependencies: [
                "PathwayWorkflows", "PathwayStorage", "PostgresClient", "PathwayCore", "PathwayLetters", "PathwayImport",
                "PathwayReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Pages")]
        ),
        .executableTarget(
            name: "PathwayCLI",
            dependencies: [
                "PathwayWorkflows", "PathwayStorage", "PostgresClient", "ManagedPostgres", "PathwayCore", "PathwayImport",
                "PathwaySeeds", "PathwayReport", "PathwayLetters", "PathwayServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "CoreBenchmark", dependencies: ["PathwayCore"]),
        // Starts one throwaway cluster per test process; only test targets depend on it.
        .target(name: "PathwayTestSupport", dependencies: ["PostgresClient", "ManagedPostgres"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "PathwayTestSupport"]),
        .testTarget(name: "ManagedPostgresTests", dependencies: ["ManagedPostgres"]),
        .testTarget(name: "PathwayCoreTests", dependencies: ["PathwayCore"]),
        .testTarget(name: "PathwayImportTests", dependencies: ["PathwayImport", "PathwayCore", "PathwaySpreadsheet"]),
        .testTarget(
            name: "PathwaySpreadsheetTests",
            dependencies: ["PathwaySpreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "PathwayReportTests", dependencies: ["PathwayReport", "PathwayCore"]),
        .testTarget(
            name: "PathwayWorkflowsTests",
            dependencies: [
                "PathwayWorkflows", "PathwayReport", "PathwayStorage", "PostgresClient", "PathwayTestSupport", "PathwayCore",
                "PathwayImport", "PathwayLetters", "PathwaySeeds", "PathwaySpreadsheet",
            ]
        ),
        // The command line run in-process against a real database, its words checked in both languages.
        .testTarget(
            name: "PathwayCLITests", dependencies: ["PathwayCLI", "PathwayTestSupport", "PostgresClient", "PathwaySpreadsheet", "PathwayWorkflows",
        ]),
        .testTarget(name: "PathwayLettersTests", dependencies: ["PathwayLetters", "PathwayCore", "PathwayTestSupport"]),
        .testTarget(name: "PathwaySeedsTests", dependencies: ["PathwaySeeds", "PathwayImport", "PathwayCore"]),
        .testTarget(
            name: "PathwayStorageTests",
            dependencies: [
                "PathwayStorage", "PostgresClient", "PathwayTestSupport", "PathwayCore", "PathwayImport", "PathwaySeeds",
                "PathwaySpreadsheet",
            ]
        ),
        .testTarget(
            name: "PathwayServerTests",
            dependencies: [
                "PathwayServer", "PathwayStorage", "PostgresClient", "PathwayTestSupport", "PathwayCore", "PathwayImport",
                "ManagedPostgres", "PathwaySpreadsheet",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
