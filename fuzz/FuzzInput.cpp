// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzInput.h"

#include "analysis/TensorMatch.h"
#include "io/GgufTokenizer.h"
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
        // WS_FUZZ_TMPDIR: a folder of this target's own (./dev runs targets side by side and
        // keeps the last input of the one that died).
        const char* own = std::getenv("WS_FUZZ_TMPDIR");
        const std::string base = own && *own ? std::string(own)
            : std::filesystem::is_directory("/dev/shm")          ? "/dev/shm"
                                                                 : "/tmp";
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

std::vector<std::string_view> splitParts(const uint8_t* data, size_t size)
{
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> parts;
    for (size_t cut; (cut = rest.find(kPartSeparator)) != std::string_view::npos;) {
        parts.push_back(rest.substr(0, cut));
        rest.remove_prefix(cut + kPartSeparator.size());
    }
    parts.push_back(rest);
    return parts;
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
    // Names straight from the file through the comparison's spelling, name maps and block
    // numbers (#18), and the file paired with itself.
    for (const TensorInfo& t : file.tensors()) {
        (void)canonicalTensorName(tensorSpelling(t.name, t.layer), "gemma2");
        (void)transformerBlock(t.name);
    }
    (void)matchTensors(file, file);
    try {
        (void)file.model();
    } catch (const Error&) {
        // A refused architecture is a normal outcome; only crashes and hangs are findings.
    }
    // A GGUF's tokenizer arrays, read whole and looked up (#18).
    if (const auto* gguf = dynamic_cast<const GgufFile*>(&file); gguf && hasGgufTokenizer(*gguf)) {
        try {
            const GgufTokenizer t = readGgufTokenizer(*gguf);
            (void)t.find("a b");
            (void)t.search("a", 10);
        } catch (const Error&) {
            // Disagreeing arrays are refused by key: the expected answer.
        }
    }
}

} // namespace ws::fuzz
