// SPDX-License-Identifier: GPL-3.0-or-later
// What this build of Weightscope is made of, for the About dialog and bug reports: the versions
// of the libraries it runs with and how it was compiled.
#pragma once

#include <string>

namespace ws {

struct BuildInfo {
    std::string version;   // Weightscope's (project version)
    std::string gitHash;   // at configure time; empty outside a git checkout
    std::string compiler;  // e.g. "GNU 12.2.0"
    std::string buildType; // CMAKE_BUILD_TYPE
    std::string eigen;     // compiled in (header-only)
    std::string hdf5;      // the library loaded at run time (H5get_libversion)
    std::string zlib;      // run time (zlibVersion)
    std::string libzip;    // run time (zip_libzip_version)
};

BuildInfo buildInfo();

} // namespace ws
