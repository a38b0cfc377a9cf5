// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/GgufTokenizer.h"

#include "util/Error.h"

#include <algorithm>
#include <cstring>

namespace ws {

namespace {

// gguf_metadata_value_type numbers used here.
constexpr uint32_t kI32 = 5, kF32 = 6, kString = 8;

// Reads one array value of the mapped file with every length checked against the file's end.
class ArrayReader {
public:
    ArrayReader(const GgufFile& file, const std::string& key, uint64_t at, uint32_t wantType, const char* wantName)
        : file_(file)
        , key_(key)
        , pos_(at)
    {
        const uint32_t type = get<uint32_t>("element type");
        if (type != wantType)
            fail("holds values of type " + std::to_string(type) + ", expected " + wantName);
        count_ = get<uint64_t>("length");
        const uint64_t least = wantType == kString ? 8 : 4;
        if (count_ > remaining() / least)
            fail("declares " + std::to_string(count_) + " elements, which cannot fit in the " + std::to_string(remaining())
                + " bytes left in the file");
    }

    uint64_t count() const { return count_; }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw FormatError(file_.path() + ": metadata key '" + key_ + "': " + what);
    }

    template <class T> T get(const char* what)
    {
        if (sizeof(T) > remaining())
            fail("the file ends inside the " + std::string(what) + " at byte " + std::to_string(pos_));
        T v;
        std::memcpy(&v, file_.mapped().data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }

    std::string string(uint64_t index)
    {
        const uint64_t at = pos_;
        const uint64_t len = get<uint64_t>("string length");
        if (len > remaining())
            fail("string " + std::to_string(index) + " at byte " + std::to_string(at) + " is " + std::to_string(len)
                + " bytes long and runs past the end of the file");
        std::string s(reinterpret_cast<const char*>(file_.mapped().data() + pos_), size_t(len));
        pos_ += len;
        return s;
    }

private:
    uint64_t remaining() const { return file_.mapped().size() - pos_; }

    const GgufFile& file_;
    const std::string& key_;
    uint64_t pos_;
    uint64_t count_ = 0;
};

std::vector<std::string> readStrings(const GgufFile& file, const std::string& key, uint64_t at)
{
    ArrayReader r(file, key, at, kString, "string");
    std::vector<std::string> out;
    out.reserve(size_t(r.count()));
    for (uint64_t i = 0; i < r.count(); ++i)
        out.push_back(r.string(i));
    return out;
}

// scores or token_type: one value per token.
template <class T>
std::vector<T> readPerToken(const GgufFile& file, const std::string& key, uint32_t type, const char* name, size_t tokens)
{
    const auto at = file.arrayAt(key);
    if (!at)
        return {};
    ArrayReader r(file, key, *at, type, name);
    if (r.count() != tokens)
        r.fail("has " + std::to_string(r.count()) + " elements but tokenizer.ggml.tokens has " + std::to_string(tokens)
            + " (one per token expected)");
    std::vector<T> out(tokens);
    for (size_t i = 0; i < tokens; ++i)
        out[i] = r.get<T>("array");
    return out;
}

} // namespace

bool hasGgufTokenizer(const GgufFile& file) { return file.arrayAt("tokenizer.ggml.tokens").has_value(); }

GgufTokenizer readGgufTokenizer(const GgufFile& file)
{
    const auto tokensAt = file.arrayAt("tokenizer.ggml.tokens");
    if (!tokensAt)
        throw FormatError(file.path() + ": no tokenizer (no tokenizer.ggml.tokens array)");
    GgufTokenizer t;
    const auto& meta = file.metadata();
    if (const auto m = meta.find("tokenizer.ggml.model"); m != meta.end() && m->is_string())
        t.model = m->get<std::string>();
    t.tokens = readStrings(file, "tokenizer.ggml.tokens", *tokensAt);
    t.scores = readPerToken<float>(file, "tokenizer.ggml.scores", kF32, "float32", t.tokens.size());
    t.types = readPerToken<int32_t>(file, "tokenizer.ggml.token_type", kI32, "int32", t.tokens.size());
    if (const auto mergesAt = file.arrayAt("tokenizer.ggml.merges"))
        t.merges = readStrings(file, "tokenizer.ggml.merges", *mergesAt);
    return t;
}

namespace {

// `text`, then the same with SentencePiece's and GPT-2's space markers for its spaces.
std::vector<std::string> spellings(std::string_view text)
{
    std::vector<std::string> out = { std::string(text) };
    for (const char* marker : { "\xE2\x96\x81", "\xC4\xA0" }) { // U+2581, U+0120
        std::string s;
        for (const char c : text)
            s += c == ' ' ? std::string(marker) : std::string(1, c);
        if (s != out.front())
            out.push_back(std::move(s));
    }
    return out;
}

} // namespace

std::vector<int64_t> GgufTokenizer::find(std::string_view text) const
{
    const std::vector<std::string> wanted = spellings(text);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < tokens.size(); ++i)
        if (std::find(wanted.begin(), wanted.end(), tokens[i]) != wanted.end())
            ids.push_back(int64_t(i));
    return ids;
}

std::vector<int64_t> GgufTokenizer::search(std::string_view part, size_t limit) const
{
    const std::vector<std::string> wanted = spellings(part);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < tokens.size() && ids.size() < limit; ++i)
        for (const std::string& w : wanted)
            if (std::string_view(tokens[i]).find(w) != std::string_view::npos) {
                ids.push_back(int64_t(i));
                break;
            }
    return ids;
}

std::string tokenTypeName(int32_t type)
{
    static const char* const kNames[] = { "normal", "unknown", "control", "user-defined", "unused", "byte" };
    return type >= 1 && type <= 6 ? kNames[type - 1] : std::to_string(type);
}

} // namespace ws
