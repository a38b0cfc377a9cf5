// SPDX-License-Identifier: GPL-3.0-or-later
// CSV reader: RFC 4180 records (quoted fields may hold the delimiter, doubled quotes and line
// breaks; CRLF or LF line ends), then numeric features and one label column.
#include "data/Csv.h"

#include "util/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace ws {

namespace {

struct Record {
    int64_t line = 0; // 1-based line where the record starts
    std::vector<std::string> fields;
};

std::vector<Record> parseRecords(const std::string& path, const std::string& text, char delim)
{
    std::vector<Record> records;
    size_t i = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        i = 3; // UTF-8 byte order mark
    int64_t line = 1;
    while (i < text.size()) {
        Record rec;
        rec.line = line;
        std::string field;
        bool quotedAny = false;
        bool endOfRecord = false;
        while (!endOfRecord) {
            // One field.
            field.clear();
            if (i < text.size() && text[i] == '"') {
                quotedAny = true;
                const int64_t openLine = line;
                ++i;
                for (;;) {
                    if (i >= text.size())
                        throw FormatError(path + ":" + std::to_string(openLine) + ": quoted field is never closed");
                    const char c = text[i++];
                    if (c == '"') {
                        if (i < text.size() && text[i] == '"') {
                            field += '"';
                            ++i;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n')
                            ++line;
                        field += c;
                    }
                }
                // Only spaces may follow the closing quote.
                while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
                    ++i;
                if (i < text.size() && text[i] != delim && text[i] != '\n' && text[i] != '\r')
                    throw FormatError(path + ":" + std::to_string(line) + ": field " + std::to_string(rec.fields.size())
                        + ": unexpected '" + std::string(1, text[i]) + "' after a closing quote");
            } else {
                while (i < text.size() && text[i] != delim && text[i] != '\n' && text[i] != '\r')
                    field += text[i++];
            }
            rec.fields.push_back(field);
            if (i < text.size() && text[i] == delim) {
                ++i;
            } else {
                if (i < text.size() && text[i] == '\r')
                    ++i;
                if (i < text.size() && text[i] == '\n')
                    ++i;
                ++line;
                endOfRecord = true;
            }
        }
        const bool blank = !quotedAny && rec.fields.size() == 1
            && rec.fields[0].find_first_not_of(" \t") == std::string::npos;
        if (!blank)
            records.push_back(std::move(rec));
    }
    return records;
}

std::string_view trimmed(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::optional<double> parseNumber(std::string_view s)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return std::nullopt;
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<int64_t> parseInteger(std::string_view s)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

} // namespace

Dataset readCsv(const std::string& path, const CsvOptions& options)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path + ": cannot open");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::vector<Record> records = parseRecords(path, buffer.str(), options.delimiter);
    if (records.empty())
        throw FormatError(path + ": no rows");

    const size_t columns = records[0].fields.size();
    for (const Record& r : records)
        if (r.fields.size() != columns)
            throw FormatError(path + ":" + std::to_string(r.line) + ": " + std::to_string(r.fields.size())
                + " fields, expected " + std::to_string(columns) + " as on line " + std::to_string(records[0].line));
    if (columns < 2)
        throw FormatError(path + ": needs at least one feature column and a label column, found "
            + std::to_string(columns) + " column");

    // Header: some column is text on the first row but a number on the second. A label
    // column of text (class names) does not count, since it is text on every row.
    bool hasHeader = false;
    if (records.size() == 1) {
        hasHeader = std::any_of(records[0].fields.begin(), records[0].fields.end(),
            [](const std::string& f) { return !parseNumber(f); });
    } else {
        for (size_t c = 0; c < columns && !hasHeader; ++c)
            hasHeader = !parseNumber(records[0].fields[c]) && parseNumber(records[1].fields[c]);
    }
    std::vector<std::string> names(columns);
    for (size_t c = 0; c < columns; ++c)
        names[c] = hasHeader ? std::string(trimmed(records[0].fields[c])) : std::to_string(c);
    const auto columnName = [&](size_t c) {
        return hasHeader ? "column '" + names[c] + "' (" + std::to_string(c) + ")" : "column " + std::to_string(c);
    };

    size_t labelCol = columns - 1;
    if (!options.labelColumn.empty()) {
        const auto byName = std::find(names.begin(), names.end(), options.labelColumn);
        const auto index = parseInteger(options.labelColumn);
        if (hasHeader && byName != names.end()) {
            labelCol = size_t(byName - names.begin());
        } else if (index) {
            if (*index < 0 || *index >= int64_t(columns))
                throw ConfigError(path + ": label column index " + options.labelColumn + " is outside 0.."
                    + std::to_string(columns - 1));
            labelCol = size_t(*index);
        } else {
            std::string known;
            for (const auto& n : names)
                known += (known.empty() ? "" : ", ") + n;
            throw ConfigError(path + ": no column named '" + options.labelColumn + "'"
                + (hasHeader ? " (columns: " + known + ")" : " (the file has no header row)"));
        }
    }

    const size_t first = hasHeader ? 1 : 0;
    const auto n = int64_t(records.size() - first);
    if (n == 0)
        throw FormatError(path + ": a header row but no data rows");
    const auto features = int64_t(columns - 1);

    Dataset data;
    data.name = std::filesystem::path(path).stem().string();
    data.x = Tensor({ n, features });
    std::vector<std::string> labelText(static_cast<size_t>(n));
    for (int64_t r = 0; r < n; ++r) {
        const Record& rec = records[first + size_t(r)];
        int64_t f = 0;
        for (size_t c = 0; c < columns; ++c) {
            if (c == labelCol) {
                labelText[size_t(r)] = std::string(trimmed(rec.fields[c]));
                continue;
            }
            const auto v = parseNumber(rec.fields[c]);
            if (!v)
                throw FormatError(path + ":" + std::to_string(rec.line) + ": " + columnName(c) + ": '"
                    + rec.fields[c] + "' is not a finite number");
            data.x[r * features + f++] = float(*v);
        }
    }

    if (options.regression) {
        data.targets = Tensor({ n, 1 });
        for (int64_t r = 0; r < n; ++r) {
            const auto v = parseNumber(labelText[size_t(r)]);
            if (!v)
                throw FormatError(path + ":" + std::to_string(records[first + size_t(r)].line) + ": " + columnName(labelCol)
                    + ": regression target '" + labelText[size_t(r)] + "' is not a finite number");
            data.targets[r] = float(*v);
        }
        return data;
    }

    // Classes: non-negative integers are class indices 0..max; other integers (e.g. -1/+1)
    // are ranked in numeric order; any other text is a class name in order of first appearance.
    std::vector<int64_t> ints(static_cast<size_t>(n));
    bool allInts = true;
    for (int64_t r = 0; r < n && allInts; ++r) {
        const auto v = parseInteger(labelText[size_t(r)]);
        allInts = v.has_value();
        if (v)
            ints[size_t(r)] = *v;
    }
    data.labels.resize(size_t(n));
    constexpr int64_t kMaxClasses = 1 << 20;
    if (allInts && *std::min_element(ints.begin(), ints.end()) >= 0) {
        const int64_t maxLabel = *std::max_element(ints.begin(), ints.end());
        if (maxLabel >= kMaxClasses)
            throw FormatError(path + ": " + columnName(labelCol) + ": class index " + std::to_string(maxLabel)
                + " is implausibly large (use regression for numeric targets)");
        data.numClasses = int(maxLabel + 1);
        for (int c = 0; c < data.numClasses; ++c)
            data.classNames.push_back(std::to_string(c));
        for (int64_t r = 0; r < n; ++r)
            data.labels[size_t(r)] = int32_t(ints[size_t(r)]);
    } else if (allInts) {
        const std::set<int64_t> distinct(ints.begin(), ints.end());
        std::map<int64_t, int32_t> index;
        for (int64_t v : distinct) {
            index[v] = int32_t(index.size());
            data.classNames.push_back(std::to_string(v));
        }
        for (int64_t r = 0; r < n; ++r)
            data.labels[size_t(r)] = index[ints[size_t(r)]];
        data.numClasses = int(distinct.size());
    } else {
        std::map<std::string, int32_t> index;
        for (int64_t r = 0; r < n; ++r) {
            const std::string& text = labelText[size_t(r)];
            auto it = index.find(text);
            if (it == index.end()) {
                if (text.empty())
                    throw FormatError(path + ":" + std::to_string(records[first + size_t(r)].line) + ": "
                        + columnName(labelCol) + ": empty label");
                it = index.emplace(text, int32_t(data.classNames.size())).first;
                data.classNames.push_back(text);
            }
            data.labels[size_t(r)] = it->second;
        }
        data.numClasses = int(data.classNames.size());
    }
    return data;
}

} // namespace ws
