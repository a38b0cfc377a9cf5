// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/Importance.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

namespace ws {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double pearson(const std::vector<double>& x, const std::vector<double>& y)
{
    const double n = double(x.size());
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

} // namespace

std::vector<double> averageRanks(const std::vector<double>& x)
{
    std::vector<size_t> order(x.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
    std::vector<double> ranks(x.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]])
            ++j;
        const double rank = (double(i) + double(j)) / 2.0 + 1.0; // ranks i+1 .. j+1, averaged
        for (size_t k = i; k <= j; ++k)
            ranks[order[k]] = rank;
        i = j + 1;
    }
    return ranks;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y)
{
    if (x.size() != y.size() || x.size() < 2)
        return kNaN;
    return pearson(averageRanks(x), averageRanks(y));
}

double etaSquared(const std::vector<std::string>& groups, const std::vector<double>& y)
{
    if (groups.size() != y.size() || y.empty())
        return kNaN;
    const double mean = std::accumulate(y.begin(), y.end(), 0.0) / double(y.size());
    std::map<std::string, std::pair<double, size_t>> sums; // per group: sum, count
    double total = 0;
    for (size_t i = 0; i < y.size(); ++i) {
        auto& [sum, count] = sums[groups[i]];
        sum += y[i];
        ++count;
        total += (y[i] - mean) * (y[i] - mean);
    }
    double between = 0;
    for (const auto& [group, s] : sums) {
        const double groupMean = s.first / double(s.second);
        between += double(s.second) * (groupMean - mean) * (groupMean - mean);
    }
    return total > 0 ? between / total : kNaN;
}

namespace {

// The runs that have setting k and a finite metric m: their values, as numbers where all are.
struct SettingValues {
    std::vector<size_t> runs;
    std::vector<double> numbers, metric;
    std::vector<std::string> levels;
    bool numeric = true;
};

SettingValues settingValues(const ParameterTable& table, size_t k, size_t m)
{
    SettingValues out;
    for (size_t r = 0; r < table.values.size(); ++r) {
        const nlohmann::json& v = table.values[r][k];
        const nlohmann::json& y = table.values[r][m];
        if (v.is_null() || !y.is_number() || !std::isfinite(y.get<double>()))
            continue;
        out.runs.push_back(r);
        out.metric.push_back(y.get<double>());
        out.numeric = out.numeric && v.is_number();
        out.numbers.push_back(v.is_number() ? v.get<double>() : 0.0);
        out.levels.push_back(parameterText(v));
    }
    return out;
}

std::optional<size_t> keyIndex(const ParameterTable& table, const std::string& key)
{
    const auto at = std::find(table.keys.begin(), table.keys.end(), key);
    return at == table.keys.end() ? std::nullopt : std::optional<size_t>(size_t(at - table.keys.begin()));
}

std::vector<std::string> distinctSorted(std::vector<std::string> levels)
{
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    return levels;
}

} // namespace

std::vector<ParameterImportance> parameterImportance(const ParameterTable& table, const std::string& metricKey)
{
    const std::optional<size_t> m = keyIndex(table, metricKey);
    if (!m)
        return {};
    std::vector<ParameterImportance> out;
    for (size_t k = 0; k < table.keys.size(); ++k) {
        if (table.outcome[k] || !table.differs[k])
            continue;
        const SettingValues v = settingValues(table, k, *m);
        if (v.metric.size() < 2)
            continue;
        ParameterImportance p;
        p.key = table.keys[k];
        p.runs = v.metric.size();
        p.levels = distinctSorted(v.levels).size();
        p.spearman = v.numeric ? spearman(v.numbers, v.metric) : kNaN;
        p.etaSquared = 2 * p.levels <= p.runs ? etaSquared(v.levels, v.metric) : kNaN;
        p.score = !std::isnan(p.etaSquared) ? p.etaSquared : (!std::isnan(p.spearman) ? p.spearman * p.spearman : 0.0);
        out.push_back(p);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    return out;
}

SettingScatter settingScatter(const ParameterTable& table, const std::string& key, const std::string& metricKey)
{
    SettingScatter out;
    const std::optional<size_t> k = keyIndex(table, key), m = keyIndex(table, metricKey);
    if (!k || !m)
        return out;
    SettingValues v = settingValues(table, *k, *m);
    out.runs = std::move(v.runs);
    out.y = std::move(v.metric);
    if (v.numeric) {
        out.x = std::move(v.numbers);
        const auto [lo, hi] = std::minmax_element(out.x.begin(), out.x.end());
        out.logX = !out.x.empty() && *lo > 0 && *hi / *lo >= kLogSpan;
        return out;
    }
    out.categories = distinctSorted(v.levels);
    for (const std::string& level : v.levels)
        out.x.push_back(double(std::lower_bound(out.categories.begin(), out.categories.end(), level) - out.categories.begin()));
    return out;
}

} // namespace ws
