// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npy/.npz writers (NumPy .npy format v1.0; .npz as numpy.savez writes it).
#include "io/NpyWriter.h"

#include "util/AtomicWrite.h"
#include "util/Error.h"

#include <zip.h>

#include <bit>
#include <ostream>
#include <set>


namespace ws {

static_assert(std::endian::native == std::endian::little, "the writers store float32 as '<f4' straight from memory");

namespace {

bool isUnsafeMemberName(const std::string& name)
{
    if (name.empty() || name[0] == '/' || name[0] == '\\' || name.find('\0') != std::string::npos)
        return true;
    size_t start = 0;
    for (size_t i = 0; i <= name.size(); ++i)
        if (i == name.size() || name[i] == '/' || name[i] == '\\') {
            if (i - start == 2 && name.compare(start, 2, "..") == 0)
                return true;
            start = i + 1;
        }
    return false;
}

} // namespace

std::string npyHeaderF32(const Shape& shape)
{
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    for (size_t i = 0; i < shape.size(); ++i)
        dict += (i ? ", " : "") + std::to_string(shape[i]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    const size_t prefix = 10; // magic, version 1.0, 2-byte length
    size_t total = prefix + dict.size() + 1;
    total = (total + 63) / 64 * 64;
    const size_t len = total - prefix;
    if (len > 0xffff)
        throw Error("shape " + shapeToString(shape) + " is too long for a .npy 1.0 header");
    std::string header = "\x93NUMPY";
    header += char(1);
    header += char(0);
    header += char(len & 0xff);
    header += char(len >> 8);
    header += dict;
    header.append(total - header.size() - 1, ' ');
    header += '\n';
    return header;
}

void writeNpy(const std::string& path, const Tensor& tensor)
{
    const std::string header = npyHeaderF32(tensor.shape());
    writeStreamAtomically(path, [&](std::ostream& out) {
        out.write(header.data(), std::streamsize(header.size()));
        out.write(reinterpret_cast<const char*>(tensor.data()), std::streamsize(size_t(tensor.size()) * sizeof(float)));
    });
}

namespace {

// The archive at tmp (writeAtomically renames it); errors name the target.
void writeNpzArchive(const std::string& path, const std::string& tmp, const std::vector<std::pair<std::string, Tensor>>& tensors,
    bool compress)
{
    int err = 0;
    zip_t* za = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        const std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw Error(path + ": cannot create " + tmp + ": " + msg);
    }
    // libzip reads the buffers when the archive is closed: headers live until then, and the
    // tensors' own data is handed over without a copy.
    std::vector<std::string> headers;
    headers.reserve(tensors.size());
    auto fail = [&](const std::string& what) {
        const std::string msg = path + ": " + what + ": " + zip_strerror(za);
        zip_discard(za);
        throw Error(msg);
    };
    for (const auto& [name, tensor] : tensors) {
        headers.push_back(npyHeaderF32(tensor.shape()));
        zip_buffer_fragment_t parts[2] = {
            { reinterpret_cast<zip_uint8_t*>(headers.back().data()), headers.back().size() },
            { reinterpret_cast<zip_uint8_t*>(const_cast<float*>(tensor.data())), size_t(tensor.size()) * sizeof(float) },
        };
        zip_source_t* src = zip_source_buffer_fragment(za, parts, tensor.size() > 0 ? 2 : 1, 0);
        if (!src)
            fail("cannot add '" + name + "'");
        const zip_int64_t idx = zip_file_add(za, (name + ".npy").c_str(), src, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(src);
            fail("cannot add '" + name + "'");
        }
        if (zip_set_file_compression(za, zip_uint64_t(idx), compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0)
            fail("cannot set the compression of '" + name + "'");
    }
    if (zip_close(za) != 0)
        fail("cannot write the archive");
}

} // namespace

void writeNpz(const std::string& path, const std::vector<std::pair<std::string, Tensor>>& tensors, bool compress)
{
    std::set<std::string> names;
    for (const auto& [name, tensor] : tensors) {
        if (isUnsafeMemberName(name))
            throw Error(path + ": tensor name '" + name + "' cannot be an archive member name (empty, absolute or '..')");
        if (!names.insert(name).second)
            throw Error(path + ": two tensors named '" + name + "'");
    }
    if (tensors.empty())
        throw Error(path + ": no tensors to write");

    writeAtomically(path, [&](const std::string& tmp) { writeNpzArchive(path, tmp, tensors, compress); });
}

} // namespace ws
