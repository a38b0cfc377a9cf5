// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunRecord.h"

#include "io/Hdf5Util.h"
#include "io/ModelTensors.h"
#include "run/TensorBoardRuns.h"
#include "util/Error.h"
#include "util/JsonNumbers.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>

#include <signal.h>
#include <unistd.h>

namespace ws {

namespace {

constexpr const char* kFormat = "weightscope-run";
constexpr int kFormatVersion = 1;
constexpr hsize_t kChunkRows = 1024;
// Batch rows kept in memory before they are written even in the middle of an epoch (~0.8 MB).
constexpr size_t kMaxWaitingRows = 16384;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string utcIso(std::time_t t)
{
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string hostName()
{
    char buf[256] = {};
    gethostname(buf, sizeof buf - 1);
    return buf;
}

// Attributes change during a run (status, progress): HDF5 cannot resize one, so it is replaced.
void setAttribute(hid_t obj, const std::string& name, const std::string& value, const std::string& file)
{
    if (h5::hasAttribute(obj, name, file) && H5Adelete(obj, name.c_str()) < 0)
        throw FormatError(file + ": cannot replace attribute '" + name + "'");
    h5::writeStringAttribute(obj, name, value, file);
}

nlohmann::json jsonAttribute(hid_t obj, const std::string& name, const std::string& file)
{
    const std::string text = h5::readStringAttribute(obj, name, file);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(file + ": attribute '" + name + "' is not valid JSON: " + e.what());
    }
}

h5::Handle stringType()
{
    h5::Handle type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    return type;
}

// A 1-D dataset of unlimited length, chunked so that appending never rewrites earlier rows.
void createColumn(hid_t group, const char* name, hid_t fileType, const std::string& file)
{
    const hsize_t zero = 0, unlimited = H5S_UNLIMITED;
    h5::Handle space(H5Screate_simple(1, &zero, &unlimited));
    h5::Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_chunk(dcpl.get(), 1, &kChunkRows);
    h5::Handle set(H5Dcreate2(group, name, fileType, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
    if (!set.valid())
        throw FormatError(file + ": cannot create dataset '" + name + "'");
}

void appendColumn(hid_t group, const char* name, hid_t memType, const void* data, hsize_t rows, const std::string& file)
{
    if (rows == 0)
        return;
    h5::Handle set(H5Dopen2(group, name, H5P_DEFAULT));
    h5::Handle oldSpace(set.valid() ? H5Dget_space(set.get()) : H5I_INVALID_HID);
    hsize_t have = 0;
    if (!oldSpace.valid() || H5Sget_simple_extent_dims(oldSpace.get(), &have, nullptr) != 1)
        throw FormatError(file + ": dataset '" + name + "' is missing or not a column");
    const hsize_t total = have + rows;
    if (H5Dset_extent(set.get(), &total) < 0)
        throw FormatError(file + ": cannot extend dataset '" + name + "' (disk full?)");
    h5::Handle space(H5Dget_space(set.get()));
    H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &have, nullptr, &rows, nullptr);
    h5::Handle memSpace(H5Screate_simple(1, &rows, nullptr));
    if (H5Dwrite(set.get(), memType, memSpace.get(), space.get(), H5P_DEFAULT, data) < 0)
        throw FormatError(file + ": cannot write dataset '" + name + "' (disk full?)");
}

// Rows in a column. Every row takes at least one byte of the file, so a length beyond the
// file's size is a lie and is refused before anything is allocated.
hsize_t columnRows(hid_t set, const std::string& what, uintmax_t fileSize)
{
    h5::Handle space(H5Dget_space(set));
    hsize_t rows = 0;
    if (!space.valid() || H5Sget_simple_extent_ndims(space.get()) != 1
        || H5Sget_simple_extent_dims(space.get(), &rows, nullptr) != 1)
        throw FormatError(what + " is not a 1-D column");
    if (rows > fileSize)
        throw FormatError(what + " claims " + std::to_string(rows) + " rows, more than the file can hold");
    return rows;
}

template <typename T>
std::vector<T> readColumn(hid_t group, const char* name, hid_t memType, const std::string& file, const std::string& where,
    uintmax_t fileSize)
{
    const std::string what = file + ": dataset '" + where + "/" + name + "'";
    if (H5Lexists(group, name, H5P_DEFAULT) <= 0)
        throw FormatError(what + " is missing");
    h5::Handle set = h5::openDataset(group, name, file);
    if (!set.valid())
        throw FormatError(what + " cannot be opened");
    h5::Handle type(H5Dget_type(set.get()));
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
        throw FormatError(what + " is not numeric");
    h5::checkNumberType(type.get(), what);
    std::vector<T> out(size_t(columnRows(set.get(), what, fileSize)));
    if (!out.empty() && H5Dread(set.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
        throw FormatError(what + " cannot be read (damaged file?)");
    return out;
}

std::vector<std::string> readStringColumn(hid_t group, const char* name, const std::string& file, uintmax_t fileSize)
{
    const std::string what = file + ": dataset 'events/" + name + "'";
    if (H5Lexists(group, name, H5P_DEFAULT) <= 0)
        throw FormatError(what + " is missing");
    h5::Handle set = h5::openDataset(group, name, file);
    h5::Handle type(set.valid() ? H5Dget_type(set.get()) : H5I_INVALID_HID);
    if (!type.valid() || H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0)
        throw FormatError(what + " is not a variable-length string column");
    const hsize_t rows = columnRows(set.get(), what, fileSize);
    h5::checkVariableLengthStrings(set.get(), what);
    std::vector<char*> items(size_t(rows), nullptr);
    h5::Handle mem = stringType();
    if (rows && H5Dread(set.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, items.data()) < 0)
        throw FormatError(what + " cannot be read (damaged file?)");
    std::vector<std::string> out;
    for (char* s : items)
        out.emplace_back(s ? s : "");
    if (rows) {
        h5::Handle space(H5Dget_space(set.get()));
        H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, items.data());
    }
    return out;
}

// File access properties of every open of a run file, writer and readers alike: HDF5 refuses to
// open a file twice in one process with different locking or evict-on-close settings, and the
// runs dock reads the Playground's run while it is being written.
// - File locking off: a writer holds an exclusive lock, and looking at its flushed state is
//   exactly what the runs dock wants.
// - Evict on close: the writer opens each column for one append and closes it again; with this,
//   the close drops the column's metadata (object header, chunk-index B-tree nodes) from
//   libhdf5's metadata cache. Without it the cache kept every B-tree node of every column it had
//   touched: a node costs ~2 KB of the cache's size accounting (its size in the file) but ~18 KB
//   of memory (libhdf5 1.10 sizes the in-memory keys for 32 dimensions), so the cache never
//   reached its limit while the chunk index of a million batch rows (6 columns of ~980 chunks)
//   held ~2.5 MB (#9, long runs). Keeping the columns open instead is worse: each open dataset
//   keeps its own chunk cache (up to 1 MB). The price is reading a column's B-tree path back
//   from the file (page cache) at the next append: ~0.03 ms of CPU per flush.
h5::Handle runFileAccess()
{
    h5::Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_file_locking(fapl.get(), false, true);
    H5Pset_evict_on_close(fapl.get(), true);
    return fapl;
}

// Opens a run file for reading (or for editing its attributes), with runFileAccess().
h5::Handle openRun(const std::string& path, unsigned flags)
{
    h5::silenceErrors();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw FormatError(path + ": no such file");
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw FormatError(path + ": not an HDF5 file");
    h5::Handle file(H5Fopen(path.c_str(), flags, runFileAccess().get()));
    if (!file.valid())
        throw FormatError(path + ": cannot open the HDF5 file (truncated or damaged?)");
    h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    if (!h5::hasAttribute(root.get(), "format", path) || h5::readStringAttribute(root.get(), "format", path) != kFormat)
        throw FormatError(path + ": not a Weightscope run record (attribute 'format' is not '" + kFormat + "')");
    const std::string version = h5::readStringAttribute(root.get(), "format_version", path);
    if (version != std::to_string(kFormatVersion))
        throw FormatError(path + ": run format_version " + version + " is not supported (this build reads "
            + std::to_string(kFormatVersion) + ")");
    return file;
}

// The "path" of every "session_saved" event (#22), for the runs table. Cheap on purpose, as the
// scan reads every record: the kind column always (a few bytes an event), the detail column only
// when a session was saved. Events are an extra to the header: a damaged events group gives no
// sessions instead of hiding the whole run from the table.
std::vector<std::string> savedSessionPaths(hid_t file, const std::string& path)
{
    std::vector<std::string> out;
    try {
        if (!h5::exists(file, "events"))
            return out;
        const h5::Handle g = h5::openGroup(file, "events", path);
        const uintmax_t size = std::filesystem::file_size(path);
        const std::vector<std::string> kind = readStringColumn(g.get(), "kind", path, size);
        if (std::find(kind.begin(), kind.end(), "session_saved") == kind.end())
            return out;
        const std::vector<std::string> detail = readStringColumn(g.get(), "detail", path, size);
        for (size_t i = 0; i < std::min(kind.size(), detail.size()); ++i) {
            if (kind[i] != "session_saved")
                continue;
            const nlohmann::json d = nlohmann::json::parse(detail[i], nullptr, false);
            if (d.is_object() && d.contains("path") && d["path"].is_string() && !d["path"].get<std::string>().empty())
                out.push_back(d["path"].get<std::string>());
        }
    } catch (const std::exception&) {
        out.clear();
    }
    return out;
}

bool processAlive(long pid, const std::string& host)
{
    if (host != hostName())
        return true; // another machine's run: we cannot tell, so trust the file
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

std::string runStatusName(RunStatus status) { return std::string(enumName(status)); }

// Not parseEnum: a status this version does not know (a damaged or newer record) reads as
// interrupted, so the rest of the record still shows.
RunStatus parseRunStatus(const std::string& name)
{
    return findEnum<RunStatus>(name).value_or(RunStatus::Interrupted);
}

// ---------------------------------------------------------------------------------------------
// Writer

struct RunWriter::Impl {
    h5::Handle file;
    h5::Handle root;
    h5::Handle batch;
    h5::Handle epoch;
    h5::Handle events;
};

RunWriter::RunWriter(const std::string& path, const RunHeader& header, bool hiddenUntilFirstEpoch)
    : path_(path)
    , filePath_(hiddenUntilFirstEpoch ? path + ".part" : path)
    , impl_(std::make_unique<Impl>())
    , start_(std::chrono::steady_clock::now())
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    h5::silenceErrors();
    // H5F_ACC_EXCL: two trainings never share a record. Default (earliest) format bounds keep
    // superblock 0, which has no "file open for writing" flag a killed writer would leave set.
    // Access properties as in the readers (runFileAccess).
    std::error_code ec;
    if (filePath_ != path_ && std::filesystem::exists(path_, ec))
        throw FormatError(path + ": cannot create the run file (exists already)");
    impl_->file = h5::Handle(H5Fcreate(filePath_.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, runFileAccess().get()));
    if (!impl_->file.valid())
        throw FormatError(path + ": cannot create the run file (exists already, or the folder is not writable)");
    const hid_t f = impl_->file.get();
    impl_->root = h5::Handle(H5Gopen2(f, "/", H5P_DEFAULT));
    const hid_t r = impl_->root.get();
    const auto wall = std::chrono::system_clock::now();
    const std::time_t now = std::chrono::system_clock::to_time_t(wall);
    h5::writeStringAttribute(r, "format", kFormat, path);
    h5::writeStringAttribute(r, "format_version", std::to_string(kFormatVersion), path);
    h5::writeStringAttribute(r, "engine_version", WS_VERSION, path);
    h5::writeStringAttribute(r, "created", utcIso(now), path);
    h5::writeStringAttribute(r, "start_time", std::to_string(std::chrono::duration<double>(wall.time_since_epoch()).count()), path);
    h5::writeStringAttribute(r, "name", header.name, path);
    h5::writeStringAttribute(r, "tags", nlohmann::json(header.tags).dump(), path);
    h5::writeStringAttribute(r, "notes", header.notes, path);
    h5::writeStringAttribute(r, "config", header.config.dump(), path);
    h5::writeStringAttribute(r, "dataset", header.dataset.dump(), path);
    h5::writeStringAttribute(r, "model_config", header.modelConfig.dump(), path);
    h5::writeStringAttribute(r, "parameters", std::to_string(header.parameters), path);
    h5::writeStringAttribute(r, "model_summary", header.modelSummary, path);
    h5::writeStringAttribute(r, "pid", std::to_string(long(getpid())), path);
    h5::writeStringAttribute(r, "host", hostName(), path);
    h5::writeStringAttribute(r, "status", runStatusName(RunStatus::Running), path);
    h5::writeStringAttribute(r, "message", "", path);
    h5::writeStringAttribute(r, "progress", R"({"epochs":0,"steps":0,"duration":0})", path);
    h5::writeStringAttribute(r, "final", "null", path);

    impl_->batch = h5::createGroups(f, "history/batch", path);
    impl_->epoch = h5::createGroups(f, "history/epoch", path);
    impl_->events = h5::createGroups(f, "events", path);
    h5::createGroups(f, "checkpoints", path);
    for (hid_t g : { impl_->batch.get(), impl_->epoch.get() }) {
        createColumn(g, "step", H5T_STD_I64LE, path);
        for (const char* c : { "epoch", "wall_time", "loss", "accuracy", "learning_rate" })
            createColumn(g, c, H5T_IEEE_F64LE, path);
    }
    createColumn(impl_->epoch.get(), "val_loss", H5T_IEEE_F64LE, path);
    createColumn(impl_->epoch.get(), "val_accuracy", H5T_IEEE_F64LE, path);
    createColumn(impl_->events.get(), "step", H5T_STD_I64LE, path);
    createColumn(impl_->events.get(), "epoch", H5T_IEEE_F64LE, path);
    createColumn(impl_->events.get(), "wall_time", H5T_IEEE_F64LE, path);
    const h5::Handle str = stringType();
    createColumn(impl_->events.get(), "kind", str.get(), path);
    createColumn(impl_->events.get(), "detail", str.get(), path);
    if (H5Fflush(f, H5F_SCOPE_GLOBAL) < 0)
        throw FormatError(path + ": cannot write the run file (disk full?)");
}

RunWriter::~RunWriter()
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    if (finished_ || !impl_->file.valid())
        return;
    try { // an exception unwound the training: keep what is there and say so
        finish(RunStatus::Interrupted, nullptr, nullptr, "the training ended with an error");
    } catch (...) {
    }
}

double RunWriter::now() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void RunWriter::addBatch(const BatchProgress& p)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    const double epoch = p.epoch + double(p.batch + 1) / double(std::max<int64_t>(1, p.batchesPerEpoch));
    batches_.step.push_back(p.step);
    batches_.epoch.push_back(epoch);
    batches_.wallTime.push_back(now());
    batches_.loss.push_back(p.loss);
    batches_.accuracy.push_back(p.accuracy);
    batches_.learningRate.push_back(p.learningRate);
    lastStep_ = p.step;
    lastEpoch_ = epoch;
    // An epoch of millions of batches (batch size 1 on a large set) must not pile its rows up
    // in memory (#9, long runs): past kMaxWaitingRows they are written mid-epoch. A flush at a
    // batch boundary leaves the file as consistent as one at an epoch's end.
    if (batches_.size() >= kMaxWaitingRows)
        flushRows();
}

void RunWriter::endEpoch(const EpochProgress& p)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    epochs_.step.push_back(lastStep_);
    epochs_.epoch.push_back(p.epoch + 1);
    epochs_.wallTime.push_back(now());
    epochs_.loss.push_back(p.trainLoss);
    epochs_.accuracy.push_back(p.trainAccuracy);
    epochs_.valLoss.push_back(p.hasValidation ? p.validationLoss : kNaN);
    epochs_.valAccuracy.push_back(p.hasValidation ? p.validationAccuracy : kNaN);
    epochs_.learningRate.push_back(batches_.learningRate.empty() ? kNaN : batches_.learningRate.back());
    epochsCompleted_ = p.epoch + 1;
    if (minFlushInterval_ <= 0 || now() - lastFlush_ >= minFlushInterval_)
        flushRows();
}

void RunWriter::addEvent(const std::string& kind, const nlohmann::json& detail)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    events_.push_back({ lastStep_, lastEpoch_, now(), kind, detail.dump() });
}

void RunWriter::flushRows()
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    const auto writeTable = [&](hid_t g, RunHistory& h, bool validation) {
        const hsize_t n = h.size();
        appendColumn(g, "step", H5T_NATIVE_INT64, h.step.data(), n, path_);
        appendColumn(g, "epoch", H5T_NATIVE_DOUBLE, h.epoch.data(), n, path_);
        appendColumn(g, "wall_time", H5T_NATIVE_DOUBLE, h.wallTime.data(), n, path_);
        appendColumn(g, "loss", H5T_NATIVE_DOUBLE, h.loss.data(), n, path_);
        appendColumn(g, "accuracy", H5T_NATIVE_DOUBLE, h.accuracy.data(), n, path_);
        appendColumn(g, "learning_rate", H5T_NATIVE_DOUBLE, h.learningRate.data(), n, path_);
        if (validation) {
            appendColumn(g, "val_loss", H5T_NATIVE_DOUBLE, h.valLoss.data(), n, path_);
            appendColumn(g, "val_accuracy", H5T_NATIVE_DOUBLE, h.valAccuracy.data(), n, path_);
        }
        h = RunHistory();
    };
    writeTable(impl_->batch.get(), batches_, false);
    writeTable(impl_->epoch.get(), epochs_, true);
    if (!events_.empty()) {
        const hid_t g = impl_->events.get();
        std::vector<int64_t> step;
        std::vector<double> epoch, wall;
        std::vector<const char*> kind, detail;
        for (const RunEvent& e : events_) {
            step.push_back(e.step);
            epoch.push_back(e.epoch);
            wall.push_back(e.wallTime);
            kind.push_back(e.kind.c_str());
            detail.push_back(e.detail.c_str());
        }
        const hsize_t n = events_.size();
        const h5::Handle str = stringType();
        appendColumn(g, "step", H5T_NATIVE_INT64, step.data(), n, path_);
        appendColumn(g, "epoch", H5T_NATIVE_DOUBLE, epoch.data(), n, path_);
        appendColumn(g, "wall_time", H5T_NATIVE_DOUBLE, wall.data(), n, path_);
        appendColumn(g, "kind", str.get(), kind.data(), n, path_);
        appendColumn(g, "detail", str.get(), detail.data(), n, path_);
        events_.clear();
    }
    const nlohmann::json progress = { { "epochs", epochsCompleted_ }, { "steps", lastStep_ }, { "duration", now() } };
    setAttribute(impl_->root.get(), "progress", progress.dump(), path_);
    if (H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL) < 0)
        throw FormatError(path_ + ": cannot write the run file (disk full?)");
    // libhdf5 keeps freed blocks on its free lists (up to ~37 MB by default) instead of giving
    // them back; a training that writes for hours would hold them all (#9, long runs).
    H5garbage_collect();
    lastFlush_ = now();
    if (epochsCompleted_ > 0)
        publish();
}

void RunWriter::publish()
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    if (filePath_ == path_)
        return;
    // The open file is renamed under the writer: its inode, and so the handle, stay the same.
    std::error_code ec;
    std::filesystem::rename(filePath_, path_, ec);
    if (ec)
        throw FormatError(filePath_ + ": cannot rename the run file to " + path_ + ": " + ec.message());
    filePath_ = path_;
}

void RunWriter::saveCheckpoint(const std::string& name, Sequential& model)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    const std::string group = "checkpoints/" + name;
    if (h5::exists(impl_->file.get(), group))
        throw Error(path_ + ": checkpoint '" + name + "' exists already");
    h5::Handle g = h5::createGroups(impl_->file.get(), group, path_);
    h5::writeStringAttribute(g.get(), "epoch", std::to_string(epochsCompleted_), path_);
    h5::writeStringAttribute(g.get(), "step", std::to_string(lastStep_), path_);
    writeModelTensors(impl_->file.get(), group, model, path_);
    if (H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL) < 0)
        throw FormatError(path_ + ": cannot write the run file (disk full?)");
}

void RunWriter::finish(RunStatus status, Sequential* model, const nlohmann::json& evaluation, const std::string& message)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    finished_ = true;
    flushRows();
    if (model)
        saveCheckpoint("final", *model);
    const hid_t r = impl_->root.get();
    setAttribute(r, "final", evaluation.dump(), path_);
    setAttribute(r, "message", message, path_);
    setAttribute(r, "status", runStatusName(status), path_);
    if (H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL) < 0)
        throw FormatError(path_ + ": cannot write the run file (disk full?)");
    impl_ = std::make_unique<Impl>(); // closes the file
}

// ---------------------------------------------------------------------------------------------
// Reader

bool isRunFile(const std::string& path)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    try {
        openRun(path, H5F_ACC_RDONLY);
        return true;
    } catch (const Error&) {
        return false;
    }
}

RunInfo readRunInfo(const std::string& path)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    if (isTensorBoardRun(path)) // a TensorBoard log directory or event file (run/TensorBoardRuns.h)
        return readTensorBoardRunInfo(path);
    const h5::Handle file = openRun(path, H5F_ACC_RDONLY);
    const h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    const hid_t r = root.get();
    RunInfo info;
    info.path = path;
    RunHeader& h = info.header;
    h.name = h5::readStringAttribute(r, "name", path);
    h.notes = h5::readStringAttribute(r, "notes", path);
    const nlohmann::json tags = jsonAttribute(r, "tags", path);
    if (!tags.is_array())
        throw FormatError(path + ": attribute 'tags' is not a JSON array");
    for (const auto& t : tags)
        if (t.is_string())
            h.tags.push_back(t.get<std::string>());
    h.config = jsonAttribute(r, "config", path);
    h.dataset = jsonAttribute(r, "dataset", path);
    h.modelConfig = jsonAttribute(r, "model_config", path);
    h.modelSummary = h5::readStringAttribute(r, "model_summary", path);
    try {
        h.parameters = std::stoll(h5::readStringAttribute(r, "parameters", path));
        info.startTime = std::stod(h5::readStringAttribute(r, "start_time", path));
    } catch (const std::logic_error&) {
        throw FormatError(path + ": attribute 'parameters' or 'start_time' is not a number");
    }
    info.engineVersion = h5::readStringAttribute(r, "engine_version", path);
    info.created = h5::readStringAttribute(r, "created", path);
    info.message = h5::readStringAttribute(r, "message", path);
    info.final = jsonAttribute(r, "final", path);
    const nlohmann::json progress = jsonAttribute(r, "progress", path);
    if (!progress.is_object())
        throw FormatError(path + ": attribute 'progress' is not a JSON object");
    try {
        info.epochsCompleted = valueChecked(progress, "epochs", 0);
        info.steps = valueChecked(progress, "steps", int64_t(0));
        info.duration = progress.value("duration", 0.0);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(path + ": attribute 'progress': " + e.what());
    }
    info.status = parseRunStatus(h5::readStringAttribute(r, "status", path));
    if (info.status == RunStatus::Running) {
        long pid = 0;
        try {
            pid = std::stol(h5::readStringAttribute(r, "pid", path));
        } catch (const std::logic_error&) {
        }
        if (!processAlive(pid, h5::readStringAttribute(r, "host", path)))
            info.status = RunStatus::Interrupted;
    }
    if (h5::exists(file.get(), "checkpoints")) {
        h5::Handle g = h5::openGroup(file.get(), "checkpoints", path);
        hsize_t n = 0;
        if (g.valid() && H5Gget_num_objs(g.get(), &n) >= 0) {
            for (hsize_t i = 0; i < n && i < 100000; ++i) {
                char name[256] = {};
                if (H5Gget_objname_by_idx(g.get(), i, name, sizeof name - 1) > 0)
                    info.checkpoints.emplace_back(name);
            }
        }
    }
    info.savedSessions = savedSessionPaths(file.get(), path);
    return info;
}

RunHistory readRunHistory(const std::string& path, HistoryKind kind)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    if (isTensorBoardRun(path))
        return tensorBoardHistory(readTensorBoardData(path), kind);
    const h5::Handle file = openRun(path, H5F_ACC_RDONLY);
    const std::string where = kind == HistoryKind::Batch ? "history/batch" : "history/epoch";
    if (!h5::exists(file.get(), where))
        throw FormatError(path + ": group '" + where + "' is missing");
    const h5::Handle g = h5::openGroup(file.get(), where, path);
    const uintmax_t size = std::filesystem::file_size(path);
    RunHistory h;
    h.step = readColumn<int64_t>(g.get(), "step", H5T_NATIVE_INT64, path, where, size);
    const auto col = [&](const char* name) { return readColumn<double>(g.get(), name, H5T_NATIVE_DOUBLE, path, where, size); };
    h.epoch = col("epoch");
    h.wallTime = col("wall_time");
    h.loss = col("loss");
    h.accuracy = col("accuracy");
    h.learningRate = col("learning_rate");
    if (kind == HistoryKind::Epoch) {
        h.valLoss = col("val_loss");
        h.valAccuracy = col("val_accuracy");
    }
    // The columns are appended one after the other; should a writer have died in between,
    // the rows every column holds are the history.
    size_t n = h.step.size();
    for (const auto* c : { &h.epoch, &h.wallTime, &h.loss, &h.accuracy, &h.learningRate })
        n = std::min(n, c->size());
    if (kind == HistoryKind::Epoch)
        n = std::min({ n, h.valLoss.size(), h.valAccuracy.size() });
    h.step.resize(n);
    for (auto* c : { &h.epoch, &h.wallTime, &h.loss, &h.accuracy, &h.learningRate })
        c->resize(n);
    if (kind == HistoryKind::Epoch) {
        h.valLoss.resize(n);
        h.valAccuracy.resize(n);
    }
    return h;
}

std::vector<RunEvent> readRunEvents(const std::string& path)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    if (isTensorBoardRun(path))
        return {}; // TensorBoard records no learning-rate changes or weight edits
    const h5::Handle file = openRun(path, H5F_ACC_RDONLY);
    if (!h5::exists(file.get(), "events"))
        throw FormatError(path + ": group 'events' is missing");
    const h5::Handle g = h5::openGroup(file.get(), "events", path);
    const uintmax_t size = std::filesystem::file_size(path);
    const auto step = readColumn<int64_t>(g.get(), "step", H5T_NATIVE_INT64, path, "events", size);
    const auto epoch = readColumn<double>(g.get(), "epoch", H5T_NATIVE_DOUBLE, path, "events", size);
    const auto wall = readColumn<double>(g.get(), "wall_time", H5T_NATIVE_DOUBLE, path, "events", size);
    const auto kind = readStringColumn(g.get(), "kind", path, size);
    const auto detail = readStringColumn(g.get(), "detail", path, size);
    const size_t n = std::min({ step.size(), epoch.size(), wall.size(), kind.size(), detail.size() });
    std::vector<RunEvent> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back({ step[i], epoch[i], wall[i], kind[i], detail[i] });
    return out;
}

Sequential loadRunWeights(const std::string& path, const std::string& name)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    const h5::Handle file = openRun(path, H5F_ACC_RDONLY);
    const h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    if (name.empty() || name.find('/') != std::string::npos || !h5::exists(file.get(), "checkpoints/" + name))
        throw FormatError(path + ": no checkpoint '" + name + "'");
    Sequential model;
    try {
        model = Sequential::fromConfig(jsonAttribute(root.get(), "model_config", path));
    } catch (const FormatError&) {
        throw;
    } catch (const Error& e) {
        throw FormatError(path + ": model_config: " + e.what());
    }
    readModelTensors(file.get(), "checkpoints/" + name, model, path);
    return model;
}

void editRunInfo(const std::string& path, const std::string& name, const std::vector<std::string>& tags,
    const std::string& notes)
{
    const auto hdf5 = h5::lockLibrary(); // libhdf5 is not thread-safe (io/Hdf5Util.h)
    if (isTensorBoardRun(path))
        throw Error(path + ": a TensorBoard log is read-only; its name, tags and notes cannot be changed");
    if (readRunInfo(path).status == RunStatus::Running)
        throw Error(path + ": the run is still being written; edit it when it has finished");
    const h5::Handle file = openRun(path, H5F_ACC_RDWR);
    const h5::Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    setAttribute(root.get(), "name", name, path);
    setAttribute(root.get(), "tags", nlohmann::json(tags).dump(), path);
    setAttribute(root.get(), "notes", notes, path);
    if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0)
        throw FormatError(path + ": cannot write the run file");
}

} // namespace ws
