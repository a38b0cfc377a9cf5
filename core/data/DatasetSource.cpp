// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DatasetSource.h"

#include "data/Csv.h"
#include "data/Hdf5Dataset.h"
#include "data/Idx.h"
#include "data/NumpyDataset.h"
#include "data/Playground.h"
#include "data/Split.h"
#include "util/Error.h"
#include "util/JsonNumbers.h"

#include <nlohmann/json.hpp>

namespace ws {

nlohmann::json DatasetSource::toJson() const
{
    return { { "name", name }, { "labels", labels }, { "features", features }, { "label_column", labelColumn }, { "regression", regression },
        { "samples", samples }, { "noise", noise }, { "test_fraction", testFraction }, { "seed", seed },
        { "train_limit", trainLimit } };
}

DatasetSource DatasetSource::fromJson(const nlohmann::json& j)
{
    DatasetSource s;
    try {
        if (j.is_string()) {
            s.name = j.get<std::string>();
            return s;
        }
        s.name = valueChecked(j, "name", s.name);
        s.labels = valueChecked(j, "labels", s.labels);
        s.features = valueChecked(j, "features", s.features);
        s.labelColumn = valueChecked(j, "label_column", s.labelColumn);
        s.regression = valueChecked(j, "regression", s.regression);
        s.samples = valueChecked(j, "samples", s.samples);
        s.noise = valueChecked(j, "noise", s.noise);
        s.testFraction = valueChecked(j, "test_fraction", s.testFraction);
        s.seed = valueChecked(j, "seed", s.seed);
        s.trainLimit = valueChecked(j, "train_limit", s.trainLimit);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("dataset config: ") + e.what());
    }
    return s;
}

namespace {

std::string describe(const std::string& name, const LoadedData& d)
{
    std::string s = name + ": " + std::to_string(d.train.size()) + " train, " + std::to_string(d.test.size())
        + " test, samples " + shapeToString(d.train.sampleShape());
    if (d.train.isClassification())
        s += ", " + std::to_string(d.train.numClasses) + " classes";
    else
        s += ", regression";
    return s;
}

} // namespace

namespace {

LoadedData loadAll(const DatasetSource& source);

} // namespace

LoadedData loadDatasetSource(const DatasetSource& source)
{
    LoadedData out = loadAll(source);
    if (source.trainLimit > 0 && source.trainLimit < out.train.size()) {
        std::vector<int64_t> first(static_cast<size_t>(source.trainLimit));
        for (size_t i = 0; i < first.size(); ++i)
            first[i] = int64_t(i);
        out.train = out.train.subset(first);
        out.description = describe(source.name, out) + " (training limited to the first "
            + std::to_string(source.trainLimit) + ")";
    }
    return out;
}

namespace {

LoadedData loadAll(const DatasetSource& source)
{
    LoadedData out;
    if (source.name == "fashion-mnist") {
        out.train = loadFashionMnist("train");
        out.test = loadFashionMnist("test");
        out.description = describe(source.name, out);
        return out;
    }
    Dataset all;
    double fraction = source.testFraction;
    bool playground = false;
    try {
        const PlaygroundKind kind = parsePlaygroundKind(source.name);
        all = makePlaygroundDataset(kind, source.samples, source.noise, source.seed);
        playground = true;
    } catch (const ConfigError&) {
        if (source.name.ends_with(".csv") || source.name.ends_with(".tsv") || source.name.ends_with(".txt")) {
            CsvOptions options;
            options.labelColumn = source.labelColumn;
            options.regression = source.regression;
            if (source.name.ends_with(".tsv"))
                options.delimiter = '\t';
            all = readCsv(source.name, options);
        } else if (isHdf5Path(source.name)) {
            all = readHdf5Dataset(source.name, source.features, source.labels, source.regression);
        } else if (source.name.ends_with(".npz")) {
            all = readNpzDataset(source.name, source.features, source.labels, source.regression);
        } else if (source.name.ends_with(".npy")) {
            all = readNpyDataset(source.name, source.labels, source.regression);
        } else if (!source.labels.empty()) {
            all = readIdxDataset(source.name, source.labels);
        } else {
            throw ConfigError("unknown dataset '" + source.name
                + "': use fashion-mnist, " + enumNameList<PlaygroundKind>()
                + ", a .csv file, an HDF5 (.h5) or NumPy (.npz, .npy) file, or an IDX images file with a labels file");
        }
    }
    if (fraction < 0)
        fraction = playground ? 0.5 : 0.2;
    auto [train, test] = splitDataset(all, fraction, source.seed ^ 0x7e57ULL);
    out.train = std::move(train);
    out.test = std::move(test);
    out.description = describe(source.name, out);
    return out;
}

} // namespace

} // namespace ws
