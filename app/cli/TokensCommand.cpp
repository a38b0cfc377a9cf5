// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli tokens FILE: the tokenizer a GGUF file carries (io/GgufTokenizer.h), looked
// up by id (--id N) or by text (--find TEXT: the exact token, with SentencePiece's and GPT-2's
// space markers, then tokens containing the text); --json prints the same as JSON.
#include "cli/Args.h"
#include "cli/Commands.h"

#include "io/GgufTokenizer.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <iostream>

namespace ws::cli {

namespace {

constexpr size_t kListed = 20; // tokens containing --find's text, and the first tokens/merges shown

const std::vector<OptionSpec>& tokensOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "id", "N", "show token N" },
        { "find", "TEXT", "the ids of the token TEXT, then of up to 20 tokens containing it" },
        { "json", "", "print JSON instead of text (schema in docs/cli.md)" },
        { "help", "", "this help" },
    };
    return specs;
}

// A token as text on a terminal: control bytes and bytes >= 0x80 that are not part of the
// file's UTF-8 left as they are would garble the line, so control bytes are escaped (\x0a).
std::string printable(const std::string& s)
{
    std::string out;
    for (const unsigned char c : s) {
        if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out;
}

nlohmann::json tokenJson(const GgufTokenizer& t, int64_t id)
{
    nlohmann::json j = { { "id", id }, { "token", t.tokens[size_t(id)] } };
    j["score"] = t.scores.empty() ? nlohmann::json() : nlohmann::json(t.scores[size_t(id)]);
    j["type"] = t.types.empty() ? nlohmann::json() : nlohmann::json(tokenTypeName(t.types[size_t(id)]));
    return j;
}

void printToken(std::ostream& out, const GgufTokenizer& t, int64_t id)
{
    out << std::setw(8) << id << "  " << std::left << std::setw(24) << ("'" + printable(t.tokens[size_t(id)]) + "'")
        << std::right;
    if (!t.scores.empty())
        out << "  score " << t.scores[size_t(id)];
    if (!t.types.empty())
        out << "  " << tokenTypeName(t.types[size_t(id)]);
    out << "\n";
}

} // namespace

std::string tokensHelp()
{
    return "usage: weightscope-cli tokens FILE.gguf [--id N] [--find TEXT] [--json]\n\n"
           "Prints the tokenizer a GGUF file carries (tokenizer.ggml.*): its model, the number of tokens and "
           "merges; with --id the token N (text, score, type), with --find the ids of a text, else the first "
           "tokens and merges. Arrays that disagree in length are refused naming the key.\n\n"
        + Args::help(tokensOptions());
}

int tokensCommand(const std::vector<std::string>& argv)
{
    const Args a(tokensOptions(), argv);
    if (a.has("help")) {
        std::cout << tokensHelp();
        return 0;
    }
    if (a.positional().size() != 1)
        throw ConfigError("tokens needs one GGUF file (see tokens --help)");
    const GgufFile file(a.positional()[0]);
    const GgufTokenizer t = readGgufTokenizer(file);
    const auto count = int64_t(t.tokens.size());

    std::vector<int64_t> ids, containing;
    if (a.has("id")) {
        const long long id = a.integer("id", -1);
        if (id < 0 || id >= count)
            throw ConfigError("--id " + std::to_string(id) + " is outside the " + std::to_string(count) + " tokens (0 to "
                + std::to_string(count - 1) + ")");
        ids.push_back(id);
    }
    const std::optional<std::string> text = a.get("find");
    if (text) {
        const std::vector<int64_t> exact = t.find(*text);
        ids.insert(ids.end(), exact.begin(), exact.end());
        for (const int64_t id : t.search(*text, kListed + exact.size()))
            if (std::find(exact.begin(), exact.end(), id) == exact.end() && containing.size() < kListed)
                containing.push_back(id);
    }
    const bool browse = !a.has("id") && !text;
    if (browse)
        for (int64_t i = 0; i < std::min<int64_t>(count, kListed); ++i)
            ids.push_back(i);

    if (a.has("json")) {
        nlohmann::json j = { { "file", file.path() }, { "model", t.model }, { "tokens", count },
            { "merges", t.merges.size() }, { "has_scores", !t.scores.empty() }, { "has_types", !t.types.empty() } };
        j["results"] = nlohmann::json::array();
        for (const int64_t id : ids)
            j["results"].push_back(tokenJson(t, id));
        if (text) {
            j["find"] = *text;
            j["containing"] = nlohmann::json::array();
            for (const int64_t id : containing)
                j["containing"].push_back(tokenJson(t, id));
        }
        if (browse)
            j["first_merges"] = std::vector<std::string>(t.merges.begin(), t.merges.begin() + std::min(t.merges.size(), kListed));
        // Tokens need not be UTF-8 (byte tokens): invalid bytes become U+FFFD in JSON.
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return text && ids.empty() && containing.empty() ? 1 : 0;
    }
    std::cout << file.path() << ": tokenizer " << (t.model.empty() ? "(no model named)" : "'" + t.model + "'") << ", "
              << count << " tokens" << (t.scores.empty() ? "" : ", scores") << (t.types.empty() ? "" : ", types") << ", "
              << t.merges.size() << " merges\n";
    if (text) {
        std::cout << "'" << printable(*text) << "': ";
        std::cout << (ids.empty() ? "no token is exactly this text" : std::to_string(ids.size()) + " token(s)") << "\n";
    }
    for (const int64_t id : ids)
        printToken(std::cout, t, id);
    if (!containing.empty()) {
        std::cout << "containing it" << (containing.size() == kListed ? " (the first " + std::to_string(kListed) + ")" : "")
                  << ":\n";
        for (const int64_t id : containing)
            printToken(std::cout, t, id);
    }
    if (browse && !t.merges.empty()) {
        std::cout << "merges (the first " << std::min(t.merges.size(), kListed) << "):\n";
        for (size_t i = 0; i < std::min(t.merges.size(), kListed); ++i)
            std::cout << std::setw(8) << i << "  " << printable(t.merges[i]) << "\n";
    }
    return text && ids.empty() && containing.empty() ? 1 : 0;
}

} // namespace ws::cli
