// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras 3 .keras zip (keras/src/saving/saving_lib.py: config.json, metadata.json and
// model.weights.h5) for the Keras reader (io/KerasReader.h): checks the archive with libzip
// (no zip slip, no zip bombs, CRCs), reads the two JSON members and opens the weights image
// in memory; reading the weights is the HDF5 code of KerasReader.cpp.
#include "io/Hdf5Util.h"
#include "io/KerasFile.h"
#include "io/MappedFile.h"
#include "io/ZipLayout.h"
#include "util/Error.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>

namespace ws::keras_reader {

namespace {

struct ZipArchive {
    zip_t* z = nullptr;
    ~ZipArchive()
    {
        if (z)
            zip_discard(z); // opened read-only: nothing to write back
    }
};

// Refuses members that would land outside the folder they are extracted to (zip slip), even
// though we never extract to disk: such an archive is not something Keras wrote.
bool climbsOut(const std::string& name)
{
    if (name.empty() || name[0] == '/' || name[0] == '\\' || name.find(':') != std::string::npos)
        return true;
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find_first_of("/\\", start);
        if (end == std::string::npos)
            end = name.size();
        if (name.compare(start, end - start, "..") == 0 && end - start == 2)
            return true;
        start = end + 1;
    }
    return false;
}

// Reads one member whole, refusing sizes above `limit` and compression ratios no real weight
// file reaches (a zip bomb inflates gigabytes from kilobytes).
std::string readMember(zip_t* z, zip_int64_t index, const std::string& file, const std::string& name, zip_uint64_t limit)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(index), 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)
        || !(st.valid & ZIP_STAT_COMP_SIZE))
        throw FormatError(file + ": member '" + name + "' cannot be read: " + zip_strerror(z));
    if (st.size > limit)
        throw FormatError(file + ": member '" + name + "' is " + std::to_string(st.size) + " bytes, more than the "
            + std::to_string(limit) + " this reader accepts");
    constexpr zip_uint64_t kMaxRatio = 200;
    if (st.size > (zip_uint64_t(1) << 20) && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > kMaxRatio)
        throw FormatError(file + ": member '" + name + "' inflates " + std::to_string(st.comp_size) + " bytes to "
            + std::to_string(st.size) + " (ratio above " + std::to_string(kMaxRatio)
            + "): refusing what looks like a zip bomb");
    zip_file_t* f = zip_fopen_index(z, zip_uint64_t(index), 0);
    if (!f)
        throw FormatError(file + ": member '" + name + "' cannot be opened: " + zip_strerror(z));
    std::string data(size_t(st.size), '\0');
    zip_uint64_t done = 0;
    while (done < st.size) {
        const zip_int64_t got = zip_fread(f, data.data() + done, st.size - done);
        if (got <= 0)
            break;
        done += zip_uint64_t(got);
    }
    char extra;
    const bool longer = done == st.size && zip_fread(f, &extra, 1) > 0;
    const int closeError = zip_fclose(f); // reports CRC mismatches
    if (done != st.size || longer || closeError != 0)
        throw FormatError(file + ": member '" + name + "' is damaged (short read or CRC mismatch)");
    return data;
}

const char* const kClimbsOutWhy =
    "a member named with '..' or an absolute path would be written outside the folder the archive is "
    "unpacked to, which Keras never writes; refusing the file";

// Our own walk of the central directory (io/ZipLayout.h) before libzip's: libzip refuses two
// members of one name as "File already exists", which says neither which nor why. A directory
// that walk cannot read is left to libzip, whose message stands.
void checkMemberNames(const std::string& path)
{
    std::vector<ZipSpan> spans;
    try {
        spans = zipSpans(MappedFile(path));
    } catch (const Error&) {
        return;
    }
    std::set<std::string> seen;
    for (const ZipSpan& s : spans) {
        if (climbsOut(s.name))
            throw FormatError(path + ": zip member '" + s.name + "' points outside the archive's folder: " + kClimbsOutWhy);
        if (!seen.insert(s.name).second)
            throw FormatError(path + ": zip member '" + s.name + "' appears twice; zip readers disagree about which "
                "copy counts (Python's zipfile, which Keras uses, takes the last one, others the first), so what is "
                "shown here could differ from what Keras loads: refusing the file");
    }
}

} // namespace

void KerasFile::openKeras(const std::string& path)
{
    format_ = "keras";
    checkMemberNames(path);
    ZipArchive archive;
    int error = 0;
    archive.z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive.z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, error);
        const std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw FormatError(path + ": not a readable zip archive: " + why);
    }
    const zip_int64_t n = zip_get_num_entries(archive.z, 0);
    std::map<std::string, zip_int64_t> members;
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* name = zip_get_name(archive.z, zip_uint64_t(i), 0);
        if (!name)
            throw FormatError(path + ": zip entry " + std::to_string(i) + " has no readable name");
        if (climbsOut(name))
            throw FormatError(path + ": zip member '" + std::string(name) + "' points outside the archive's folder: "
                + kClimbsOutWhy);
        members.emplace(name, i);
    }
    auto need = [&](const char* name) {
        const auto it = members.find(name);
        if (it == members.end())
            throw FormatError(path + ": the archive has no " + std::string(name)
                + " (a Keras 3 .keras file holds config.json, metadata.json and model.weights.h5)");
        return it->second;
    };
    constexpr zip_uint64_t kJsonLimit = zip_uint64_t(64) << 20;
    config_ = parseJson(readMember(archive.z, need("config.json"), path, "config.json", kJsonLimit), path,
        "config.json");
    metadata_["model_config"] = config_;
    if (members.count("metadata.json")) {
        const json meta = parseJson(readMember(archive.z, members.at("metadata.json"), path, "metadata.json",
                                        kJsonLimit),
            path, "metadata.json");
        metadata_["metadata.json"] = meta;
        if (meta.is_object())
            for (const char* key : { "keras_version", "date_saved" })
                if (meta.contains(key))
                    metadata_[key] = meta.at(key);
    }
    // The weights are read into memory and opened through HDF5's core driver: libzip cannot
    // give HDF5 a seekable file, and unpacking to a temporary file would leave litter behind.
    constexpr zip_uint64_t kWeightsLimit = zip_uint64_t(16) << 30;
    const std::string image = readMember(archive.z, need("model.weights.h5"), path, "model.weights.h5", kWeightsLimit);
    if (image.size() < 8 || std::memcmp(image.data(), kHdf5Magic, 8) != 0)
        throw FormatError(path + ": model.weights.h5 in the archive is not an HDF5 file");
    file_ = h5::openFileImage(image.data(), image.size());
    weightsBytes_ = image.size();
    if (!file_.valid())
        throw FormatError(path + ": model.weights.h5 in the archive cannot be opened (truncated or damaged?)");
    listStore();
}

} // namespace ws::keras_reader
