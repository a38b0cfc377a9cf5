// SPDX-License-Identifier: GPL-3.0-or-later
// How many threads of the calling thread's OpenMP team (two asked for) flush subnormals
// (util/Subnormals.h), and how many the team has: 2, or 1 under the tsan stage's
// OMP_THREAD_LIMIT=1.
#pragma once

#include "util/Subnormals.h"

#include <omp.h>

namespace ws::test {

struct TeamFlushing {
    int flushing = 0;
    int team = 0;
};

inline TeamFlushing teamFlushing()
{
    int n = 0, team = 0;
#pragma omp parallel num_threads(2) reduction(+ : n)
    {
        n += subnormalsFlushed() ? 1 : 0;
#pragma omp master
        team = omp_get_num_threads();
    }
    return { n, team };
}

} // namespace ws::test
