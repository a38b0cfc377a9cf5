// SPDX-License-Identifier: GPL-3.0-or-later
// This process's resident pages mapped from files (kB, RssFile in /proc/self/status; -1 where
// there is none): what the streaming passes give back per tensor (WeightFile::releaseTensor).
#pragma once

#include <fstream>
#include <string>

namespace ws::test {

inline long residentFileKb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("RssFile:", 0) == 0)
            return std::stol(line.substr(8));
    return -1;
}

} // namespace ws::test
