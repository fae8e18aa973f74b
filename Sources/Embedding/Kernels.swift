// Kernels: the numeric building blocks of the BERT forward pass on raw Float pointers: dense layers through
// OpenBLAS sgemm, LayerNorm, exact GELU (with a vectorised rational erf), softmax, and row helpers. Inner loops use
// SIMD8 so that they vectorise without relying on the optimiser reassociating float sums.

import CBLAS
import Foundation

/// Numeric kernels over row-major Float matrices.
enum Kernels {
    typealias Ptr = UnsafeMutablePointer<Float>
    typealias CPtr = UnsafePointer<Float>

    /// C[m, n] = A[m, k] · W[n, k]ᵀ + beta·C: a dense layer with PyTorch-layout weights.
    @inline(__always)
    static func dense(_ a: CPtr, rows m: Int, inputs k: Int, weight w: CPtr, outputs n: Int, into c: Ptr, beta: Float) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), w, Int32(k), beta, c, Int32(n))
    }

    /// Every half-precision value by bit pattern: widening through it costs a load, where x86-64 without F16C
    /// would call a conversion routine per element.
    static let halfToFloat: [Float] = (0...UInt16.max).map { Float(Float16(bitPattern: $0)) }

    /// `count` half-precision values widened into `out`.
    static func widen(_ half: UnsafePointer<Float16>, count: Int, into out: Ptr) {
        halfToFloat.withUnsafeBufferPointer { table in
            half.withMemoryRebound(to: UInt16.self, capacity: count) { bits in
                for i in 0..<count { out[i] = table[Int(bits[i])] }
            }
        }
    }

    /// Fills each of `rows` rows of `out` (width `n`) with `bias`.
    static func fillRows(_ out: Ptr, rows: Int, bias: CPtr, width n: Int) {
        for r in 0..<rows { (out + r * n).update(from: bias, count: n) }
    }

    /// Fills each row of `out` with `a`'s row plus `bias` (residual input plus dense bias, before a beta=1 GEMM).
    static func fillRowsSum(_ out: Ptr, _ a: CPtr, rows: Int, bias: CPtr, width n: Int) {
        for r in 0..<rows {
            let o = out + r * n, x = a + r * n
            for j in 0..<n { o[j] = x[j] + bias[j] }
        }
    }

    /// out[r] = LayerNorm(input[r]) · gamma + beta for each row; `input` and `out` may be the same.
    static func layerNorm(_ input: CPtr, _ out: Ptr, rows: Int, width n: Int, gamma: CPtr, beta: CPtr, epsilon: Float) {
        let vectors = n / 8
        for r in 0..<rows {
            let x = input + r * n, o = out + r * n
            var acc = SIMD8<Float>()
            var tail: Float = 0
            for v in 0..<vectors { acc += UnsafeRawPointer(x + v * 8).loadUnaligned(as: SIMD8<Float>.self) }
            for j in (vectors * 8)..<n { tail += x[j] }
            let mean = (acc.sum() + tail) / Float(n)
            var sq = SIMD8<Float>()
            tail = 0
            let m8 = SIMD8<Float>(repeating: mean)
            for v in 0..<vectors {
                let d = UnsafeRawPointer(x + v * 8).loadUnaligned(as: SIMD8<Float>.self) - m8
                sq += d * d
            }
            for j in (vectors * 8)..<n { tail += (x[j] - mean) * (x[j] - mean) }
            let inv = 1 / (((sq.sum() + tail) / Float(n)) + epsilon).squareRoot()
            for j in 0..<n { o[j] = (x[j] - mean) * inv * gamma[j] + beta[j] }
        }
    }

    /// In-place exact GELU, x · Φ(x) = 0.5 · x · (1 + erf(x / √2)), over `count` floats.
    static func gelu(_ x: Ptr, count: Int) {
        let vectors = count / 8
        let raw = UnsafeMutableRawPointer(x)
        let half = SIMD8<Float>(repeating: 0.5), one = SIMD8<Float>(repeating: 1), invSqrt2 = SIMD8<Float>(repeating: 0.70710678118654752)
        for v in 0..<vectors {
            let xv = raw.loadUnaligned(fromByteOffset: v * 32, as: SIMD8<Float>.self)
            raw.storeBytes(of: half * xv * (one + erf8(xv * invSqrt2)), toByteOffset: v * 32, as: SIMD8<Float>.self)
        }
        for j in (vectors * 8)..<count { x[j] = 0.5 * x[j] * (1 + erff(x[j] * 0.70710678118654752)) }
    }

    /// erf for 8 lanes: the rational approximation used by Eigen and XLA (max abs error about 7e-8 in float64,
    /// a few ulp in float), with inputs clamped to [-4, 4] where erf is ±1 in single precision.
    @inline(__always)
    static func erf8(_ input: SIMD8<Float>) -> SIMD8<Float> {
        var x = input  // clamp without the generic (and, in practice, unspecialised) SIMD.clamped
        x.replace(with: 4, where: x .> 4)
        x.replace(with: -4, where: x .< -4)
        let x2 = x * x
        var p = x2 * -2.72614225801306e-10 + 2.77068142495902e-08
        p = x2 * p + -2.10102402082508e-06
        p = x2 * p + -5.69250639462346e-05
        p = x2 * p + -7.34990630326855e-04
        p = x2 * p + -2.95459980854025e-03
        p = x2 * p + -1.60960333262415e-02
        p = x * p
        var q = x2 * -1.45660718464996e-05 + -2.13374055278905e-04
        q = x2 * q + -1.68282697438203e-03
        q = x2 * q + -7.37332916720468e-03
        q = x2 * q + -1.42647390514189e-02
        return p / q
    }

    /// Row-wise softmax in place over a `rows` × `n` matrix.
    static func softmaxRows(_ s: Ptr, rows: Int, width n: Int) {
        for r in 0..<rows {
            let row = s + r * n
            var m = -Float.infinity
            for j in 0..<n { m = max(m, row[j]) }
            var sum: Float = 0
            for j in 0..<n {
                let e = expf(row[j] - m)
                row[j] = e
                sum += e
            }
            let inv = 1 / sum
            for j in 0..<n { row[j] *= inv }
        }
    }
}
