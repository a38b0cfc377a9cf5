// SPDX-License-Identifier: GPL-3.0-or-later
// WS_TARGET_CLONES before a function: GCC builds an AVX-512, an AVX2 and a baseline copy of it and
// picks one for the CPU when the program is loaded (target_clones, through an ifunc resolver), so
// a portable binary still gets wide vectors in its hot loops. The copies must give the same bits:
// use it on loops whose vectors run across independent elements (no reassociated sums), in code
// built with -ffp-contract=off (all of ws_core is: GCC fuses a * b + c in C++ under -std=c++20
// too, and did so in the AVX-512 copies).
//
// Off under the sanitizers and off x86-64: ThreadSanitizer instruments the resolver, which the
// dynamic loader runs before the sanitizer's runtime is set up, and every program linking such a
// function crashed at start (the tsan stage of .ci/run, session 16). Those builds run the
// baseline copy, which computes the same bits.
#pragma once

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define WS_NO_TARGET_CLONES 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WS_NO_TARGET_CLONES 1
#endif

#if defined(WS_NO_TARGET_CLONES) || !defined(__x86_64__)
#define WS_TARGET_CLONES
#else
#define WS_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
