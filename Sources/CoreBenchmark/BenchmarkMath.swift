#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libm functions the generator needs, without Foundation.
enum BenchmarkMath {
    #if canImport(Glibc)
    static func log(_ x: Double) -> Double { Glibc.log(x) }
    static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    #elseif canImport(Darwin)
    static func log(_ x: Double) -> Double { Darwin.log(x) }
    static func cos(_ x: Double) -> Double { Darwin.cos(x) }
    static func sin(_ x: Double) -> Double { Darwin.sin(x) }
    #endif
}
