// SPDX-License-Identifier: GPL-3.0-or-later
// A pair of arrays into a Dataset (data/ArrayDataset.h): the checks every array format shares.
#include "data/ArrayDataset.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace ws {

namespace {

int64_t sampleSize(const Shape& s)
{
    int64_t n = 1;
    for (size_t i = 1; i < s.size(); ++i)
        n *= s[i];
    return n;
}

// Where element `i` of a (N, ...) array lies, for messages: "sample 3, element 17".
std::string place(int64_t i, int64_t perSample)
{
    if (perSample <= 1)
        return "sample " + std::to_string(i);
    return "sample " + std::to_string(i / perSample) + ", element " + std::to_string(i % perSample);
}

std::string number(float v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

bool isNumeric(ArrayKind k) { return k != ArrayKind::Other; }

Tensor readFeatures(const ArrayHandle& a)
{
    const ArrayInfo& info = a.info;
    if (!isNumeric(info.kind))
        throw FormatError(a.where + ": the features have type " + info.typeName + "; expected numbers");
    if (info.shape.empty())
        throw FormatError(a.where + ": the features are a single value; expected an array (N, ...) of samples");
    Shape shape = info.shape;
    if (shape.size() == 1)
        shape.push_back(1); // one feature per sample
    else if (shape.size() == 3)
        shape.push_back(1); // grey images (N, H, W): a channel axis, as IDX images get
    Tensor x(shape);
    a.readAll(x.data());
    const int64_t perSample = sampleSize(shape);
    const float* p = x.data();
    for (int64_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(p[i]))
            throw FormatError(a.where + ": " + number(p[i]) + " at " + place(i, perSample)
                + "; the features must be finite numbers");
    if (info.kind == ArrayKind::Unsigned && info.elementBytes == 1)
        for (int64_t i = 0; i < x.size(); ++i)
            x.data()[i] *= 1.0f / 255.0f; // pixels, scaled as IDX images are
    return x;
}

void readClasses(const ArrayHandle& a, int64_t n, Dataset& out)
{
    const ArrayInfo& info = a.info;
    const Shape& s = info.shape;
    const bool oneHot = s.size() == 2 && s[1] > 1;
    if (!(s.size() == 1 || (s.size() == 2 && s[1] >= 1)))
        throw FormatError(a.where + ": labels of shape " + shapeToString(s)
            + "; expected class indices (N) or (N, 1), or one-hot rows (N, K)");
    if (oneHot && s[1] > kMaxArrayClasses)
        throw FormatError(a.where + ": one-hot rows of " + std::to_string(s[1]) + " classes; at most "
            + std::to_string(kMaxArrayClasses) + " are supported");
    std::vector<float> values(size_t(n * (oneHot ? s[1] : 1)));
    a.readAll(values.data());
    out.labels.resize(size_t(n));
    int32_t most = -1;
    if (oneHot) {
        const int64_t k = s[1];
        for (int64_t i = 0; i < n; ++i) {
            int32_t hot = -1;
            for (int64_t c = 0; c < k; ++c) {
                const float v = values[size_t(i * k + c)];
                if (v == 1.0f && hot < 0)
                    hot = int32_t(c);
                else if (v != 0.0f)
                    throw FormatError(a.where + ": row " + std::to_string(i) + " is not one-hot (" + number(v)
                        + " in column " + std::to_string(c) + "); expected a single 1 among 0s");
            }
            if (hot < 0)
                throw FormatError(a.where + ": row " + std::to_string(i) + " is all zeros; expected a single 1");
            out.labels[size_t(i)] = hot;
        }
        out.numClasses = int(k);
        return;
    }
    for (int64_t i = 0; i < n; ++i) {
        const float v = values[size_t(i)];
        if (!std::isfinite(v) || v != std::floor(v))
            throw FormatError(a.where + ": label " + number(v) + " of sample " + std::to_string(i)
                + " is not a class index (a whole number); for numeric targets train a regression");
        if (v < 0.0f || v >= float(kMaxArrayClasses))
            throw FormatError(a.where + ": label " + number(v) + " of sample " + std::to_string(i)
                + " is outside 0.." + std::to_string(kMaxArrayClasses - 1) + "; classes are numbered 0, 1, 2, ...");
        out.labels[size_t(i)] = int32_t(v);
        most = std::max(most, out.labels[size_t(i)]);
    }
    out.numClasses = std::max(1, int(most) + 1);
}

void readTargets(const ArrayHandle& a, int64_t n, Dataset& out)
{
    const Shape& s = a.info.shape;
    if (s.size() != 1 && s.size() != 2)
        throw FormatError(a.where + ": targets of shape " + shapeToString(s) + "; expected (N) or (N, K)");
    const int64_t k = s.size() == 2 ? s[1] : 1;
    out.targets = Tensor({ n, k });
    a.readAll(out.targets.data());
    for (int64_t i = 0; i < out.targets.size(); ++i)
        if (!std::isfinite(out.targets[i]))
            throw FormatError(a.where + ": " + number(out.targets[i]) + " at " + place(i, k)
                + "; the targets must be finite numbers");
}

} // namespace

const std::vector<std::pair<std::string, std::string>>& defaultArrayPairs()
{
    static const std::vector<std::pair<std::string, std::string>> pairs { { "x", "y" }, { "X", "y" },
        { "images", "labels" }, { "data", "label" }, { "x_train", "y_train" } };
    return pairs;
}

std::string describeArrays(const std::vector<ArrayInfo>& arrays)
{
    std::string s;
    for (const ArrayInfo& a : arrays) {
        if (!s.empty())
            s += ", ";
        s += a.name + " " + shapeToString(a.shape) + " " + a.typeName;
    }
    return s.empty() ? "none" : s;
}

std::pair<std::string, std::string> chooseArrayPair(const std::vector<ArrayInfo>& arrays,
    const std::string& features, const std::string& labels, const std::string& file)
{
    // Names match with or without HDF5's leading '/'.
    const auto strip = [](const std::string& n) { return n.starts_with('/') ? n.substr(1) : n; };
    const auto find = [&](const std::string& name) -> const ArrayInfo* {
        for (const ArrayInfo& a : arrays)
            if (strip(a.name) == strip(name))
                return &a;
        return nullptr;
    };
    if (!features.empty() || !labels.empty()) {
        std::string f = features, l = labels;
        // Only one named: the other half of a default pair that holds it.
        for (const auto& [df, dl] : defaultArrayPairs()) {
            if (f.empty() && strip(dl) == strip(l) && find(df))
                f = df;
            if (l.empty() && strip(df) == strip(f) && find(dl))
                l = dl;
        }
        const auto need = [&](const std::string& n, const std::string& role) {
            const ArrayInfo* a = n.empty() ? nullptr : find(n);
            if (!a)
                throw ConfigError(file + ": no " + role + " array" + (n.empty() ? std::string() : " '" + n + "'")
                    + "; the file holds " + describeArrays(arrays));
            return a->name;
        };
        return { need(f, "features"), need(l, "labels") };
    }
    for (const auto& [f, l] : defaultArrayPairs()) {
        const ArrayInfo* a = find(f);
        const ArrayInfo* b = find(l);
        if (a && b)
            return { a->name, b->name };
    }
    throw ConfigError(file + ": no features/labels pair with a default name (x/y, X/y, images/labels, data/label, "
                             "x_train/y_train); name them (--features, --labels); the file holds "
        + describeArrays(arrays));
}

Dataset makeArrayDataset(const ArrayHandle& features, const ArrayHandle& labels, bool regression, std::string name)
{
    const Shape& fs = features.info.shape;
    const Shape& ls = labels.info.shape;
    if (!isNumeric(labels.info.kind))
        throw FormatError(labels.where + ": the labels have type " + labels.info.typeName + "; expected numbers");
    if (ls.empty())
        throw FormatError(labels.where + ": the labels are a single value; expected one per sample (N)");
    if (!fs.empty() && ls[0] != fs[0])
        throw FormatError(labels.where + ": holds " + std::to_string(ls[0]) + " labels but " + features.where
            + " holds " + std::to_string(fs[0]) + " samples");
    Dataset d;
    d.name = std::move(name);
    // The labels are small: read and check them before the features are allocated.
    const int64_t n = ls[0];
    if (regression)
        readTargets(labels, n, d);
    else
        readClasses(labels, n, d);
    d.x = readFeatures(features);
    return d;
}

} // namespace ws
