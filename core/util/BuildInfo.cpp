// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/BuildInfo.h"

#include <Eigen/Core>
#include <hdf5.h>
#include <zip.h>
#include <zlib.h>

// Set by core/CMakeLists.txt on this file only, so a new commit rebuilds one object.
#ifndef WS_GIT_HASH
#define WS_GIT_HASH ""
#endif
#ifndef WS_COMPILER
#define WS_COMPILER ""
#endif
#ifndef WS_BUILD_TYPE
#define WS_BUILD_TYPE ""
#endif

namespace ws {

BuildInfo buildInfo()
{
    BuildInfo info;
    info.version = WS_VERSION;
    info.gitHash = WS_GIT_HASH;
    info.compiler = WS_COMPILER;
    info.buildType = WS_BUILD_TYPE;
    info.eigen = std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "."
        + std::to_string(EIGEN_MINOR_VERSION);
    unsigned major = 0, minor = 0, release = 0;
    if (H5get_libversion(&major, &minor, &release) >= 0)
        info.hdf5 = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
    info.zlib = zlibVersion();
    info.libzip = zip_libzip_version();
    return info;
}

} // namespace ws
