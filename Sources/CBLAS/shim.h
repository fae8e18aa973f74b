// CBLAS: the C BLAS interface (cblas_sgemm, ...) from OpenBLAS (Debian package libopenblas-dev).
#include <cblas.h>
