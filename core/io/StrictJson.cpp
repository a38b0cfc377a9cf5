// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/StrictJson.h"

#include "util/Error.h"
#include "util/Utf8.h"

#include <set>
#include <vector>

namespace ws {

nlohmann::ordered_json parseStrictJson(const char* begin, const char* end, const std::string& what,
    uint64_t baseOffset)
{
    constexpr int kMaxDepth = 64;
    using Json = nlohmann::ordered_json;
    std::vector<std::set<std::string>> keys; // one set per open object
    std::string error;
    auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (depth > kMaxDepth && error.empty())
            error = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
        switch (event) {
        case Json::parse_event_t::object_start: keys.emplace_back(); break;
        case Json::parse_event_t::object_end:
            if (!keys.empty())
                keys.pop_back();
            break;
        case Json::parse_event_t::key:
            if (!keys.empty() && parsed.is_string() && !keys.back().insert(parsed.get<std::string>()).second
                && error.empty())
                error = "key '" + parsed.get<std::string>() + "' appears twice";
            break;
        default: break;
        }
        // Stop building once something is wrong; the error is reported below.
        if (!error.empty())
            throw FormatError(what + ": " + error);
        return true;
    };
    try {
        return Json::parse(begin, end, callback, true);
    } catch (const Json::parse_error& e) {
        // e.byte is 1-based and counts the character where parsing failed.
        const uint64_t at = baseOffset + (e.byte > 0 ? e.byte - 1 : 0);
        std::string msg = e.what();
        const auto colon = msg.find("error: ");
        throw FormatError(what + ": invalid JSON at byte " + std::to_string(at) + ": "
            + (colon == std::string::npos ? msg : msg.substr(colon + 7)));
    } catch (const Json::exception& e) {
        throw FormatError(what + ": invalid JSON: " + e.what());
    }
}

nlohmann::json parseJsonWithDepthLimit(const std::string& text, const std::string& what, int maxDepth)
{
    // The depth is checked by a scan of the brackets outside strings, so that the parse itself is
    // nlohmann's plain DOM parser: its callback parser, which could count the depth instead, costs
    // about three times as much per byte (a 1 MB Keras config of 20,000 layers took 0.36 s to
    // refuse, 11.7 s under AddressSanitizer). Malformed text is the parser's to report.
    int depth = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                throw FormatError(what + ": nested deeper than " + std::to_string(maxDepth) + " levels");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(what + " is not valid JSON: " + e.what());
    }
}

void makeValidUtf8(nlohmann::json& j)
{
    if (j.is_string()) {
        auto& text = j.get_ref<std::string&>();
        if (!isValidUtf8(text))
            text = toValidUtf8(text);
    } else if (j.is_array()) {
        for (auto& item : j)
            makeValidUtf8(item);
    } else if (j.is_object()) {
        bool keysValid = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            makeValidUtf8(it.value());
            keysValid = keysValid && isValidUtf8(it.key());
        }
        if (!keysValid) {
            nlohmann::json fixed = nlohmann::json::object();
            for (auto it = j.begin(); it != j.end(); ++it)
                fixed[toValidUtf8(it.key())] = std::move(it.value());
            j = std::move(fixed);
        }
    }
}

} // namespace ws
