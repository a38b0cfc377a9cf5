// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/SafetensorsWriter.h"

#include "util/AtomicWrite.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <set>

namespace ws {

static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");

void writeSafetensors(const std::string& path, const std::vector<std::pair<std::string, Tensor>>& tensors,
    const std::map<std::string, std::string>& metadata)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) {
        nlohmann::ordered_json meta = nlohmann::ordered_json::object();
        for (const auto& [k, v] : metadata)
            meta[k] = v;
        header["__metadata__"] = std::move(meta);
    }
    std::set<std::string> seen;
    uint64_t offset = 0;
    for (const auto& [name, t] : tensors) {
        if (name.empty() || name == "__metadata__" || !seen.insert(name).second)
            throw Error(path + ": cannot write tensor name '" + name + "' (empty, reserved or repeated)");
        if (shapeNumel(t.shape()) != t.size())
            throw Error(path + ": tensor '" + name + "' has shape " + shapeToString(t.shape()) + " but "
                + std::to_string(t.size()) + " values");
        const uint64_t bytes = uint64_t(t.size()) * sizeof(float);
        header[name] = { { "dtype", "F32" }, { "shape", t.shape() }, { "data_offsets", { offset, offset + bytes } } };
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');

    writeStreamAtomically(path, [&](std::ostream& out) {
        uint8_t len[8];
        for (int i = 0; i < 8; ++i)
            len[i] = uint8_t(uint64_t(text.size()) >> (8 * i));
        out.write(reinterpret_cast<const char*>(len), 8);
        out.write(text.data(), std::streamsize(text.size()));
        for (const auto& [name, t] : tensors)
            out.write(reinterpret_cast<const char*>(t.data()), std::streamsize(t.size() * sizeof(float)));
    });
}

} // namespace ws
