// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzInput.h"

#include "io/WeightFile.h"
#include "util/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace ws::fuzz {

const std::string& folder()
{
    // Never destroyed: the atexit handler below runs after static destructors registered later,
    // and a destroyed string there was a heap-use-after-free at the end of every run.
    static const std::string& dir = *new std::string([] {
        // HDF5 locks files it opens; tmpfs supports that, but a crashed run must not leave a lock.
        setenv("HDF5_USE_FILE_LOCKING", "FALSE", 1);
        const std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
        std::string tmpl = base + "/ws-fuzz-XXXXXX";
        if (!mkdtemp(tmpl.data())) {
            std::perror("mkdtemp");
            std::abort();
        }
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(folder(), ec);
        });
        return tmpl;
    }());
    return dir;
}

std::string writeInput(const std::string& name, const uint8_t* data, size_t size)
{
    const std::string path = folder() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    out.close();
    if (!out) {
        std::perror(path.c_str());
        std::abort();
    }
    return path;
}

void exercise(const WeightFile& file)
{
    (void)file.format();
    (void)file.metadata().dump();
    constexpr int64_t kChunk = 256; // elements per read: enough for every conversion path
    std::vector<float> buf(kChunk);
    for (size_t i = 0; i < file.tensors().size(); ++i) {
        const int64_t n = file.tensors()[i].numel();
        const int64_t head = std::min(n, kChunk);
        file.read(i, 0, head, buf.data());
        if (n > head)
            file.read(i, n - std::min(n - head, kChunk), std::min(n - head, kChunk), buf.data());
    }
    try {
        (void)file.model();
    } catch (const Error&) {
        // A refused architecture is a normal outcome; only crashes and hangs are findings.
    }
}

} // namespace ws::fuzz
