// CBLAS: the C BLAS interface (cblas_sgemm, ...) from OpenBLAS (Debian package libopenblas-dev).
#include <cblas.h>

// OpenBLAS starts a pool of worker threads when it loads; they spin (sched_yield) for about 0.1 s of CPU
// before they sleep, and again after every threaded call. slicewatch parallelises with its own threads, so
// BLAS runs on the caller's thread and the pool is shut down (OpenBLAS's own export, not in cblas.h).
int blas_thread_shutdown_(void);

static inline void slicewatch_blas_on_calling_thread(void) {
    openblas_set_num_threads(1);
    blas_thread_shutdown_();
}
