// SPDX-License-Identifier: GPL-3.0-or-later
// One CSV field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma, a
// quote or a line break, else as it is. Shared by every CSV the program writes (run histories,
// comparisons).
#pragma once

#include <string>

namespace ws {

inline std::string csvQuote(const std::string& field)
{
    if (field.find_first_of(",\"\r\n") == std::string::npos)
        return field;
    std::string out = "\"";
    for (char c : field)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace ws
