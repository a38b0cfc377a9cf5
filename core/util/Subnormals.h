// SPDX-License-Identifier: GPL-3.0-or-later
// Subnormal floats flushed to zero while a training runs.
//
// A float below 2^-126 in magnitude is subnormal, and x86 cores take a micro-code assist, about a
// hundred cycles, for every operation that reads or writes one. Training makes them: SGD
// momentum's and Adam's moments of a weight whose gradient stays zero (a dead ReLU unit) decay by
// a factor each step and pass 2^-126 after some hundreds of steps, and then every step multiplies
// them again. Fashion-MNIST's MLP slowed from 101k samples/s in its first epoch to 51k in its
// sixth (docs/benchmarks.md, session 20); with subnormals flushed it kept 118-131k, with the same
// losses to four decimals and the same test accuracy. TensorFlow flushes them by default;
// PyTorch has torch.set_flush_denormal.
//
// FTZ (results that would be subnormal are zero) and DAZ (subnormal inputs are read as zero) are
// bits of MXCSR, which is per thread: the scope sets them on the calling thread and on every
// thread of its OpenMP team (libgomp keeps one team per calling thread and gives each number the
// same thread again; threads it starts later inherit the calling thread's MXCSR, as POSIX has
// pthread_create do), and puts each thread's old value back at its end. Results change only
// where a subnormal occurred, in those bits; a given seed and thread count still give the same
// bits every time.
#pragma once

#include <vector>

namespace ws {

class SubnormalsFlushed {
public:
    // flush = false: changes nothing (a run recorded before the flush existed replays as it ran).
    // `threads`: the OpenMP team to set besides the calling thread (the count the numerics use).
    SubnormalsFlushed(bool flush, int threads);
    ~SubnormalsFlushed();
    SubnormalsFlushed(const SubnormalsFlushed&) = delete;
    SubnormalsFlushed& operator=(const SubnormalsFlushed&) = delete;

private:
    std::vector<unsigned> saved_; // MXCSR of each thread of the team at the start, by number; empty: nothing set
};

// Whether the calling thread flushes subnormals (both FTZ and DAZ set); false off x86.
bool subnormalsFlushed();

} // namespace ws
