// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/Args.h"

#include "util/Error.h"

#include <algorithm>

namespace ws::cli {

Args::Args(const std::vector<OptionSpec>& specs, const std::vector<std::string>& argv)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
            positional_.push_back(a);
            continue;
        }
        const auto eq = a.find('=', 2);
        const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        std::optional<std::string> value;
        if (eq != std::string::npos)
            value = a.substr(eq + 1);
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
        if (spec == specs.end())
            throw ConfigError("unknown option --" + name + " (see --help)");
        if (spec->valueName.empty()) {
            if (value)
                throw ConfigError("option --" + name + " takes no value");
            values_[name] = "1";
            continue;
        }
        if (!value) {
            if (i + 1 >= argv.size())
                throw ConfigError("option --" + name + " needs a value (" + spec->valueName + ")");
            value = argv[++i];
        }
        values_[name] = *value;
        all_[name].push_back(*value);
    }
}

std::vector<std::string> Args::all(const std::string& name) const
{
    const auto it = all_.find(name);
    return it == all_.end() ? std::vector<std::string>() : it->second;
}

std::optional<std::string> Args::get(const std::string& name) const
{
    const auto it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

double Args::number(const std::string& name, double fallback) const
{
    const auto v = get(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        const double d = std::stod(*v, &used);
        if (used == v->size())
            return d;
    } catch (const std::exception&) {
    }
    throw ConfigError("option --" + name + " needs a number, got '" + *v + "'");
}

long long Args::integer(const std::string& name, long long fallback) const
{
    const auto v = get(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        const long long n = std::stoll(*v, &used);
        if (used == v->size())
            return n;
    } catch (const std::exception&) {
    }
    throw ConfigError("option --" + name + " needs a whole number, got '" + *v + "'");
}

std::string Args::help(const std::vector<OptionSpec>& specs)
{
    std::string out;
    for (const auto& s : specs) {
        std::string left = "  --" + s.name + (s.valueName.empty() ? "" : " " + s.valueName);
        if (left.size() < 30)
            left.resize(30, ' ');
        else
            left += "\n" + std::string(30, ' ');
        out += left + s.help + "\n";
    }
    return out;
}

} // namespace ws::cli
