// SPDX-License-Identifier: GPL-3.0-or-later
// The one way in to a weight file: a table of the formats Weightscope reads, each a cheap probe
// and the reader that opens it, and openWeightFile(), which tries them in order. It sits above
// both io/ (the readers) and run/ (run records as weight files), so neither includes the other.
// Adding a format: write the reader in io/ and add one line to the table in WeightFormats.cpp.
#pragma once

#include "io/WeightFile.h"

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace ws {

// What the probes look at, gathered once per open: facts about `path` that cost at most a
// stat and a read of its first bytes. Never throws.
struct FileProbe {
    std::string path;
    bool exists = false;      // a file or folder of that name exists
    bool regularFile = false;
    std::string extension;    // lower case with its dot (".npy"); empty when there is none
    std::array<char, 6> magic {}; // a file's first bytes; zeros past its end, and for folders

    static FileProbe of(const std::string& path);
    bool startsWith(std::string_view bytes) const; // the first bytes are `bytes` (at most 6)
};

struct WeightFormat {
    const char* name; // "safetensors", "npy", ..., for tests and messages
    // Whether this format's reader should try `probe.path`: the name, the first bytes, at most a
    // header (as the readers' looksLike... functions). Must not throw.
    bool (*probe)(const FileProbe& probe);
    // The reader; throws FormatError naming the file and the place.
    std::unique_ptr<WeightFile> (*open)(const std::string& path);
};

// Every format, in the order openWeightFile tries them: the first whose probe accepts the path
// opens it (a native model file is HDF5 too, so it comes before Keras; an .npy name wins over
// content).
std::span<const WeightFormat> weightFormats();

// Opens by content and name: a folder (sharded safetensors with model.safetensors.index.json),
// .safetensors, .npy, .npz, .h5/.hdf5/.keras, .gguf, .onnx, PyTorch .pt/.pth/.bin/.ckpt, native
// model files, run records ("run.h5", "run.h5#epoch_0005": run/RunWeightFile.h). Throws
// FormatError naming the path when it does not exist or no format's probe takes it. The
// metadata of the file returned is valid UTF-8 (bad bytes replaced by U+FFFD).
std::unique_ptr<WeightFile> openWeightFile(const std::string& path);

} // namespace ws
