#include "io/Hdf5Util.h"

#include "util/Error.h"

namespace ws::h5 {

void Handle::reset()
{
    if (id_ < 0)
        return;
    switch (H5Iget_type(id_)) {
    case H5I_FILE: H5Fclose(id_); break;
    case H5I_GROUP: H5Gclose(id_); break;
    case H5I_DATASET: H5Dclose(id_); break;
    case H5I_DATASPACE: H5Sclose(id_); break;
    case H5I_DATATYPE: H5Tclose(id_); break;
    case H5I_ATTR: H5Aclose(id_); break;
    case H5I_GENPROP_LST: H5Pclose(id_); break;
    default: break;
    }
    id_ = H5I_INVALID_HID;
}

void silenceErrors()
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

bool exists(hid_t loc, const std::string& path)
{
    // H5Lexists needs every intermediate link to exist; walk the path.
    std::string partial;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty()) {
            partial += (partial.empty() ? "" : "/") + part;
            if (H5Lexists(loc, partial.c_str(), H5P_DEFAULT) <= 0)
                return false;
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return true;
}

bool hasAttribute(hid_t obj, const std::string& name)
{
    return H5Aexists(obj, name.c_str()) > 0;
}

void writeStringAttribute(hid_t obj, const std::string& name, const std::string& value, const std::string& file)
{
    Handle type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), value.empty() ? 1 : value.size());
    H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    Handle space(H5Screate(H5S_SCALAR));
    Handle attr(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    if (!attr.valid() || H5Awrite(attr.get(), type.get(), value.empty() ? "" : value.data()) < 0)
        throw FormatError(file + ": cannot write attribute '" + name + "'");
}

std::string readStringAttribute(hid_t obj, const std::string& name, const std::string& file)
{
    if (!hasAttribute(obj, name))
        throw FormatError(file + ": attribute '" + name + "' is missing");
    Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    if (!attr.valid() || H5Tget_class(type.get()) != H5T_STRING)
        throw FormatError(file + ": attribute '" + name + "' is not a string");
    Handle space(H5Aget_space(attr.get()));
    if (H5Sget_simple_extent_npoints(space.get()) != 1)
        throw FormatError(file + ": attribute '" + name + "' is not a single string");
    if (H5Tis_variable_str(type.get()) > 0) {
        char* text = nullptr;
        Handle memType(H5Tcopy(H5T_C_S1));
        H5Tset_size(memType.get(), H5T_VARIABLE);
        H5Tset_cset(memType.get(), H5Tget_cset(type.get())); // h5py writes UTF-8; HDF5 converts no csets
        if (H5Aread(attr.get(), memType.get(), &text) < 0)
            throw FormatError(file + ": cannot read attribute '" + name + "'");
        std::string out = text ? text : "";
        H5free_memory(text);
        return out;
    }
    const size_t size = H5Tget_size(type.get());
    std::string out(size, '\0');
    if (H5Aread(attr.get(), type.get(), out.data()) < 0)
        throw FormatError(file + ": cannot read attribute '" + name + "'");
    const auto end = out.find('\0');
    if (end != std::string::npos)
        out.resize(end);
    return out;
}

void writeFloatDataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, const float* data,
    const std::string& file)
{
    Handle space(dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(int(dims.size()), dims.data(), nullptr));
    Handle set(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!set.valid() || H5Dwrite(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        throw FormatError(file + ": cannot write dataset '" + name + "'");
}

std::vector<float> readFloatDataset(hid_t parent, const std::string& name, std::vector<hsize_t>& dims,
    const std::string& file, hsize_t maxElements)
{
    if (!exists(parent, name))
        throw FormatError(file + ": dataset '" + name + "' is missing");
    Handle set(H5Dopen2(parent, name.c_str(), H5P_DEFAULT));
    if (!set.valid())
        throw FormatError(file + ": '" + name + "' is not a dataset");
    Handle space(H5Dget_space(set.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > 8)
        throw FormatError(file + ": dataset '" + name + "' has an unsupported rank");
    dims.assign(size_t(rank), 0);
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    hsize_t count = 1;
    for (hsize_t d : dims) {
        if (d != 0 && count > maxElements / d)
            throw FormatError(file + ": dataset '" + name + "' is larger than expected");
        count *= d;
    }
    if (count > maxElements)
        throw FormatError(file + ": dataset '" + name + "' has " + std::to_string(count)
            + " elements, more than the " + std::to_string(maxElements) + " expected");
    Handle type(H5Dget_type(set.get()));
    if (H5Tget_class(type.get()) != H5T_FLOAT && H5Tget_class(type.get()) != H5T_INTEGER)
        throw FormatError(file + ": dataset '" + name + "' is not numeric");
    std::vector<float> values(static_cast<size_t>(count));
    if (count && H5Dread(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        throw FormatError(file + ": cannot read dataset '" + name + "' (damaged file?)");
    return values;
}

Handle createGroups(hid_t root, const std::string& path, const std::string& file)
{
    Handle current(H5Gopen2(root, "/", H5P_DEFAULT));
    size_t start = 0;
    while (start < path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos)
            slash = path.size();
        const std::string part = path.substr(start, slash - start);
        start = slash + 1;
        if (part.empty())
            continue;
        Handle next(H5Lexists(current.get(), part.c_str(), H5P_DEFAULT) > 0
                ? H5Gopen2(current.get(), part.c_str(), H5P_DEFAULT)
                : H5Gcreate2(current.get(), part.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!next.valid())
            throw FormatError(file + ": cannot create group '" + path + "'");
        current = std::move(next);
    }
    return current;
}

} // namespace ws::h5

namespace ws::h5 {

namespace {

// Reads every string of one attribute; false when it is not a string attribute.
bool readStrings(hid_t attr, std::vector<std::string>& out, const std::string& what)
{
    Handle type(H5Aget_type(attr));
    Handle space(H5Aget_space(attr));
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0)
        throw FormatError(what + " cannot be read");
    if (H5Tget_class(type.get()) != H5T_STRING)
        return n == 0; // h5py stores an empty Python list as an empty float array
    if (H5Tis_variable_str(type.get()) > 0) {
        std::vector<char*> items(size_t(n), nullptr);
        Handle memType(H5Tcopy(H5T_C_S1));
        H5Tset_size(memType.get(), H5T_VARIABLE);
        H5Tset_cset(memType.get(), H5Tget_cset(type.get()));
        if (n && H5Aread(attr, memType.get(), items.data()) < 0)
            throw FormatError(what + " cannot be read (damaged file?)");
        for (char* s : items)
            out.emplace_back(s ? s : "");
        if (n)
            H5Dvlen_reclaim(memType.get(), space.get(), H5P_DEFAULT, items.data());
        return true;
    }
    const size_t size = H5Tget_size(type.get());
    if (size == 0 || size > (size_t(1) << 30) / size_t(n ? n : 1))
        throw FormatError(what + " has an implausible string size");
    std::string buffer(size * size_t(n), '\0');
    if (n && H5Aread(attr, type.get(), buffer.data()) < 0)
        throw FormatError(what + " cannot be read (damaged file?)");
    for (hssize_t i = 0; i < n; ++i) {
        std::string s = buffer.substr(size_t(i) * size, size);
        const auto end = s.find('\0');
        if (end != std::string::npos)
            s.resize(end);
        out.push_back(std::move(s));
    }
    return true;
}

} // namespace

std::vector<std::string> readStringListAttribute(hid_t obj, const std::string& name, const std::string& file,
    const std::string& where)
{
    std::vector<std::string> out;
    const std::string what = file + ": attribute '" + name + "' of " + where;
    auto readOne = [&](const std::string& attrName) {
        Handle attr(H5Aopen(obj, attrName.c_str(), H5P_DEFAULT));
        if (!attr.valid())
            throw FormatError(what + " cannot be opened");
        if (!readStrings(attr.get(), out, what))
            throw FormatError(what + " is not a list of strings");
    };
    if (hasAttribute(obj, name)) {
        readOne(name);
        return out;
    }
    if (!hasAttribute(obj, name + "0"))
        throw FormatError(what + " is missing");
    for (int chunk = 0; hasAttribute(obj, name + std::to_string(chunk)); ++chunk)
        readOne(name + std::to_string(chunk));
    return out;
}

bool isDataset(hid_t loc, const std::string& path)
{
    if (path.empty() || !exists(loc, path))
        return false;
    H5O_info_t info;
    if (H5Oget_info_by_name(loc, path.c_str(), &info, H5P_DEFAULT) < 0)
        return false;
    return info.type == H5O_TYPE_DATASET;
}

Handle openFileImage(const void* data, size_t size)
{
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    // Core driver without a backing store: nothing touches the disk.
    if (H5Pset_fapl_core(fapl.get(), 1 << 20, 0) < 0 || H5Pset_file_image(fapl.get(), const_cast<void*>(data), size) < 0)
        return Handle();
    return Handle(H5Fopen("in-memory.h5", H5F_ACC_RDONLY, fapl.get()));
}

} // namespace ws::h5
