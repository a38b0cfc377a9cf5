// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Subnormals.h"

#include <omp.h>

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define WS_HAS_MXCSR 1
#else
#define WS_HAS_MXCSR 0
#endif

namespace ws {

namespace {

#if WS_HAS_MXCSR
constexpr unsigned kFlushToZero = 0x8000;    // MXCSR.FTZ
constexpr unsigned kDenormalsAreZero = 0x40; // MXCSR.DAZ
constexpr unsigned kBoth = kFlushToZero | kDenormalsAreZero;
#endif

} // namespace

SubnormalsFlushed::SubnormalsFlushed(bool flush, int threads)
{
#if WS_HAS_MXCSR
    if (!flush)
        return;
    // Every thread of the team, the calling thread (number 0) included, keeps the value it had,
    // and the end puts each back: a scope inside one that set the calling thread alone leaves
    // the other threads as it found them. Set even where the calling thread flushes already:
    // the team's other threads may not.
    // A thread the start's team did not have (fewer granted than asked) gets the calling
    // thread's value at the end, never 0, which would unmask every floating-point exception.
    saved_.assign(size_t(std::max(1, threads)), _mm_getcsr());
    const int n = int(saved_.size());
#pragma omp parallel num_threads(n) if (n > 1)
    {
        const unsigned old = _mm_getcsr();
        saved_[size_t(omp_get_thread_num())] = old;
        _mm_setcsr(old | kBoth);
    }
#else
    (void)flush;
    (void)threads;
#endif
}

SubnormalsFlushed::~SubnormalsFlushed()
{
#if WS_HAS_MXCSR
    if (saved_.empty()) // flush = false
        return;
    const int n = int(saved_.size());
#pragma omp parallel num_threads(n) if (n > 1)
    _mm_setcsr(saved_[size_t(omp_get_thread_num())]);
#endif
}

bool subnormalsFlushed()
{
#if WS_HAS_MXCSR
    return (_mm_getcsr() & kBoth) == kBoth;
#else
    return false;
#endif
}

} // namespace ws
