// SPDX-License-Identifier: GPL-3.0-or-later
// An allocator for std::vector whose storage starts on a cache line (64 bytes), for tensors and
// the products' scratch buffers. malloc's 16-byte alignment made every other 64-byte AVX-512
// load or store of a row cross two cache lines: aligning the GEMM's packed panels alone gave its
// shapes 2-22 % (bench_gemm, session 19).
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

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

// AlignedAllocator whose construct() without arguments, what std::vector::resize(n) calls for each
// new element, leaves the element default-initialised: a float is not zeroed. For Tensor, whose
// resize() zeroes new elements itself and whose resizeForOverwrite() does not.
template <class T, std::size_t Alignment = kCacheLine> struct UninitializedAllocator : AlignedAllocator<T, Alignment> {
    template <class U> struct rebind {
        using other = UninitializedAllocator<U, Alignment>;
    };

    UninitializedAllocator() = default;
    template <class U> UninitializedAllocator(const UninitializedAllocator<U, Alignment>&) noexcept { }

    template <class U> void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>)
    {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args> void construct(U* p, Args&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }

    template <class U> bool operator==(const UninitializedAllocator<U, Alignment>&) const noexcept { return true; }
};

} // namespace ws
