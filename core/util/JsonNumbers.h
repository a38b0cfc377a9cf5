// SPDX-License-Identifier: GPL-3.0-or-later
// Whether nlohmann's get<T>() may be asked for a JSON value read from a file.
//
// nlohmann converts a stored number to the requested type with a plain cast: a float to an
// integer type out of range is undefined behaviour (1e+34 as an unsigned long from
// fuzz_playground_session, 2.4e125 as int64_t from fuzz_model_config), and an integer out of the
// target's range wraps silently (-1 as unsigned, 2^40 as int). numbersFit<T>(v) says whether every
// number in v (searched through arrays, for T = std::vector<...>) is an integer that T holds when T
// is an integer type; other values (strings, objects, null) are left for get<T>() to refuse with
// its own type error. Use it before get<T>() on anything from a file.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace ws {

namespace detail {
template <class T> struct JsonElement { using type = T; };
template <class T, class A> struct JsonElement<std::vector<T, A>> { using type = typename JsonElement<T>::type; };
} // namespace detail

template <class T, class Json = nlohmann::json> bool numbersFit(const Json& v)
{
    using E = typename detail::JsonElement<T>::type;
    if (v.is_array()) {
        for (const auto& e : v)
            if (!numbersFit<E, Json>(e))
                return false;
        return true;
    }
    if constexpr (std::is_integral_v<E> && !std::is_same_v<E, bool>) {
        if (!v.is_number())
            return true;
        if (v.is_number_float())
            return false;
        if (v.is_number_unsigned())
            return v.template get<uint64_t>() <= uint64_t(std::numeric_limits<E>::max());
        const int64_t i = v.template get<int64_t>();
        if constexpr (std::is_unsigned_v<E>)
            return i >= 0 && uint64_t(i) <= uint64_t(std::numeric_limits<E>::max());
        else
            return i >= int64_t(std::numeric_limits<E>::min()) && i <= int64_t(std::numeric_limits<E>::max());
    } else {
        return true;
    }
}

// j.value(key, fallback), except that a number the fallback's type cannot hold throws
// json::out_of_range naming the key instead of being cast (callers already turn nlohmann's
// exceptions into their own errors).
template <class T, class Json> T valueChecked(const Json& j, const char* key, const T& fallback)
{
    if (j.is_object()) {
        const auto it = j.find(key);
        if (it != j.end() && !numbersFit<T>(*it))
            throw Json::out_of_range::create(406, std::string("'") + key + "' is out of range: " + it->dump(), nullptr);
    }
    return j.value(key, fallback);
}

} // namespace ws
