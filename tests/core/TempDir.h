// SPDX-License-Identifier: GPL-3.0-or-later
// A fresh temporary folder for one test, removed (with everything in it) when it goes out of
// scope. mkdtemp makes the name unique, so tests can run in parallel.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace ws::test {

struct TempDir {
    TempDir()
    {
        std::string tmpl = (std::filesystem::temp_directory_path() / "ws-test-XXXXXX").string();
        path = mkdtemp(tmpl.data()) ? tmpl : std::string();
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec); // a test may have locked it
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (std::filesystem::path(path) / name).string(); }

    std::string path;
};

} // namespace ws::test
