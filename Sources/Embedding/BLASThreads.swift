// BLASThreads: makes BLAS run on its caller's thread. slicewatch parallelises the encoder with its own threads,
// and OpenBLAS's idle pool otherwise spins on a core another stage needs.

import CBLAS

public enum BLASThreads {
    /// Call once, early (before the first multiplication and before the pipeline's threads start).
    public static func runOnCallingThread() { slicewatch_blas_on_calling_thread() }
}
