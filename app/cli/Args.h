// SPDX-License-Identifier: GPL-3.0-or-later
// A small command-line parser for weightscope-cli: "--name value", "--name=value" and flags.
// Each option is declared once with its help text, so --help lists exactly what is accepted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ws::cli {

struct OptionSpec {
    std::string name;      // without dashes
    std::string valueName; // empty for a flag
    std::string help;
};

class Args {
public:
    // Throws ws::ConfigError on an unknown option or a missing value.
    Args(const std::vector<OptionSpec>& specs, const std::vector<std::string>& argv);

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const; // the last one given
    std::vector<std::string> all(const std::string& name) const;   // every one given, in order
    double number(const std::string& name, double fallback) const;
    long long integer(const std::string& name, long long fallback) const;
    const std::vector<std::string>& positional() const { return positional_; }

    static std::string help(const std::vector<OptionSpec>& specs);

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> all_;
    std::vector<std::string> positional_;
};

} // namespace ws::cli
