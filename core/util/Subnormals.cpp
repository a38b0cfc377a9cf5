// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Subnormals.h"

#include <omp.h>

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

void setOnTeam(unsigned mxcsr, int threads)
{
    _mm_setcsr(mxcsr);
    if (threads > 1) {
#pragma omp parallel num_threads(threads)
        _mm_setcsr(mxcsr);
    }
}
#endif

} // namespace

SubnormalsFlushed::SubnormalsFlushed(bool flush, int threads)
    : threads_(threads)
{
#if WS_HAS_MXCSR
    if (!flush)
        return;
    saved_ = _mm_getcsr();
    if ((saved_ & kBoth) == kBoth)
        return; // an outer scope flushes already and restores at its end
    active_ = true;
    setOnTeam(saved_ | kBoth, threads_);
#else
    (void)flush;
#endif
}

SubnormalsFlushed::~SubnormalsFlushed()
{
#if WS_HAS_MXCSR
    if (active_)
        setOnTeam(saved_, threads_);
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
