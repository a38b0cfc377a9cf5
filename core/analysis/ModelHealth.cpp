// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ModelHealth.h"
#include "analysis/GramBlocks.h"
#include "analysis/SymmetricEigen.h"

#include "util/AtomicWrite.h"
#include "util/CsvQuote.h"
#include "util/FileStamp.h"
#include "util/JsonNumbers.h"
#include "util/Rng.h"
#include "util/Sha256.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace ws {

namespace {

namespace fs = std::filesystem;

constexpr int kCacheVersion = 1;
// A matrix that is no noise bulk plus a few spikes (a trained layer with a decaying spectrum) would
// otherwise lose its whole energy to "outliers" one round at a time and end with s² = 0.
constexpr double kMaxOutlierEnergy = 0.5;
constexpr double kTracyWidomScales = 4.0; // P(TW1 > 4) < 1e-4: a random matrix's λ_max stays below

// Mean square, zeros and max |x| of a matrix, seen block by block in the spectrum's own pass.
struct ElementTally {
    double sumSquares = 0, maxAbs = 0;
    int64_t zeros = 0, count = 0;
    void operator()(const double* v, int64_t n)
    {
        for (int64_t i = 0; i < n; ++i) {
            sumSquares += v[i] * v[i];
            maxAbs = std::max(maxAbs, std::abs(v[i]));
            zeros += v[i] == 0.0;
        }
        count += n;
    }
};

Eigen::MatrixXd orthonormalColumns(const Eigen::MatrixXd& z)
{
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(z);
    return qr.householderQ() * Eigen::MatrixXd::Identity(z.rows(), z.cols());
}

// The top eigenvalues of G (descending), by randomized subspace iteration; see the header.
std::vector<double> topEigenvalues(const ElementSource& source, const SpectrumMatrix& sm, const HealthOptions& o,
    const CancelCheck& cancel, const std::function<void(double)>& progress, ElementTally& tally)
{
    const int64_t k = std::min(sm.rows, sm.cols);
    const int64_t l = std::min<int64_t>(k, int64_t(std::max(1, o.topK)) + std::max(0, o.oversample));
    Rng rng(o.seed);
    Eigen::MatrixXd q(k, l); // (k, l): the subspace, orthonormal columns
    for (int64_t c = 0; c < l; ++c)
        for (int64_t r = 0; r < k; ++r)
            q(r, c) = rng.normal();
    q = orthonormalColumns(q);
    const int passes = std::max(0, o.iterations) + 1;
    Eigen::MatrixXd z(k, l); // (k, l): G Q
    for (int pass = 0; pass < passes; ++pass) {
        z.setZero();
        forEachGramBlock(source, sm, cancel, [&](const Eigen::MatrixXd& x, double done) {
            z.noalias() += x * (x.transpose() * q);
            if (pass == 0)
                tally(x.data(), x.size());
            if (progress)
                progress((pass + done) / passes);
        });
        if (pass + 1 < passes)
            q = orthonormalColumns(z);
    }
    // Rayleigh–Ritz: the eigenvalues of Qᵀ G Q (l × l), symmetrised against rounding.
    Eigen::MatrixXd t = q.transpose() * z;
    t = (0.5 * (t + t.transpose())).eval();
    const Eigen::VectorXd ritz = symmetricEigenvalues(t); // ascending
    const int64_t keep = std::min<int64_t>(l, std::max(1, o.topK));
    std::vector<double> lambda;
    for (int64_t i = 0; i < keep; ++i)
        lambda.push_back(std::max(0.0, ritz(l - 1 - i)));
    return lambda;
}

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
double numberFrom(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : kHealthNaN; }

// What identifies the file's contents without reading them: its canonical path, and the size and
// modification time of the file or of every file in its folder (a sharded model).
struct HealthStamp {
    std::string path;
    FileStamp files;
};

HealthStamp stampOf(const std::string& path)
{
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    HealthStamp s;
    s.path = ec ? path : canonical.string();
    s.files = fileStamp(s.path);
    return s;
}

class HealthCache {
public:
    HealthCache(const std::string& dir, const std::string& path, const HealthOptions& o, HealthReport& report)
        : report_(report)
    {
        std::error_code ec;
        if (dir.empty() || !fs::exists(path, ec))
            return; // no cache for a model that is not a file (the Training panel's, shown live)
        stamp_ = stampOf(path);
        key_ = o.key();
        report_.cacheFile = (fs::path(dir) / ("health-" + sha256Hex(stamp_.path.data(), stamp_.path.size()).substr(0, 20) + ".json")).string();
        std::ifstream in(report_.cacheFile, std::ios::binary);
        if (!in)
            return; // no cache yet
        try {
            const nlohmann::json j = nlohmann::json::parse(in);
            if (valueChecked(j, "version", 0) != kCacheVersion || j.value("options", "") != key_ || j.value("path", "") != stamp_.path
                || valueChecked(j, "size", uint64_t(0)) != stamp_.files.bytes
                || valueChecked(j, "mtime", int64_t(0)) != stamp_.files.modified)
                return; // another file, or this one changed: computed anew
            for (const auto& [name, row] : j.at("tensors").items())
                rows_[name] = healthRowFromJson(row);
        } catch (const std::exception& e) {
            report_.cacheNote = "the cache " + report_.cacheFile + " could not be read (" + e.what() + "); computed anew";
            rows_.clear();
        }
    }

    const HealthRow* find(const std::string& name, const Shape& shape) const
    {
        const auto it = rows_.find(name);
        return it != rows_.end() && it->second.shape == shape ? &it->second : nullptr;
    }

    void put(const HealthRow& row)
    {
        if (!report_.cacheFile.empty() && row.error.empty()) {
            rows_[row.name] = row;
            dirty_ = true;
        }
    }

    // At most every two seconds unless `now`: a report of many small tensors writes a few times.
    void save(bool now)
    {
        using Clock = std::chrono::steady_clock;
        if (!dirty_ || (!now && Clock::now() - lastSave_ < std::chrono::seconds(2)))
            return;
        nlohmann::json j = { { "version", kCacheVersion }, { "options", key_ }, { "path", stamp_.path },
            { "size", stamp_.files.bytes }, { "mtime", stamp_.files.modified } };
        j["tensors"] = nlohmann::json::object();
        for (const auto& [name, row] : rows_)
            j["tensors"][name] = healthRowJson(row);
        try {
            fs::create_directories(fs::path(report_.cacheFile).parent_path());
            writeStreamAtomically(report_.cacheFile, [&j](std::ostream& out) { out << j.dump(); });
            dirty_ = false;
        } catch (const std::exception& e) {
            report_.cacheNote = std::string("the results could not be cached: ") + e.what();
        }
        lastSave_ = Clock::now();
    }

private:
    HealthReport& report_;
    HealthStamp stamp_;
    std::string key_;
    std::map<std::string, HealthRow> rows_;
    bool dirty_ = false;
    std::chrono::steady_clock::time_point lastSave_ = std::chrono::steady_clock::now();
};

double costOf(const TensorInfo& t, const HealthOptions& o)
{
    const SpectrumMatrix sm = spectrumMatrix(t.shape, ConvLayout::OIHW, std::numeric_limits<int64_t>::max());
    const double k = double(std::min(sm.rows, sm.cols));
    if (k > double(std::min(o.exactMaxSide, kSpectrumMaxSide)))
        return double(t.numel()) * 4.0 * double(o.topK + o.oversample) * double(o.iterations + 1);
    return double(t.numel()) * k + 2.5 * k * k * k; // the Gram matrix, then the eigensolver
}

bool hasSpectrum(const TensorInfo& t) { return (t.shape.size() == 2 || t.shape.size() == 4) && t.numel() > 0; }

} // namespace

std::string HealthOptions::key() const
{
    return "exact<=" + std::to_string(exactMaxSide) + ",top" + std::to_string(topK) + "+" + std::to_string(oversample)
        + ",q" + std::to_string(iterations) + ",seed" + std::to_string(seed);
}

void fitMarchenkoPastur(HealthRow& row, const std::vector<double>& lambda, double frobenius2, bool partial)
{
    if (lambda.empty() || row.rows <= 0 || row.cols <= 0)
        return;
    const double n = double(row.rows), m = double(row.cols);
    const double a = std::sqrt(n) + std::sqrt(m);
    const double edge = a * a;                                             // λ+ / s²
    const double margin = kTracyWidomScales * a * std::cbrt(1 / std::sqrt(n) + 1 / std::sqrt(m)); // / s²
    int64_t count = -1;
    double energy = 0, s2 = 0;
    for (size_t round = 0; round <= lambda.size() + 1; ++round) {
        s2 = std::max(0.0, frobenius2 - energy) / (n * m);
        const double threshold = s2 * (edge + margin);
        int64_t c = 0;
        double e = 0;
        for (double l : lambda)
            if (l > threshold) {
                ++c;
                e += l;
            }
        if (c == count)
            break;
        if (e > kMaxOutlierEnergy * frobenius2) { // no bulk left to speak of: the last count that had one
            if (count < 0)
                count = c;
            break;
        }
        count = c;
        energy = e;
    }
    row.mpVariance = s2;
    row.mpEdge = s2 * edge;
    row.mpSoftRank = lambda.front() > 0 ? row.mpEdge / lambda.front() : kHealthNaN;
    row.outliers = count;
    row.outliersAtLeast = partial && count == int64_t(lambda.size());
}

HealthRow analyseHealth(const ElementSource& source, const std::string& name, const Shape& shape, ConvLayout layout,
    const HealthOptions& options, const CancelCheck& cancel, const std::function<void(double)>& progress)
{
    HealthRow row;
    row.name = name;
    row.shape = shape;
    const SpectrumMatrix sm = spectrumMatrix(shape, layout, std::numeric_limits<int64_t>::max());
    if (source.numel != sm.rows * sm.cols)
        throw Error("the tensor's element count does not match its shape " + shapeToString(shape));
    row.rows = sm.shownRows;
    row.cols = sm.shownCols;
    row.reshaped = sm.reshaped;
    ElementTally tally;
    std::vector<double> lambda;
    const int64_t k = std::min(sm.rows, sm.cols);
    if (k <= std::min(options.exactMaxSide, kSpectrumMaxSide)) {
        const Spectrum s = computeSpectrum(source, shape, layout, cancel, progress, std::ref(tally));
        for (double sigma : s.sigma)
            lambda.push_back(sigma * sigma);
        row.fit = s.fit;
    } else {
        row.method = HealthMethod::Randomized;
        lambda = topEigenvalues(source, sm, options, cancel, progress, tally);
        row.fit = fitPowerLaw(lambda);
    }
    row.eigenvalues = int64_t(lambda.size());
    row.spectralNorm = std::sqrt(lambda.front());
    row.frobenius = std::sqrt(tally.sumSquares);
    row.stableRank = lambda.front() > 0 ? tally.sumSquares / lambda.front() : kHealthNaN;
    row.sparsity = double(tally.zeros) / double(std::max<int64_t>(1, tally.count));
    row.maxAbs = tally.maxAbs;
    fitMarchenkoPastur(row, lambda, tally.sumSquares, row.method == HealthMethod::Randomized);
    return row;
}

HealthReport computeHealth(const WeightFile& file, const std::string& cacheDir, const HealthOptions& options,
    const CancelCheck& cancel, const HealthProgress& progress, const HealthRowDone& rowDone)
{
    HealthReport report;
    report.path = file.path();
    report.format = file.format();
    HealthCache cache(cacheDir, file.path(), options, report);
    const ConvLayout layout = guessConvLayout(file.format());

    std::vector<size_t> chosen;
    std::vector<double> cost;
    double total = 0;
    for (size_t i = 0; i < file.tensors().size(); ++i) {
        const TensorInfo& t = file.tensors()[i];
        if (!hasSpectrum(t)) {
            ++report.otherTensors;
            continue;
        }
        chosen.push_back(i);
        cost.push_back(cache.find(t.name, t.shape) ? 0.0 : costOf(t, options));
        total += cost.back();
    }
    double done = 0;
    for (size_t c = 0; c < chosen.size(); ++c) {
        const TensorInfo& t = file.tensors()[chosen[c]];
        if (cancel && cancel()) {
            cache.save(true);
            throw Cancelled();
        }
        HealthRow row;
        if (const HealthRow* hit = cache.find(t.name, t.shape)) {
            row = *hit;
            row.cached = true;
            ++report.cached;
        } else {
            if (progress)
                progress(total > 0 ? done / total : 1.0, t.name);
            auto step = [&](double f) {
                if (progress)
                    progress(total > 0 ? (done + f * cost[c]) / total : 1.0, t.name);
            };
            try {
                row = analyseHealth(tensorSource(file, chosen[c]), t.name, t.shape, layout, options, cancel, step);
                cache.put(row);
            } catch (const Cancelled&) {
                cache.save(true);
                throw;
            } catch (const Error& e) {
                row = HealthRow {};
                row.name = t.name;
                row.shape = t.shape;
                row.error = e.what();
                ++report.failed;
            }
            file.releaseTensor(chosen[c]); // resident memory: the matrix in hand, not the file
            done += cost[c];
            cache.save(false);
        }
        report.randomized += row.method == HealthMethod::Randomized;
        report.rows.push_back(row);
        if (rowDone)
            rowDone(report.rows.back(), report.rows.size() - 1);
    }
    cache.save(true);
    if (progress)
        progress(1.0, "");
    return report;
}

std::string defaultHealthCacheDir()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute()) // the spec says relative values are invalid
        return (fs::path(xdg) / "weightscope" / "health").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : ".") / ".cache" / "weightscope" / "health").string();
}

std::string healthMethodText(const HealthRow& row)
{
    return row.method == HealthMethod::Exact ? "exact" : "randomized, top " + std::to_string(row.eigenvalues);
}

nlohmann::json healthRowJson(const HealthRow& r)
{
    nlohmann::json j = { { "name", r.name }, { "shape", r.shape } };
    if (!r.error.empty()) {
        j["error"] = r.error;
        return j;
    }
    j.update({ { "rows", r.rows }, { "cols", r.cols }, { "reshaped", r.reshaped },
        { "method", r.method == HealthMethod::Exact ? "exact" : "randomized" }, { "eigenvalues", r.eigenvalues },
        { "alpha", r.fit.valid ? number(r.fit.alpha) : nlohmann::json(nullptr) },
        { "alpha_xmin", r.fit.valid ? number(r.fit.xmin) : nlohmann::json(nullptr) },
        { "alpha_ks", r.fit.valid ? number(r.fit.ks) : nlohmann::json(nullptr) }, { "alpha_tail", r.fit.tailCount },
        { "alpha_note", r.fit.note }, { "spectral_norm", number(r.spectralNorm) }, { "frobenius_norm", number(r.frobenius) },
        { "stable_rank", number(r.stableRank) }, { "mp_variance", number(r.mpVariance) }, { "mp_edge", number(r.mpEdge) },
        { "mp_soft_rank", number(r.mpSoftRank) }, { "outliers", r.outliers }, { "outliers_at_least", r.outliersAtLeast },
        { "sparsity", number(r.sparsity) }, { "max_abs", number(r.maxAbs) } });
    return j;
}

HealthRow healthRowFromJson(const nlohmann::json& j)
{
    // Every integer checked before nlohmann casts it (a damaged cache must not be undefined behaviour).
    const auto integer = [&](const char* key) {
        if (!j.at(key).is_number_integer() || !numbersFit<int64_t>(j.at(key)))
            throw std::runtime_error(std::string("\"") + key + "\" is not an integer");
        return j.at(key).get<int64_t>();
    };
    HealthRow r;
    r.name = j.at("name").get<std::string>();
    if (!numbersFit<Shape>(j.at("shape")))
        throw std::runtime_error("\"shape\" holds a number that is not a dimension");
    r.shape = j.at("shape").get<Shape>();
    if (j.contains("error")) {
        r.error = j.at("error").get<std::string>();
        return r;
    }
    r.rows = integer("rows");
    r.cols = integer("cols");
    r.reshaped = j.at("reshaped").get<bool>();
    r.method = j.at("method").get<std::string>() == "exact" ? HealthMethod::Exact : HealthMethod::Randomized;
    r.eigenvalues = integer("eigenvalues");
    r.fit.valid = j.at("alpha").is_number();
    r.fit.alpha = numberFrom(j.at("alpha"));
    r.fit.xmin = numberFrom(j.at("alpha_xmin"));
    r.fit.ks = numberFrom(j.at("alpha_ks"));
    r.fit.tailCount = integer("alpha_tail");
    r.fit.note = j.at("alpha_note").get<std::string>();
    r.spectralNorm = numberFrom(j.at("spectral_norm"));
    r.frobenius = numberFrom(j.at("frobenius_norm"));
    r.stableRank = numberFrom(j.at("stable_rank"));
    r.mpVariance = numberFrom(j.at("mp_variance"));
    r.mpEdge = numberFrom(j.at("mp_edge"));
    r.mpSoftRank = numberFrom(j.at("mp_soft_rank"));
    r.outliers = integer("outliers");
    r.outliersAtLeast = j.at("outliers_at_least").get<bool>();
    r.sparsity = numberFrom(j.at("sparsity"));
    r.maxAbs = numberFrom(j.at("max_abs"));
    return r;
}

nlohmann::json healthReportJson(const HealthReport& report)
{
    nlohmann::json j = { { "file", report.path }, { "format", report.format }, { "tensors_analysed", report.rows.size() },
        { "tensors_of_other_ranks", report.otherTensors }, { "randomized", report.randomized },
        { "from_cache", report.cached }, { "failed", report.failed } };
    j["rows"] = nlohmann::json::array();
    for (const HealthRow& r : report.rows) {
        nlohmann::json e = healthRowJson(r);
        e["cached"] = r.cached;
        j["rows"].push_back(e);
    }
    return j;
}

void writeHealthCsv(std::ostream& out, const HealthReport& report)
{
    out << "name,shape,rows,cols,method,eigenvalues,alpha,alpha_xmin,alpha_tail,spectral_norm,frobenius_norm,"
           "stable_rank,mp_variance,mp_edge,mp_soft_rank,outliers,sparsity,max_abs,error\n";
    auto num = [](double v) {
        if (!std::isfinite(v))
            return std::string();
        std::ostringstream s;
        s.precision(9);
        s << v;
        return s.str();
    };
    for (const HealthRow& r : report.rows) {
        out << csvQuote(r.name) << "," << csvQuote(shapeToString(r.shape)) << ",";
        if (!r.error.empty()) {
            out << ",,,,,,,,,,,,,,,," << csvQuote(r.error) << "\n";
            continue;
        }
        out << r.rows << "," << r.cols << "," << csvQuote(healthMethodText(r)) << "," << r.eigenvalues << ","
            << (r.fit.valid ? num(r.fit.alpha) : "") << "," << (r.fit.valid ? num(r.fit.xmin) : "") << ","
            << (r.fit.valid ? std::to_string(r.fit.tailCount) : "") << "," << num(r.spectralNorm) << ","
            << num(r.frobenius) << "," << num(r.stableRank) << "," << num(r.mpVariance) << "," << num(r.mpEdge) << ","
            << num(r.mpSoftRank) << "," << (r.outliersAtLeast ? ">=" : "") << r.outliers << "," << num(r.sparsity)
            << "," << num(r.maxAbs) << ",\n";
    }
}

} // namespace ws
