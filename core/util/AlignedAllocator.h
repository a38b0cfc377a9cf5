// SPDX-License-Identifier: GPL-3.0-or-later
// An allocator for std::vector whose storage starts on a cache line (64 bytes), for tensors and
// the products' scratch buffers. malloc's 16-byte alignment made every other 64-byte AVX-512
// load or store of a row cross two cache lines: aligning the GEMM's packed panels alone gave its
// shapes 2-22 % (bench_gemm, session 19).
#pragma once

#include <cstddef>
#include <new>

namespace ws {

inline constexpr std::size_t kCacheLine = 64;

template <class T, std::size_t Alignment = kCacheLine> struct AlignedAllocator {
    using value_type = T;
    template <class U> struct rebind {
        using other = AlignedAllocator<U, Alignment>;
    };

    AlignedAllocator() = default;
    template <class U> AlignedAllocator(const AlignedAllocator<U, Alignment>&) noexcept { }

    T* allocate(std::size_t n)
    {
        if (n > std::size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(Alignment)));
    }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t(Alignment)); }

    template <class U> bool operator==(const AlignedAllocator<U, Alignment>&) const noexcept { return true; }
};

} // namespace ws
