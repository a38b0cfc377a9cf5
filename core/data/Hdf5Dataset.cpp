// SPDX-License-Identifier: GPL-3.0-or-later
// HDF5 datasets of features and labels (data/Hdf5Dataset.h), read with the HDF5 C API.
#include "data/Hdf5Dataset.h"

#include "io/Hdf5ObjectHeader.h"
#include "io/Hdf5Util.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <set>

namespace ws {

namespace {

// A compressed dataset may claim at most this many bytes per stored byte, plus an allowance
// (as for gzipped IDX files): real data compresses a few times, a hostile file claims
// terabytes in unallocated chunks.
constexpr uint64_t kMaxInflateRatio = 64;
constexpr uint64_t kInflateAllowance = uint64_t(16) << 20;
constexpr int kMaxRank = 8;
constexpr size_t kMaxObjects = 10000; // objects looked at when listing a file
constexpr int kMaxDepth = 32;

struct OpenFile {
    std::string path;
    uint64_t size = 0;
    h5::Handle file;
};

std::shared_ptr<OpenFile> openFile(const std::string& path)
{
    h5::silenceErrors();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw FormatError(path + ": cannot open: " + ec.message());
    auto f = std::make_shared<OpenFile>();
    f->path = path;
    f->size = uint64_t(size);
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw FormatError(path + ": not an HDF5 file (no HDF5 signature found)");
    f->file = h5::Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!f->file.valid())
        throw FormatError(path + ": cannot open the HDF5 file (damaged or truncated?)");
    return f;
}

std::string typeName(hid_t type, ArrayKind& kind, int& bytes)
{
    // The size is the file's word: a damaged file may claim any (fuzz_dataset_h5 found 3.4 GB,
    // which overflowed an int). Numbers are 1, 2, 4 or 8 bytes; anything else is not numeric.
    const size_t size = H5Tget_size(type);
    const bool usual = size == 1 || size == 2 || size == 4 || size == 8;
    bytes = usual ? int(size) : 0;
    kind = ArrayKind::Other;
    switch (H5Tget_class(type)) {
    case H5T_FLOAT:
        if (!usual || size == 1)
            return "float of " + std::to_string(size) + " bytes";
        kind = ArrayKind::Float;
        return "float" + std::to_string(8 * size);
    case H5T_INTEGER: {
        const bool sign = H5Tget_sign(type) == H5T_SGN_2;
        if (!usual)
            return "integer of " + std::to_string(size) + " bytes";
        kind = sign ? ArrayKind::Signed : ArrayKind::Unsigned;
        return (sign ? "int" : "uint") + std::to_string(8 * size);
    }
    case H5T_STRING: return "string";
    case H5T_COMPOUND: return "compound";
    case H5T_ENUM: return "enum";
    case H5T_OPAQUE: return "opaque";
    case H5T_ARRAY: return "array";
    case H5T_VLEN: return "variable-length";
    case H5T_REFERENCE: return "reference";
    default: return "unknown";
    }
}

ArrayInfo describe(hid_t set, const std::string& name)
{
    ArrayInfo info;
    info.name = name;
    h5::Handle type(H5Dget_type(set));
    info.typeName = typeName(type.get(), info.kind, info.elementBytes);
    if (info.kind != ArrayKind::Other) {
        const std::string problem = h5::numberTypeProblem(type.get());
        if (!problem.empty()) { // libhdf5 would overrun its buffers converting it
            info.kind = ArrayKind::Other;
            info.typeName += " that " + problem;
        }
    }
    h5::Handle space(H5Dget_space(set));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > kMaxRank) {
        info.kind = ArrayKind::Other;
        info.typeName += " of unsupported rank";
        return info;
    }
    std::vector<hsize_t> dims(static_cast<size_t>(rank), 0);
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    for (const hsize_t d : dims)
        info.shape.push_back(int64_t(std::min<hsize_t>(d, hsize_t(INT64_MAX))));
    return info;
}

// Every dataset under `group`, following hard links only; each object once (a hard-link cycle
// leads back to a group already seen).
void collect(hid_t group, const std::string& prefix, int depth, std::set<std::string>& seen, std::vector<ArrayInfo>& out,
    const std::string& path)
{
    if (depth > kMaxDepth)
        throw FormatError(path + ": groups nested deeper than " + std::to_string(kMaxDepth) + " at '" + prefix + "'");
    std::vector<std::string> names;
    hsize_t index = 0;
    const auto gather = [](hid_t, const char* name, const H5L_info_t* info, void* data) -> herr_t {
        if (info->type == H5L_TYPE_HARD)
            static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
    };
    h5::checkObjectHeader(group, path); // its symbol table's local heap, before libhdf5 loads it
    if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, gather, &names) < 0)
        throw FormatError(path + ": cannot list the group '" + (prefix.empty() ? "/" : prefix) + "' (damaged file?)");
    for (const std::string& name : names) {
        if (seen.size() >= kMaxObjects)
            throw FormatError(path + ": more than " + std::to_string(kMaxObjects) + " objects; not a dataset file");
        // An object whose header libhdf5 cannot read, or that fails the check before it is
        // loaded, is left out, as libhdf5 itself leaves out what it cannot read: a dataset file
        // lists what it can.
        h5::ObjectInfo info;
        bool readable = false;
        try {
            readable = h5::objectInfo(group, name, info, path);
        } catch (const FormatError&) {
        }
        if (!readable || !seen.insert(info.id).second)
            continue;
        const std::string full = prefix + "/" + name;
        if (info.type == H5O_TYPE_GROUP) {
            h5::Handle child(H5Gopen2(group, name.c_str(), H5P_DEFAULT));
            if (child.valid())
                collect(child.get(), full, depth + 1, seen, out, path);
        } else if (info.type == H5O_TYPE_DATASET) {
            h5::Handle set(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
            if (set.valid())
                out.push_back(describe(set.get(), full));
        }
    }
}

std::vector<ArrayInfo> listOpen(const OpenFile& f)
{
    std::vector<ArrayInfo> out;
    std::set<std::string> seen;
    h5::Handle root(H5Gopen2(f.file.get(), "/", H5P_DEFAULT));
    if (!root.valid())
        throw FormatError(f.path + ": cannot open the root group (damaged file?)");
    collect(root.get(), "", 0, seen, out, f.path);
    return out;
}

// Checks what the dataset claims against what it stores, then hands out a reader.
ArrayHandle openArray(const std::shared_ptr<OpenFile>& f, const ArrayInfo& info)
{
    ArrayHandle a;
    a.info = info;
    a.where = f->path + ": dataset '" + info.name + "'";
    auto set = std::make_shared<h5::Handle>(H5Dopen2(f->file.get(), info.name.c_str(), H5P_DEFAULT));
    if (!set->valid())
        throw FormatError(a.where + " cannot be opened (damaged file?)");
    if (info.kind != ArrayKind::Other) {
        uint64_t claimed = uint64_t(info.elementBytes);
        for (const int64_t d : info.shape)
            if (__builtin_mul_overflow(claimed, uint64_t(d), &claimed))
                throw FormatError(a.where + ": the shape " + shapeToString(info.shape) + " overflows 64 bits");
        h5::Handle dcpl(H5Dget_create_plist(set->get()));
        if (dcpl.valid() && H5Pget_external_count(dcpl.get()) > 0)
            throw FormatError(a.where + ": keeps its data in external files, which are not read");
        const int filters = dcpl.valid() ? H5Pget_nfilters(dcpl.get()) : 0;
        for (int i = 0; i < filters; ++i) {
            unsigned flags = 0;
            size_t nvalues = 0;
            char filterName[64] = {};
            const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), unsigned(i), &flags, &nvalues, nullptr,
                sizeof filterName, filterName, nullptr);
            if (id < 0 || H5Zfilter_avail(id) <= 0)
                throw FormatError(a.where + ": compressed with filter " + std::to_string(int(id))
                    + (filterName[0] ? std::string(" (") + filterName + ")" : std::string())
                    + ", which this HDF5 library lacks; re-save it with gzip or no compression");
        }
        const uint64_t stored = H5Dget_storage_size(set->get());
        // A compact dataset keeps its bytes in its layout message; libhdf5 1.10.8 copies
        // (elements x type size) bytes out of that message without comparing it with the
        // message's own size, and from NULL when the message holds none (SIGSEGV in
        // H5D__compact_readvv, release too; found by fuzz_dataset_h5). h5py writes exactly that
        // many bytes.
        if (dcpl.valid() && H5Pget_layout(dcpl.get()) == H5D_COMPACT && claimed != stored)
            throw FormatError(a.where + ": a compact dataset of " + std::to_string(claimed / uint64_t(info.elementBytes))
                + " elements of " + std::to_string(info.elementBytes) + " bytes holds " + std::to_string(stored) + " bytes");
        if (stored > f->size)
            throw FormatError(a.where + ": claims " + std::to_string(stored) + " stored bytes in a "
                + std::to_string(f->size) + "-byte file");
        if (claimed > stored * kMaxInflateRatio + kInflateAllowance)
            throw FormatError(a.where + ": the shape " + shapeToString(info.shape) + " claims " + std::to_string(claimed)
                + " bytes but only " + std::to_string(stored) + " are stored in the file");
    }
    a.readAll = [f, set, where = a.where](float* out) {
        const auto hdf5 = h5::lockLibrary();
        h5::Handle type(H5Dget_type(set->get()));
        h5::checkNumberType(type.get(), where); // describe() checked it; the read depends on it
        if (H5Dread(set->get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) < 0)
            throw FormatError(where + " cannot be read (damaged or truncated file?)");
    };
    return a;
}

} // namespace

bool isHdf5Path(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".h5" || ext == ".hdf5" || ext == ".he5";
}

std::vector<ArrayInfo> listHdf5Arrays(const std::string& path)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    return listOpen(*openFile(path));
}

Dataset readHdf5Dataset(const std::string& path, const std::string& features, const std::string& labels, bool regression)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    const auto f = openFile(path);
    const std::vector<ArrayInfo> arrays = listOpen(*f);
    const auto [x, y] = chooseArrayPair(arrays, features, labels, path);
    const auto info = [&](const std::string& name) {
        return *std::find_if(arrays.begin(), arrays.end(), [&](const ArrayInfo& a) { return a.name == name; });
    };
    return makeArrayDataset(openArray(f, info(x)), openArray(f, info(y)), regression,
        std::filesystem::path(path).filename().string());
}

} // namespace ws
