// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/SymmetricEigen.h"

#include "util/Error.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <omp.h>

// The Fortran 77 interfaces of BLAS and LAPACK (netlib reference; Debian's libblas3/liblapack3 and
// OpenBLAS export the same symbols): every argument by address, INTEGER a 32-bit int (LP64), and
// after the declared arguments one hidden length per CHARACTER argument, which gfortran's calling
// convention expects (omitting them is undefined behaviour since GCC 8).
extern "C" {
void dsyrk_(const char* uplo, const char* trans, const int* n, const int* k, const double* alpha, const double* a,
    const int* lda, const double* beta, double* c, const int* ldc, std::size_t uploLen, std::size_t transLen);
void dsyevd_2stage_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w,
    double* work, const int* lwork, int* iwork, const int* liwork, int* info, std::size_t jobzLen, std::size_t uploLen);
}

namespace ws {

namespace {

int fortranInt(Eigen::Index v)
{
    if (v < 0 || v > std::numeric_limits<int>::max())
        throw Error("a matrix side of " + std::to_string(v) + " is beyond what LAPACK's 32-bit integers address");
    return int(v);
}

// OpenBLAS's OpenMP flavour (Debian's libopenblas0-openmp, which then stands behind libblas.so.3
// and liblapack.so.3) splits a call into omp_get_max_threads() shares, starts a parallel region
// and has each share wait for the others. Under OMP_THREAD_LIMIT below that count libgomp starts
// fewer threads, the missing shares never run and the call never returns: with OpenBLAS 0.3.21 on
// two cores and OMP_THREAD_LIMIT=1 the Spectrum dock's first dsyrk hung (stop 29's tsan stage,
// which sets that limit). OpenBLAS follows the calling thread's omp_get_max_threads() at every
// call, so lowering that thread's OpenMP thread count to the limit keeps the shares and the
// threads in step. Without the limit (the usual case) nothing changes; the reference BLAS and
// OpenBLAS's pthreads flavour ignore OpenMP's settings.
void keepBlasWithinTheOpenMpThreadLimit()
{
    const int limit = omp_get_thread_limit();
    if (limit > 0 && omp_get_max_threads() > limit)
        omp_set_num_threads(limit);
}

} // namespace

void addGramLower(Eigen::MatrixXd& G, const Eigen::MatrixXd& X)
{
    const int n = fortranInt(G.rows()), k = fortranInt(X.cols());
    if (G.cols() != G.rows() || X.rows() != G.rows())
        throw Error("addGramLower: X has " + std::to_string(X.rows()) + " rows for a Gram matrix of side " + std::to_string(n));
    if (n == 0 || k == 0)
        return;
    const double one = 1.0;
    keepBlasWithinTheOpenMpThreadLimit();
    dsyrk_("L", "N", &n, &k, &one, X.data(), &n, &one, G.data(), &n, 1, 1);
}

Eigen::VectorXd symmetricEigenvalues(Eigen::MatrixXd& G)
{
    const int n = fortranInt(G.rows());
    Eigen::VectorXd w(n);
    if (n == 0)
        return w;
    // The two-stage reduction (LAPACK 3.7+; dense to band with level-3 BLAS, then band to
    // tridiagonal), then dsterf's root-free QR; JOBZ = 'N' is the only mode it offers and all we need.
    // Measured on a 4096-side Gram matrix, one thread: 4.2 s of CPU against 5.8 s for dsyevd's
    // one-stage dsytrd and 23.6 s for Eigen's SelfAdjointEigenSolver (docs/benchmarks.md).
    int lwork = -1, liwork = -1, info = 0, iworkSize = 0;
    double workSize = 0;
    keepBlasWithinTheOpenMpThreadLimit();
    dsyevd_2stage_("N", "L", &n, G.data(), &n, w.data(), &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1);
    if (info != 0)
        throw Error("LAPACK's dsyevd_2stage refused its workspace query (info " + std::to_string(info) + ")");
    lwork = int(workSize);
    liwork = std::max(1, iworkSize);
    std::vector<double> work(static_cast<std::size_t>(std::max(1, lwork)));
    std::vector<int> iwork(static_cast<std::size_t>(liwork));
    dsyevd_2stage_("N", "L", &n, G.data(), &n, w.data(), work.data(), &lwork, iwork.data(), &liwork, &info, 1, 1);
    if (info != 0)
        throw Error("the eigensolver (LAPACK dsyevd_2stage) did not converge on the " + std::to_string(n) + " × "
            + std::to_string(n) + " matrix (info " + std::to_string(info) + ")");
    return w;
}

} // namespace ws
