// SPDX-License-Identifier: GPL-3.0-or-later
// PyTorch checkpoints (.pt, .pth, .ckpt, pytorch_model.bin) written by torch.save, opened for
// inspection without running any of the pickled code:
//  - the zip format (torch >= 1.6): `<name>/data.pkl` (the pickled object), `<name>/data/<key>`
//    (one member per storage, raw little-endian elements unless `<name>/byteorder` says "big"),
//    `<name>/version`; opened with libzip, storages read in place from the mapped file.
//  - the legacy format (_use_new_zipfile_serialization=False): pickles of the magic number, the
//    protocol version, sys_info, the object and the storage keys, then each storage as an 8-byte
//    element count and its raw elements.
// The object is unpickled by io/PickleReader.h, which allows only what a state dict needs.
// Nested dicts ({"model": state_dict, "optimizer": ...}) and lists are walked and every tensor is
// named by its dotted path ("model.fc1.weight", "optimizer.state.0.exp_avg"); the other leaves
// (epoch, learning rates, strings) go to metadata()["values"] under the same paths.
//
// Tensors may share a storage and may be views with any strides (a transposed matrix saved as
// it is): read() gathers their elements in C order. Every storage is checked against the bytes
// the file really has, and every tensor against its storage, when the file is opened.
#pragma once

#include "io/MappedFile.h"
#include "io/PickleReader.h"
#include "io/TorchObject.h"
#include "io/WeightFile.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ws {

// The largest data.pkl accepted (a state dict of 100 000 tensors pickles to about 10 MB).
inline constexpr uint64_t kTorchMaxPickleBytes = uint64_t(256) << 20;
// A compressed data.pkl that inflates more than this ratio and beyond 1 MB is a suspected zip bomb
// (pickles of state dicts deflate about 3:1; deflate itself cannot exceed about 1032:1).
inline constexpr uint64_t kTorchMaxRatio = 100;
inline constexpr uint64_t kTorchRatioFloorBytes = uint64_t(1) << 20;
// TorchScript code/ and extra/ members shown as text in the metadata: each at most this big, and
// all of them together; larger ones are listed with their size.
inline constexpr uint64_t kTorchMaxTextBytes = uint64_t(64) << 10;
inline constexpr uint64_t kTorchMaxShownTextBytes = uint64_t(1) << 20;

class TorchFile final : public WeightFile {
public:
    explicit TorchFile(const std::string& path); // throws FormatError
    std::string format() const override
    {
        return legacy_ ? "pytorch (legacy)" : torchScript_ ? "torchscript" : "pytorch";
    }
    // Thread-safe: reads only the mapped file.
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    // A whole nn.Sequential saved with torch.save(model), or a TorchScript one (io/TorchScriptLayers.h),
    // as an engine model (io/TorchModel.h); nullopt for state dicts and checkpoints; FormatError
    // for other modules.
    std::optional<Sequential> model() const override;

private:
    // Where a tensor's elements are: storage element i is at file byte base + i * element size.
    // A NumPy array inside the pickle has its bytes in owned_[owned] instead (little-endian).
    // `raw` is the dtype of the stored elements; a quantised tensor's are integers to which
    // read() applies (q - zeroPoints[c]) * scales[c], c the channel along `axis` (-1: one pair).
    struct Placed {
        uint64_t base = 0;
        int64_t offset = 0;
        std::vector<int64_t> stride;
        bool contiguous = true;
        int64_t owned = -1;
        DType raw = DType::F32;
        std::vector<float> scales, zeroPoints;
        int64_t axis = -1;
    };
    void readPlaced(const Placed& t, const Shape& shape, int64_t first, int64_t count, float* out) const;
    void openZip();
    void openLegacy();
    template <typename Base>
    void addObject(const Pickle& p, const TorchObject& object, const std::string& where, Base base);

    MappedFile file_;
    std::vector<Placed> placed_; // parallel to tensors_
    std::vector<std::string> owned_; // bytes of NumPy arrays held by the pickles
    std::map<std::string, uint64_t> unreadCode_; // code/ members too large to keep: path -> bytes
    bool legacy_ = false;
    bool torchScript_ = false;
    bool bigEndian_ = false;
};

// True for the names torch.save files go by (.pt, .pth, .ckpt, .bin) and for content that is a
// zip holding */data.pkl or starts with the legacy format's pickled magic number.
bool looksLikeTorch(const std::string& path);

} // namespace ws
