// SPDX-License-Identifier: GPL-3.0-or-later
// One way to turn an enum into words and back: the name written in configs, run records and on
// the command line, a label for people (and the GUI's lists), and the spellings also accepted.
//
// Contract: the header that declares an enum E specialises EnumNames<E> right after it, so every
// file that sees E sees its names (the JSON serializer below depends on that):
//   template <> struct EnumNames<LossKind> {
//       static constexpr std::string_view what = "loss"; // for "unknown loss 'x'"
//       static constexpr EnumEntry<LossKind> entries[] = {
//           { LossKind::MeanSquaredError, "mse", "Mean squared error", "mean_squared_error" }, ...
//       };
//   };
// Each value appears once; names and aliases ("a|b") are unique and matched exactly (case and
// all). Table order is the order of enumValues() and of the "known:" list in parse errors.
// Rules that are not spellings (an empty activation is linear, an unknown run status reads as
// interrupted) stay in the enum's own parse function, next to the call of findEnum/parseEnum.
// JSON: with nlohmann/json.hpp included, `j = e` writes enumName(e) and `j.get<E>()` parses.
#pragma once

#include "util/Error.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace ws {

template <class E> struct EnumEntry {
    E value;
    std::string_view name;         // config spelling: "binary_cross_entropy"
    std::string_view label;        // for people: "Binary cross-entropy"
    std::string_view aliases = {}; // other accepted spellings, '|'-separated: "bce"
};

template <class E> struct EnumNames; // specialised next to each enum

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires {
    { EnumNames<E>::what } -> std::convertible_to<std::string_view>;
    EnumNames<E>::entries[0].value;
};

namespace detail {

inline constexpr size_t kNoEntry = size_t(-1);

// Indices, not pointers: GCC's UBSan puts a null check on every access through a pointer, and
// that check is not a constant expression, so a pointer here breaks compile-time use in the
// asan preset.
template <class E> constexpr size_t enumIndex(E value)
{
    for (size_t i = 0; i < std::size(EnumNames<E>::entries); ++i)
        if (EnumNames<E>::entries[i].value == value)
            return i;
    return kNoEntry;
}

constexpr bool aliasListHas(std::string_view aliases, std::string_view text)
{
    while (!aliases.empty()) {
        const size_t bar = aliases.find('|');
        if (aliases.substr(0, bar) == text)
            return true;
        if (bar == std::string_view::npos)
            break;
        aliases.remove_prefix(bar + 1);
    }
    return false;
}

} // namespace detail

// The config name; "?" for a value that is not in the table (an integer cast to E).
template <NamedEnum E> constexpr std::string_view enumName(E value)
{
    const size_t i = detail::enumIndex(value);
    return i == detail::kNoEntry ? std::string_view("?") : EnumNames<E>::entries[i].name;
}

// The label for people; "?" for a value that is not in the table.
template <NamedEnum E> constexpr std::string_view enumLabel(E value)
{
    const size_t i = detail::enumIndex(value);
    return i == detail::kNoEntry ? std::string_view("?") : EnumNames<E>::entries[i].label;
}

// The value named or aliased `text`, or nullopt.
template <NamedEnum E> constexpr std::optional<E> findEnum(std::string_view text)
{
    constexpr size_t n = std::size(EnumNames<E>::entries);
    for (size_t i = 0; i < n; ++i)
        if (EnumNames<E>::entries[i].name == text)
            return EnumNames<E>::entries[i].value;
    for (size_t i = 0; i < n; ++i)
        if (detail::aliasListHas(EnumNames<E>::entries[i].aliases, text))
            return EnumNames<E>::entries[i].value;
    return std::nullopt;
}

// Every value, in table order.
template <NamedEnum E> constexpr auto enumValues()
{
    constexpr size_t n = std::size(EnumNames<E>::entries);
    std::array<E, n> values {};
    for (size_t i = 0; i < n; ++i)
        values[i] = EnumNames<E>::entries[i].value;
    return values;
}

// "a, b, c": the names (not the aliases), for error messages and help texts.
template <NamedEnum E> std::string enumNameList()
{
    std::string list;
    for (const auto& e : EnumNames<E>::entries) {
        if (!list.empty())
            list += ", ";
        list += e.name;
    }
    return list;
}

// The value named or aliased `text`; throws ConfigError "unknown <what> 'x' (known: a, b, c)".
template <NamedEnum E> E parseEnum(std::string_view text)
{
    if (const auto value = findEnum<E>(text))
        return *value;
    std::string message = "unknown ";
    message += EnumNames<E>::what;
    message += " '";
    message += text;
    message += "' (known: ";
    message += enumNameList<E>();
    message += ")";
    throw ConfigError(message);
}

} // namespace ws

// JSON as the name: the same spelling a config file or run record holds. Reading a number or an
// unknown name throws (json::type_error, ConfigError), never a silent default.
namespace nlohmann {
template <ws::NamedEnum E> struct adl_serializer<E, void> {
    template <class Json> static void to_json(Json& j, E value) { j = std::string(ws::enumName(value)); }
    template <class Json> static void from_json(const Json& j, E& value)
    {
        value = ws::parseEnum<E>(j.template get<std::string>());
    }
};
} // namespace nlohmann
