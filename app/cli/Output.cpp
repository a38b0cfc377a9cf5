// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/Output.h"

#include "util/AtomicWrite.h"

#include <iostream>

namespace ws::cli {

void printTable(const Args& a, const Printer& json, const Printer& csv, const Printer& text)
{
    const Printer& print = a.has("json") ? json : a.has("csv") ? csv : text;
    if (const auto out = a.get("out"))
        writeStreamAtomically(*out, print);
    else
        print(std::cout);
}

} // namespace ws::cli
