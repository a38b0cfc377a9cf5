// SPDX-License-Identifier: GPL-3.0-or-later
// PyTorch checkpoint reader: torch.save's zip format (torch/serialization.py _save, the archive
// written by caffe2/serialize/inline_container.cc) and its legacy format (_legacy_save).
#include "io/TorchReader.h"

#include "io/PickleReader.h"
#include "io/TorchModel.h"
#include "io/TorchScriptLayers.h"
#include "io/TorchObject.h"
#include "io/ZipLayout.h"
#include "util/Error.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string_view>
#include <memory>
#include <unordered_map>

namespace ws {

namespace {

using Kind = Pickle::Kind;

// torch/serialization.py MAGIC_NUMBER, pickled by protocol 2 as LONG1 of 10 bytes.
constexpr uint8_t kLegacyMagic[] = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19 };
constexpr int64_t kLegacyProtocolVersion = 1001;
constexpr size_t kGatherBlock = 4096; // elements gathered per step: bounds the scratch memory

bool cContiguous(const Shape& shape, const std::vector<int64_t>& stride)
{
    int64_t expected = 1;
    for (size_t i = shape.size(); i-- > 0;) {
        if (shape[i] == 0)
            return true;
        if (shape[i] != 1 && stride[i] != expected)
            return false;
        expected *= shape[i];
    }
    return true;
}

// Storage bytes for `numel` elements, or false when that overflows.
bool storageBytes(int64_t numel, DType dtype, uint64_t& bytes)
{
    const uint64_t size = dtypeSize(dtype);
    if (numel < 0 || uint64_t(numel) > UINT64_MAX / size)
        return false;
    bytes = uint64_t(numel) * size;
    return true;
}

// One open libzip archive; discarded when it goes out of scope.
struct ZipArchive {
    zip_t* z = nullptr;
    ~ZipArchive()
    {
        if (z)
            zip_discard(z);
    }
};

} // namespace

TorchFile::TorchFile(const std::string& path)
    : file_(path)
{
    path_ = path;
    const bool legacy = file_.size() >= sizeof kLegacyMagic
        && std::memcmp(file_.data(), kLegacyMagic, sizeof kLegacyMagic) == 0;
    if (legacy)
        openLegacy();
    else if (file_.size() >= 4 && std::memcmp(file_.data(), "PK\x03\x04", 4) == 0)
        openZip();
    else
        throw FormatError(path + ": not a PyTorch file (neither a zip archive written by torch.save nor the legacy "
                                 "format's magic number)");
}

// Lists the tensors of one unpickled object (io/TorchObject.h) and merges its values, module
// trees and unknown globals into the metadata. `base(storage)` says at which file byte the
// storage's element 0 lies, having checked that the file holds all of the storage.
template <typename Base>
void TorchFile::addObject(const Pickle& p, const TorchObject& object, const std::string& where, Base base)
{
    std::set<std::string> names;
    for (const TensorInfo& t : tensors_)
        names.insert(t.name);
    // NumPy arrays' bytes are copied once each, however many names share them.
    std::map<uint32_t, int64_t> ownedOf; // Pickle::strings index -> index into owned_
    for (const auto& [name, index] : object.tensors) {
        const PickleTensor& t = p.tensors[index];
        const PickleStorage& s = p.storages[t.storage];
        if (!names.insert(name).second)
            throw FormatError(where + ": two tensors are named '" + name + "'");
        TensorInfo info;
        info.name = name;
        info.dtype = s.dtype;
        info.shape = t.shape;
        storageBytes(info.numel(), info.dtype, info.nbytes);
        auto place = [&](const PickleTensor& pt) {
            const PickleStorage& ps = p.storages[pt.storage];
            Placed placed;
            placed.offset = pt.offset;
            placed.stride = pt.stride;
            placed.contiguous = cContiguous(pt.shape, pt.stride);
            placed.raw = ps.dtype;
            if (ps.isInline) {
                const auto [it, fresh] = ownedOf.emplace(ps.inlineBytes, int64_t(owned_.size()));
                if (fresh)
                    owned_.push_back(p.strings[ps.inlineBytes]);
                placed.owned = it->second;
            } else {
                placed.base = base(pt.storage);
            }
            return placed;
        };
        Placed placed = place(t);
        if (t.quantization != PickleTensor::Quantization::None) {
            // read() delivers the dequantised values; the file's integers are its storage.
            info.storage = s.typeName == "QUInt8Storage" ? "quint8" : s.typeName == "QInt32Storage" ? "qint32" : "qint8";
            info.bitsPerWeight = 8.0 * double(dtypeSize(s.dtype));
            info.dtype = DType::F32;
            if (t.quantization == PickleTensor::Quantization::PerTensor) {
                placed.scales = { float(t.scale) };
                placed.zeroPoints = { float(t.zeroPoint) };
            } else {
                placed.axis = t.axis;
                for (auto [side, values] : { std::pair { t.scales, &placed.scales }, std::pair { t.zeroPoints, &placed.zeroPoints } }) {
                    const PickleTensor& pt = p.tensors[side];
                    values->resize(size_t(shapeNumel(pt.shape)));
                    readPlaced(place(pt), pt.shape, 0, int64_t(values->size()), values->data());
                }
            }
        }
        tensors_.push_back(std::move(info));
        placed_.push_back(std::move(placed));
    }
    for (const auto& [key, field] : { std::pair { "values", &object.values }, std::pair { "modules", &object.modules } })
        if (!field->empty())
            metadata_[key].update(*field);
    // A legacy whole model's class sources: shown as text, each at most kTorchMaxTextBytes.
    for (const auto& [cls, source] : p.moduleSources) {
        const std::string& text = p.strings[source];
        metadata_["module_sources"][cls] =
            text.size() <= kTorchMaxTextBytes ? text : std::to_string(text.size()) + " bytes, not shown";
    }
    // What torch.load would have imported and called; here each is only a name (io/PickleReader.h).
    for (const std::string& g : p.unknownGlobals) {
        auto& list = metadata_["pickle_globals"];
        if (std::find(list.begin(), list.end(), g) == list.end())
            list.push_back(g);
    }
}

void TorchFile::openZip()
{
    ZipArchive archive;
    int err = 0;
    archive.z = zip_open(path_.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!archive.z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        const std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw FormatError(path_ + ": not a readable PyTorch (zip) archive: " + msg);
    }
    // Our own walk of the directory says where stored members lie; it must agree with libzip's.
    const std::vector<ZipSpan> spans = zipSpans(file_);
    const zip_int64_t entries = zip_get_num_entries(archive.z, 0);
    if (entries < 0 || uint64_t(entries) != spans.size())
        throw FormatError(path_ + ": the zip directory lists " + std::to_string(spans.size()) + " members but libzip "
                          + std::to_string(entries));
    std::unordered_map<std::string, size_t> byName;
    std::string pickleName;
    for (size_t i = 0; i < spans.size(); ++i) {
        const char* name = zip_get_name(archive.z, i, 0);
        if (!name || spans[i].name != name)
            throw FormatError(path_ + ": member " + std::to_string(i) + " is named differently by libzip");
        byName[spans[i].name] = i;
        // torch.save puts everything under one folder, "<name>/data.pkl" (any name: torch reads the
        // first record's folder).
        const std::string& n = spans[i].name;
        if (n.ends_with("/data.pkl") && n.find('/') == n.size() - 9) {
            if (!pickleName.empty())
                throw FormatError(path_ + ": two data.pkl members ('" + pickleName + "' and '" + n + "')");
            pickleName = n;
        }
    }
    if (pickleName.empty())
        throw FormatError(path_ + ": a zip archive without <name>/data.pkl; not a PyTorch checkpoint written by "
                                  "torch.save");
    const std::string prefix = pickleName.substr(0, pickleName.size() - 8); // "<name>/"
    metadata_["archive_name"] = prefix.substr(0, prefix.size() - 1);

    // A small member read whole through libzip (inflated if need be, CRC-32 checked).
    auto readMember = [&](const std::string& name, uint64_t limit) {
        const ZipSpan& s = spans[byName.at(name)];
        const std::string where = path_ + ": member '" + name + "'";
        if (s.flags & 1)
            throw FormatError(where + ": encrypted members are not supported");
        if (s.size > limit)
            throw FormatError(where + ": " + std::to_string(s.size) + " bytes, more than the " + std::to_string(limit)
                              + " accepted");
        // The buffer is as large as the member declares: a deflated member must justify it.
        if (s.method != 0 && s.size > kTorchRatioFloorBytes && s.size / kTorchMaxRatio > s.compSize)
            throw FormatError(where + ": declares " + std::to_string(s.size) + " bytes from " + std::to_string(s.compSize)
                              + " compressed, a ratio above " + std::to_string(kTorchMaxRatio)
                              + ":1; refused as a likely zip bomb");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(archive.z, byName.at(name), 0), zip_fclose);
        if (!f)
            throw FormatError(where + ": cannot open the member: " + zip_strerror(archive.z));
        std::vector<uint8_t> bytes(size_t(s.size) + 1);
        size_t got = 0;
        for (;;) {
            const zip_int64_t n = zip_fread(f.get(), bytes.data() + got, bytes.size() - got);
            if (n < 0)
                throw FormatError(where + ": cannot read the member: " + zip_file_strerror(f.get()));
            if (n == 0)
                break;
            got += size_t(n);
            if (got > s.size)
                throw FormatError(where + ": the member holds more bytes than the archive declares");
        }
        if (got != s.size)
            throw FormatError(where + ": the member ends before its declared size; the archive is truncated");
        bytes.resize(got);
        return bytes;
    };

    if (byName.count(prefix + "byteorder")) {
        const auto b = readMember(prefix + "byteorder", 16);
        const std::string order(b.begin(), b.end());
        if (order != "little" && order != "big")
            throw FormatError(path_ + ": member '" + prefix + "byteorder' says '" + order + "', not little or big");
        bigEndian_ = order == "big";
        metadata_["byteorder"] = order;
    }
    if (byName.count(prefix + "version")) {
        const auto b = readMember(prefix + "version", 16);
        std::string version(b.begin(), b.end());
        while (!version.empty() && std::isspace(static_cast<unsigned char>(version.back())))
            version.pop_back();
        if (version.empty() || !std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throw FormatError(path_ + ": member '" + prefix + "version' is not a number");
        metadata_["format_version"] = version;
    }

    // Each storage is the stored member <name>/<folder>/<key> ("data/", or "constants/" for a
    // TorchScript archive's constants), read in place from the mapped file.
    auto baseIn = [&](const Pickle& p, const std::string& folder) {
        return [&, folder](size_t storage) -> uint64_t {
            const PickleStorage& st = p.storages[storage];
            const std::string member = prefix + folder + st.key;
            const std::string at = path_ + ": storage '" + st.key + "' (" + st.typeName + ")";
            if (st.isView)
                throw FormatError(at + ": storage views belong to the legacy format, not to zip archives");
            const auto it = byName.find(member);
            if (it == byName.end())
                throw FormatError(at + ": the archive has no member '" + member + "'");
            const ZipSpan& s = spans[it->second];
            if (s.flags & 1)
                throw FormatError(at + ": the member is encrypted");
            if (s.method != 0 || s.compSize != s.size)
                throw FormatError(at + ": the member is compressed (method " + std::to_string(s.method)
                                  + "); torch.save stores storages uncompressed and only those are read");
            uint64_t bytes = 0;
            if (!storageBytes(st.numel, st.dtype, bytes) || bytes > s.size)
                throw FormatError(at + ": " + std::to_string(st.numel) + " elements need more than the "
                                  + std::to_string(s.size) + " bytes of member '" + member + "'");
            return s.dataOffset;
        };
    };
    const std::string where = path_ + ": member '" + pickleName + "'";
    const auto pkl = readMember(pickleName, kTorchMaxPickleBytes);
    const Pickle p = unpickle(pkl.data(), pkl.size(), where);
    addObject(p, walkTorchObject(p, p.root, where), where, baseIn(p, "data/"));

    // A TorchScript archive (torch.jit.save): the same data.pkl of __torch__.* objects, plus
    // constants.pkl (a tuple of the constants its code calls CONSTANTS.c0, c1, ...), code/ (the
    // TorchScript source, shown as text and never interpreted) and extra/ (_extra_files).
    const std::string constantsName = prefix + "constants.pkl";
    bool script = byName.count(constantsName) != 0;
    if (script) {
        const std::string at = path_ + ": member '" + constantsName + "'";
        const auto bytes = readMember(constantsName, kTorchMaxPickleBytes);
        const Pickle c = unpickle(bytes.data(), bytes.size(), at);
        if (c.node(c.root).kind != Kind::Tuple)
            throw FormatError(at + ": the constants are not a tuple");
        const auto& items = c.children(c.root);
        for (size_t i = 0; i < items.size(); ++i)
            addObject(c, walkTorchObject(c, items[i], at, "CONSTANTS.c" + std::to_string(i)), at, baseIn(c, "constants/"));
    }
    uint64_t shown = 0;
    for (const ZipSpan& s : spans) {
        const bool code = s.name.rfind(prefix + "code/", 0) == 0 && s.name.ends_with(".py");
        const bool extra = s.name.rfind(prefix + "extra/", 0) == 0 && s.name.size() > prefix.size() + 6;
        if (!code && !extra)
            continue;
        script = true;
        const std::string rel = s.name.substr(prefix.size() + (code ? 5 : 6));
        std::string text = std::to_string(s.size) + " bytes, not shown";
        if (s.size <= kTorchMaxTextBytes && shown + s.size <= kTorchMaxShownTextBytes) {
            const auto b = readMember(s.name, kTorchMaxTextBytes);
            text.assign(b.begin(), b.end());
            shown += b.size();
        } else if (code) {
            unreadCode_[rel] = s.size;
        }
        metadata_[code ? "code" : "extra_files"][rel] = std::move(text);
    }
    torchScript_ = script;
}

void TorchFile::openLegacy()
{
    legacy_ = true;
    const uint8_t* d = file_.data();
    size_t pos = 0;
    auto next = [&](const char* what) {
        Pickle p = unpickle(d + pos, file_.size() - pos, path_ + ": " + what + " pickle at byte " + std::to_string(pos));
        pos += p.bytesRead;
        return p;
    };
    next("magic number"); // compared byte for byte in the constructor
    const Pickle version = next("protocol version");
    if (version.node(version.root).kind != Kind::Int || version.node(version.root).num != kLegacyProtocolVersion)
        throw FormatError(path_ + ": legacy PyTorch file with an unknown protocol version (1001 expected)");
    const Pickle sysInfo = next("sys_info");
    // {'protocol_version': 1001, 'little_endian': True, 'type_sizes': {...}}
    if (sysInfo.node(sysInfo.root).kind == Kind::Dict) {
        const auto& items = sysInfo.children(sysInfo.root);
        for (size_t i = 0; i + 1 < items.size(); i += 2)
            if (sysInfo.node(items[i]).kind == Kind::Str && sysInfo.str(items[i]) == "little_endian")
                bigEndian_ = sysInfo.node(items[i + 1]).kind == Kind::Bool && sysInfo.node(items[i + 1]).num == 0;
    }
    metadata_["byteorder"] = bigEndian_ ? "big" : "little";
    metadata_["format_version"] = std::to_string(kLegacyProtocolVersion);
    const size_t objectAt = pos;
    const Pickle p = next("object");
    const Pickle keys = next("storage keys");
    if (keys.node(keys.root).kind != Kind::List)
        throw FormatError(path_ + ": the storage keys pickle is not a list");

    // The storages follow in the order of the keys, each an 8-byte element count and the elements.
    std::map<std::string, std::pair<DType, int64_t>> declared; // key -> dtype, elements
    for (const PickleStorage& s : p.storages) {
        if (s.isInline)
            continue;
        const auto [it, fresh] = declared.emplace(s.key, std::pair { s.dtype, s.numel });
        if (!fresh && (it->second.first != s.dtype || it->second.second != s.numel))
            throw FormatError(path_ + ": storage '" + s.key + "' is declared with two different types or sizes");
    }
    std::map<std::string, uint64_t> offsets; // key -> file byte of element 0
    for (const uint32_t k : keys.children(keys.root)) {
        if (keys.node(k).kind != Kind::Str)
            throw FormatError(path_ + ": a storage key that is not a string");
        const std::string& key = keys.str(k);
        const auto it = declared.find(key);
        if (it == declared.end())
            throw FormatError(path_ + ": storage '" + key + "' follows the object but no tensor uses it");
        const std::string at = path_ + ": storage '" + key + "' at byte " + std::to_string(pos);
        if (file_.size() - pos < 8)
            throw FormatError(at + ": the file ends before the storage's element count");
        uint64_t count = 0;
        for (int i = 7; i >= 0; --i)
            count = count << 8 | d[pos + size_t(i)];
        if (bigEndian_)
            count = __builtin_bswap64(count);
        uint64_t bytes = 0;
        if (count != uint64_t(it->second.second) || !storageBytes(it->second.second, it->second.first, bytes))
            throw FormatError(at + ": holds " + std::to_string(count) + " elements but the object declares "
                              + std::to_string(it->second.second));
        if (bytes > file_.size() - pos - 8)
            throw FormatError(at + ": its " + std::to_string(bytes) + " bytes run past the end of the file");
        if (!offsets.emplace(key, pos + 8).second)
            throw FormatError(at + ": listed twice");
        pos += 8 + size_t(bytes);
    }
    auto base = [&](size_t storage) -> uint64_t {
        const PickleStorage& st = p.storages[storage];
        const auto it = offsets.find(st.key);
        if (it == offsets.end())
            throw FormatError(path_ + ": storage '" + st.key + "' is used by a tensor but not in the file");
        if (!st.isView)
            return it->second;
        if (st.viewOffset < 0 || st.viewSize < 0 || st.viewOffset > st.numel - st.viewSize)
            throw FormatError(path_ + ": storage view '" + st.viewKey + "' lies outside storage '" + st.key + "'");
        return it->second + uint64_t(st.viewOffset) * dtypeSize(st.dtype);
    };
    const std::string where = path_ + ": object pickle at byte " + std::to_string(objectAt);
    addObject(p, walkTorchObject(p, p.root, where), where, base);
}

void TorchFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    const TensorInfo& info = checkedRead(index, first, count);
    if (count == 0)
        return;
    const Placed& t = placed_[index];
    readPlaced(t, info.shape, first, count, out);
    if (t.scales.empty())
        return;
    // Quantised: (q - zero point) * scale, of the element's channel along `axis` (per tensor: one).
    int64_t inner = 1;
    for (size_t d = size_t(t.axis) + 1; t.axis >= 0 && d < info.shape.size(); ++d)
        inner *= info.shape[d];
    for (int64_t i = 0; i < count; ++i) {
        const size_t c = t.axis < 0 ? 0 : size_t(((first + i) / inner) % info.shape[size_t(t.axis)]);
        out[i] = (out[i] - t.zeroPoints[c]) * t.scales[c];
    }
}

void TorchFile::readPlaced(const Placed& t, const Shape& shape, int64_t first, int64_t count, float* out) const
{
    const size_t size = dtypeSize(t.raw);
    const uint8_t* storage = t.owned >= 0 ? reinterpret_cast<const uint8_t*>(owned_[size_t(t.owned)].data())
                                          : file_.data() + t.base;
    const bool bigEndian = t.owned < 0 && bigEndian_;
    if (t.contiguous) {
        convertToFloat(t.raw, storage + uint64_t(t.offset + first) * size, size_t(count), out, bigEndian);
        return;
    }
    // A strided view: walk the C-order index of element `first` onwards like an odometer.
    std::vector<int64_t> idx(shape.size());
    int64_t at = t.offset, rest = first;
    for (size_t d = shape.size(); d-- > 0;) {
        idx[d] = rest % shape[d];
        rest /= shape[d];
        at += idx[d] * t.stride[d];
    }
    std::vector<uint8_t> block(kGatherBlock * size);
    while (count > 0) {
        const size_t n = size_t(std::min<int64_t>(count, int64_t(kGatherBlock)));
        for (size_t i = 0; i < n; ++i) {
            std::memcpy(block.data() + i * size, storage + uint64_t(at) * size, size);
            for (size_t d = shape.size(); d-- > 0;) {
                at += t.stride[d];
                if (++idx[d] < shape[d])
                    break;
                at -= idx[d] * t.stride[d];
                idx[d] = 0;
            }
        }
        convertToFloat(t.raw, block.data(), n, out, bigEndian);
        out += n;
        count -= int64_t(n);
    }
}

std::optional<Sequential> TorchFile::model() const
{
    const auto modules = metadata_.find("modules");
    if (modules == metadata_.end() || !modules->contains("(root)"))
        return std::nullopt;
    if (torchScript_) {
        const auto code = metadata_.find("code");
        return buildTorchLayers(torchScriptLayers(*modules, code == metadata_.end() ? nlohmann::json::object() : *code,
                                                  unreadCode_, *this),
                                *this);
    }
    return buildTorchSequential(*modules, *this);
}

bool looksLikeTorch(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return false;
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".pt" || ext == ".pth" || ext == ".ckpt" || ext == ".bin")
        return true;
    uint8_t head[sizeof kLegacyMagic] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(head), sizeof head);
    if (in.gcount() == std::streamsize(sizeof head) && std::memcmp(head, kLegacyMagic, sizeof head) == 0)
        return true;
    if (std::memcmp(head, "PK\x03\x04", 4) != 0)
        return false;
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z)
        return false;
    bool found = false;
    const zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n && !found; ++i) {
        const char* name = zip_get_name(z, zip_uint64_t(i), 0);
        found = name && std::string_view(name).ends_with("/data.pkl");
    }
    zip_discard(z);
    return found;
}

} // namespace ws
