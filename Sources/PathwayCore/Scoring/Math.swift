#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C maths library under one name, so that no file needs Foundation for `sin` or `exp2`.
///
/// Results are those of the platform's libm: byte-identical runs are promised for one build on
/// one platform, which is what a county office has.
enum Math {
    #if canImport(Glibc)
    @inline(__always) static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    @inline(__always) static func asin(_ x: Double) -> Double { Glibc.asin(x) }
    @inline(__always) static func exp2(_ x: Double) -> Double { Glibc.exp2(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    #elseif canImport(Musl)
    @inline(__always) static func sin(_ x: Double) -> Double { Musl.sin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { Musl.cos(x) }
    @inline(__always) static func asin(_ x: Double) -> Double { Musl.asin(x) }
    @inline(__always) static func exp2(_ x: Double) -> Double { Musl.exp2(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Musl.pow(x, y) }
    #elseif canImport(Darwin)
    @inline(__always) static func sin(_ x: Double) -> Double { Darwin.sin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { Darwin.cos(x) }
    @inline(__always) static func asin(_ x: Double) -> Double { Darwin.asin(x) }
    @inline(__always) static func exp2(_ x: Double) -> Double { Darwin.exp2(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
    #endif
}
