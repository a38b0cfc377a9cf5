// SPDX-License-Identifier: GPL-3.0-or-later
// Reader for safetensors files (https://huggingface.co/docs/safetensors, format described in
// huggingface/safetensors README "Format"): an 8-byte little-endian header length N, N bytes of
// JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then the
// data buffer; offsets are relative to the first byte after the header and must index the whole
// buffer without holes or overlaps.
//
// Also opens sharded Hugging Face folders: `model.safetensors.index.json` ({"metadata": {...},
// "weight_map": {tensor: shard file}}) next to its shards. One WeightFile then holds the tensors
// of all shards in weight_map order, each shard memory-mapped. A `config.json` beside the weights
// is read into metadata()["config"].
//
// Files are mapped, never read whole; everything in the header is checked against the real
// file size when opening, and every failure is a FormatError naming the file and the tensor or
// byte offset.
#pragma once

#include "io/MappedFile.h"
#include "io/WeightFile.h"

#include <memory>
#include <string>
#include <vector>

namespace ws {

class SafetensorsFile : public WeightFile {
public:
    // `path` is a .safetensors file, a model.safetensors.index.json, or a folder holding either
    // an index or exactly one .safetensors file.
    explicit SafetensorsFile(const std::string& path);

    std::string format() const override;
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    void releaseTensor(size_t index) const override;

    // Refuse headers larger than this (the reference implementation uses 100 MB as well).
    static constexpr uint64_t kMaxHeaderBytes = 100'000'000;

private:
    struct Location {
        size_t shard = 0;
        uint64_t offset = 0; // absolute byte offset of the tensor in its shard's file
    };
    void openSingle(const std::string& file);
    void openIndex(const std::string& indexPath);
    void readConfigBeside(const std::string& weightsPath);

    std::vector<std::unique_ptr<MappedFile>> shards_;
    std::vector<Location> where_; // parallel to tensors_
    bool sharded_ = false;
};

// True when `path` looks like safetensors: a folder with an index or .safetensors file, a name
// ending in .safetensors or .safetensors.index.json, or content starting with a plausible
// header (length that fits the file, then '{').
bool looksLikeSafetensors(const std::string& path);

} // namespace ws
