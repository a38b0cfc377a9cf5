// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets of arrays: HDF5 files written by h5py and .npz/.npy files written by NumPy
// (tools/make_dataset_reference.py, tests/data/datasets/) read into the dataset the script
// recorded; the names chosen; bad pairs refused with messages naming file, array and sample.
// (Hostile files of this kind are in tests/data/bad/ds-*, run by test_hostile.)
#include "data/DatasetSource.h"
#include "data/Hdf5Dataset.h"
#include "data/NumpyDataset.h"
#include "run/DatasetFingerprint.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/datasets/";

const nlohmann::json& expected()
{
    static const nlohmann::json j = [] {
        std::ifstream in(kDir + "expected.json");
        return nlohmann::json::parse(in);
    }();
    return j;
}

// Compares `d` with what NumPy wrote into expected.json for `file`.
void expectMatches(const Dataset& d, const std::string& file)
{
    const nlohmann::json& e = expected().at(file);
    Shape shape { e.at("shape").get<std::vector<int64_t>>() };
    ASSERT_EQ(d.x.shape(), shape) << file;
    const auto x = e.at("x").get<std::vector<float>>();
    ASSERT_EQ(size_t(d.x.size()), x.size()) << file;
    for (size_t i = 0; i < x.size(); ++i)
        ASSERT_EQ(d.x[int64_t(i)], x[i]) << file << " element " << i;
    EXPECT_EQ(d.numClasses, e.at("classes").get<int>()) << file;
    if (e.contains("labels")) {
        EXPECT_EQ(d.labels, e.at("labels").get<std::vector<int32_t>>()) << file;
    }
    if (e.contains("targets")) {
        const auto t = e.at("targets").get<std::vector<float>>();
        ASSERT_EQ(size_t(d.targets.size()), t.size()) << file;
        for (size_t i = 0; i < t.size(); ++i)
            EXPECT_EQ(d.targets[int64_t(i)], t[i]) << file << " target " << i;
    }
    EXPECT_NO_THROW(d.validate()) << file;
}

template <class F> std::string errorOf(F f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST(Hdf5Dataset, ReadsUint8ImagesScaledWithAChannelAxis)
{
    expectMatches(readHdf5Dataset(kDir + "images.h5"), "images.h5");
}

TEST(Hdf5Dataset, ReadsNamedCompressedDatasetsInGroups)
{
    expectMatches(readHdf5Dataset(kDir + "nested.h5", "train/features", "/train/target"), "nested.h5");
}

TEST(Hdf5Dataset, ListsEveryDatasetWithShapeAndType)
{
    const std::vector<ArrayInfo> arrays = listHdf5Arrays(kDir + "images.h5");
    EXPECT_EQ(describeArrays(arrays), "/extra/weights (5, 2) float32, /names (3,) string, /x (12, 4, 4) uint8, /y (12,) int64");
}

TEST(Hdf5Dataset, NamesTheArraysThereAreWhenAskedForAMissingOne)
{
    const std::string m = errorOf([] { readHdf5Dataset(kDir + "images.h5", "pixels", "y"); });
    EXPECT_NE(m.find("images.h5: no features array 'pixels'"), std::string::npos) << m;
    EXPECT_NE(m.find("/x (12, 4, 4) uint8"), std::string::npos) << m;
    // Without names, a file with no default pair lists its datasets too.
    const std::string none = errorOf([] { readHdf5Dataset(kDir + "nested.h5"); });
    EXPECT_NE(none.find("/train/features (10, 3) float64"), std::string::npos) << none;
}

TEST(Hdf5Dataset, FindsTheOtherHalfOfADefaultPair)
{
    expectMatches(readHdf5Dataset(kDir + "images.h5", "x", ""), "images.h5");
    expectMatches(readHdf5Dataset(kDir + "images.h5", "", "y"), "images.h5");
}

TEST(Hdf5Dataset, RefusesWhatIsNotHdf5)
{
    const std::string m = errorOf([] { readHdf5Dataset(kDir + "pair.npz"); });
    EXPECT_NE(m.find("pair.npz: not an HDF5 file"), std::string::npos) << m;
}

TEST(NumpyDataset, ReadsAnNpzWithTheDefaultPairAndMaxPlusOneClasses)
{
    expectMatches(readNpzDataset(kDir + "pair.npz"), "pair.npz");
}

TEST(NumpyDataset, ReadsOneHotLabelsFromACompressedNpz)
{
    expectMatches(readNpzDataset(kDir + "onehot.npz"), "onehot.npz");
}

TEST(NumpyDataset, ReadsRegressionTargets)
{
    expectMatches(readNpzDataset(kDir + "regression.npz", "", "", true), "regression.npz");
}

TEST(NumpyDataset, ReadsAPairOfNpyFilesFortranOrderAndBooleanLabels)
{
    expectMatches(readNpyDataset(kDir + "features.npy", kDir + "labels.npy"), "features.npy");
}

TEST(NumpyDataset, RefusesFloatRowsAsLabelsNamingTheFile)
{
    // (9, 4) floats as labels read as one-hot rows, which they are not.
    const std::string m = errorOf([] { readNpyDataset(kDir + "labels.npy", kDir + "features.npy"); });
    EXPECT_NE(m.find("features.npy: row 0 is not one-hot"), std::string::npos) << m;
    const std::string none = errorOf([] { readNpyDataset(kDir + "features.npy", ""); });
    EXPECT_NE(none.find("needs a .npy labels file"), std::string::npos) << none;
}

TEST(NumpyDataset, ListsTheArraysOfAnArchive)
{
    EXPECT_EQ(describeArrays(listNumpyArrays(kDir + "pair.npz")), "X (8, 2) float32, y (8,) int32, note (3,) int64");
}

TEST(DatasetSource, LoadsHdf5AndNumpyFilesWithTheirSplitAndAStableFingerprint)
{
    for (const char* file : { "images.h5", "pair.npz" }) {
        DatasetSource s;
        s.name = kDir + file;
        s.testFraction = 0.25;
        const LoadedData a = loadDatasetSource(s);
        EXPECT_EQ(a.train.size() + a.test.size(), expected().at(file).at("shape")[0].get<int64_t>()) << file;
        EXPECT_NE(a.description.find("classes"), std::string::npos) << a.description;
        const LoadedData b = loadDatasetSource(DatasetSource::fromJson(s.toJson()));
        EXPECT_EQ(datasetSha256(a.train, a.test), datasetSha256(b.train, b.test)) << file;
    }
    DatasetSource named;
    named.name = kDir + "nested.h5";
    named.features = "train/features";
    named.labels = "train/target";
    const DatasetSource back = DatasetSource::fromJson(named.toJson());
    EXPECT_EQ(back.features, "train/features");
    EXPECT_EQ(loadDatasetSource(back).train.numClasses, 4);
    DatasetSource pair;
    pair.name = kDir + "features.npy";
    pair.labels = kDir + "labels.npy";
    EXPECT_EQ(loadDatasetSource(pair).train.numClasses, 2);
}
