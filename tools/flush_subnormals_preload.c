// SPDX-License-Identifier: GPL-3.0-or-later
// An experiment, not part of Weightscope: preloaded into a process, this sets the CPU to flush
// subnormal floats to zero (FTZ) and to read them as zero (DAZ) before main() and before any
// thread starts (threads created later inherit the setting), to measure what subnormals cost
// (docs/benchmarks.md, session 20):
//   gcc -shared -fPIC -O2 -o /tmp/ftz.so tools/flush_subnormals_preload.c
//   LD_PRELOAD=/tmp/ftz.so build/release/tests/test_accuracy --gtest_filter='Accuracy.Mlp*'
#include <pmmintrin.h>
#include <xmmintrin.h>

__attribute__((constructor)) static void flushSubnormals(void)
{
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
}
