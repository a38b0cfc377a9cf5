// SPDX-License-Identifier: GPL-3.0-or-later
// TensorBoard event files read as runs (#19): the real Keras logs in ../shared/data/tensorboard/
// against values decoded by tools/make_tensorboard_reference.py with Python's protobuf runtime
// from the same .proto, and logs that script wrote the way PyTorch's SummaryWriter and TF2 do.
#include "run/RunCsv.h"
#include "run/RunOutcome.h"
#include "run/RunParameters.h"
#include "run/RunScalars.h"
#include "run/RunStore.h"
#include "run/TensorBoardEvents.h"
#include "run/TensorBoardRuns.h"
#include "run/TfRecord.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ws;

namespace {

const std::string kTb = std::string(WS_TEST_DATA_DIR) + "/tensorboard";

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

// A series' point count and first step as the reference lists them.
template <class Series> void expectHead(const Series& s, const nlohmann::json& want, const std::string& where)
{
    ASSERT_EQ(s.size(), want["count"].get<size_t>()) << where;
    EXPECT_EQ(s.step.front(), want["first_step"].get<int64_t>()) << where;
}

const RunInfo* runNamed(const RunListing& list, const std::string& name)
{
    for (const RunInfo& r : list.runs)
        if (r.header.name == name)
            return &r;
    return nullptr;
}

} // namespace

TEST(TfRecord, Crc32cMatchesTheStandardCheckValue)
{
    const std::string s = "123456789"; // RFC 3720's check value for CRC-32C
    EXPECT_EQ(crc32c(reinterpret_cast<const uint8_t*>(s.data()), s.size()), 0xe3069283u);
}

TEST(TensorBoardKeras, EveryRunsScalarsMatchPythonsDecoding)
{
    if (!fs::is_directory(WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial"))
        GTEST_SKIP() << WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial is missing: the real Keras logs are not here";
    const std::string root = WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial";
    const nlohmann::json ref = readJson(kTb + "/keras_reference.json");
    const std::vector<std::string> runs = findTensorBoardRuns(root);
    ASSERT_EQ(runs.size(), ref.size());
    for (const std::string& dir : runs) {
        const std::string name = fs::path(dir).lexically_relative(root).generic_string();
        ASSERT_TRUE(ref.contains(name)) << name;
        const nlohmann::json& want = ref[name];
        const TensorBoardData d = readTensorBoardData(dir);
        EXPECT_TRUE(d.warnings.empty()) << name << ": " << (d.warnings.empty() ? "" : d.warnings.front());
        EXPECT_EQ(d.skippedRecords, 0u) << name;
        ASSERT_EQ(d.scalars.size(), want["scalars"].size()) << name;
        for (const auto& [tag, w] : want["scalars"].items()) {
            ASSERT_TRUE(d.scalars.count(tag)) << name << ": tag " << tag;
            const ScalarSeries& s = d.scalars.at(tag);
            expectHead(s, w, name + ": " + tag);
            if (s.size() != w["count"].get<size_t>())
                continue;
            EXPECT_EQ(s.step.back(), w["last_step"].get<int64_t>()) << name << ": " << tag;
            double sum = 0;
            for (double v : s.value)
                sum += v;
            EXPECT_NEAR(sum, w["sum"].get<double>(), 1e-9 * std::max(1.0, std::abs(sum))) << name << ": " << tag;
            for (const auto& p : w["points"]) {
                const size_t i = p[0].get<size_t>();
                EXPECT_EQ(s.step[i], p[1].get<int64_t>()) << name << ": " << tag << " point " << i;
                EXPECT_DOUBLE_EQ(s.wallTime[i], p[2].get<double>()) << name << ": " << tag << " point " << i;
                EXPECT_EQ(s.value[i], p[3].get<double>()) << name << ": " << tag << " point " << i; // float32, exactly
            }
        }
        ASSERT_EQ(d.histograms.size(), want["histograms"].size()) << name;
        for (const auto& [tag, w] : want["histograms"].items()) {
            ASSERT_TRUE(d.histograms.count(tag)) << name << ": histogram " << tag;
            const HistogramSeries& h = d.histograms.at(tag);
            expectHead(h, w, name + ": " + tag);
            if (h.size() != w["count"].get<size_t>())
                continue;
            double total = 0;
            ASSERT_EQ(h.buckets.front().size() % 3, 0u) << name << ": " << tag;
            for (size_t k = 2; k < h.buckets.front().size(); k += 3)
                total += h.buckets.front()[k];
            EXPECT_DOUBLE_EQ(total, w["first_total"].get<double>()) << name << ": " << tag;
        }
        EXPECT_EQ(d.hparams, want["hparams"]) << name;
        EXPECT_EQ(nlohmann::json(d.experimentMetrics), want["metrics"]) << name;
    }
}

TEST(TensorBoardKeras, FolderListsOneRunPerDirectoryWithHyperParametersAndMetric)
{
    if (!fs::is_directory(WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial"))
        GTEST_SKIP() << WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial is missing: the real Keras logs are not here";
    const RunListing list = scanRuns(WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial");
    EXPECT_TRUE(list.errors.empty());
    EXPECT_EQ(list.runs.size(), 21u);
    const RunInfo* session = runNamed(list, "hparam_tuning/Experiment 1_rmsprop_200_0.2");
    ASSERT_NE(session, nullptr);
    EXPECT_EQ(session->header.config["hparams"]["optimizer"], "rmsprop");
    EXPECT_EQ(session->header.config["hparams"]["units"], 200.0);
    // The experiment one folder up names "accuracy" as its metric: the session's final value.
    const nlohmann::json ref = readJson(kTb + "/keras_reference.json");
    ASSERT_TRUE(session->final.is_object());
    EXPECT_EQ(session->final["accuracy"].get<double>(),
        ref["hparam_tuning/Experiment 1_rmsprop_200_0.2"]["scalars"]["accuracy"]["last"].get<double>());
    bool shown = false;
    for (const RunParameter& p : runParameters(*session))
        shown |= p.key == "hparams.dropout" && p.value == 0.2;
    EXPECT_TRUE(shown) << "hparams.dropout is not among the run's parameters";

    const RunInfo* train = runNamed(list, "logs/imdb-model-1690485351/train");
    ASSERT_NE(train, nullptr);
    EXPECT_EQ(train->epochsCompleted, 20);
    EXPECT_EQ(train->header.tags, std::vector<std::string> { "tensorboard" });
    const RunHistory epochs = readRunHistory(train->path, HistoryKind::Epoch);
    const auto& want = ref["logs/imdb-model-1690485351/train"]["scalars"];
    ASSERT_EQ(epochs.size(), 20u);
    EXPECT_EQ(epochs.loss.back(), want["epoch_loss"]["last"].get<double>());
    EXPECT_EQ(epochs.accuracy.front(), want["epoch_accuracy"]["points"][0][3].get<double>());
    EXPECT_EQ(epochs.epoch.back(), 20.0);
}

// The outcomes the Importance and parallel-coordinates views offer (#19 item 4): every tag of every
// real Keras run, its final value and its best minimised and maximised with their steps, as NumPy
// computes them (nanmin, nanargmin, ...) from Python's decoding. The hparam sessions' batch_loss
// and batch_accuracy have 15,000 points each, and batch_accuracy reaches 1.0 many times: the
// step is the first.
TEST(TensorBoardKeras, OutcomesMatchNumPyOnEveryTag)
{
    if (!fs::is_directory(WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial"))
        GTEST_SKIP() << WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial is missing: the real Keras logs are not here";
    const std::string root = WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial";
    const nlohmann::json ref = readJson(kTb + "/keras_reference.json");
    size_t tags = 0, differing = 0;
    for (const auto& [name, run] : ref.items()) {
        const RunOutcomes got = runOutcomes(readRunScalars(root + "/" + name));
        ASSERT_EQ(got.size(), run["scalars"].size()) << name;
        for (const auto& [tag, want] : run["scalars"].items()) {
            const std::string where = name + " " + tag;
            ASSERT_TRUE(got.count(tag)) << where;
            const SeriesOutcome& o = got.at(tag);
            const nlohmann::json& w = want["outcomes"];
            EXPECT_EQ(o.points, want["count"].get<size_t>()) << where;
            EXPECT_EQ(o.value(OutcomeStatistic::Final), w["final"].get<double>()) << where;
            EXPECT_EQ(o.value(OutcomeStatistic::Minimum), w["min"].get<double>()) << where;
            EXPECT_EQ(o.value(OutcomeStatistic::Maximum), w["max"].get<double>()) << where;
            EXPECT_EQ(o.minimumStep, w["min_step"].get<int64_t>()) << where;
            EXPECT_EQ(o.maximumStep, w["max_step"].get<int64_t>()) << where;
            EXPECT_EQ(o.finalStep, want["last_step"].get<int64_t>()) << where;
            ++tags;
            differing += o.final != o.minimum && o.final != o.maximum;
        }
    }
    EXPECT_EQ(tags, 59u);
    EXPECT_GT(differing, 5u); // the final value is not always a best: the statistics are not one number
}

TEST(RunOutcome, NanIsSkippedByTheBestButIsAFinalValue)
{
    ScalarSeries s;
    s.step = { 1, 2, 3, 4 };
    s.wallTime = { 0, 0, 0, 0 };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.value = { nan, 0.5, 0.25, nan };
    const SeriesOutcome o = seriesOutcome(s);
    EXPECT_TRUE(std::isnan(o.final));
    EXPECT_EQ(o.minimum, 0.25);
    EXPECT_EQ(o.minimumStep, 3);
    EXPECT_EQ(o.maximum, 0.5);
    EXPECT_EQ(o.maximumStep, 2);
    s.value = { nan, nan, nan, nan };
    EXPECT_TRUE(std::isnan(seriesOutcome(s).minimum));
    EXPECT_EQ(seriesOutcome(ScalarSeries {}).points, 0u);

    // A table column: NaN is null, and the column counts as differing only when values do.
    ParameterTable t;
    t.values.assign(3, {});
    const ParameterTable with = withOutcomeColumn(t, outcomeKey("loss", OutcomeStatistic::Minimum), { 1.0, nan, 1.0 });
    EXPECT_EQ(with.keys.back(), "loss (best, min)");
    EXPECT_TRUE(with.outcome.back());
    EXPECT_TRUE(with.differs.back());
    EXPECT_TRUE(with.values[1].back().is_null());
    EXPECT_FALSE(withOutcomeColumn(t, "x", { 2.0, 2.0, 2.0 }).differs.back());
}

// The stamp that says a run must be read again: a record's file, a TensorBoard run's event files.
TEST(RunOutcome, FileStampChangesWhenARunGrows)
{
    const fs::path dir = fs::temp_directory_path() / ("ws-stamp-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    EXPECT_EQ(runFileStamp(dir.string()).files, 0u);
    { std::ofstream(dir / "events.out.tfevents.1.host") << "abc"; }
    { std::ofstream(dir / "notes.txt") << "not an event file"; }
    const RunFileStamp first = runFileStamp(dir.string());
    EXPECT_EQ(first.files, 1u);
    EXPECT_EQ(first.bytes, 3u);
    { std::ofstream(dir / "events.out.tfevents.1.host", std::ios::app) << "de"; }
    EXPECT_EQ(runFileStamp(dir.string()).bytes, 5u);
    EXPECT_FALSE(runFileStamp(dir.string()) == first);
    EXPECT_EQ(runFileStamp((dir / "gone.h5").string()), RunFileStamp {});
    fs::remove_all(dir);
}

TEST(TensorBoardWriter, RestartMergesByStepAndTheLaterWallTimeWins)
{
    const nlohmann::json ref = readJson(kTb + "/writer_reference.json")["pt"];
    const TensorBoardData d = readTensorBoardData(kTb + "/writer/pt");
    EXPECT_EQ(d.files.size(), 2u);
    ASSERT_TRUE(d.scalars.count("loss"));
    const ScalarSeries& s = d.scalars.at("loss");
    ASSERT_EQ(s.size(), ref["loss"].size());
    for (size_t i = 0; i < s.size(); ++i) {
        EXPECT_EQ(s.step[i], ref["loss"][i][0].get<int64_t>()) << "point " << i;
        EXPECT_EQ(s.value[i], double(float(ref["loss"][i][1].get<double>()))) << "step " << s.step[i];
    }
    ASSERT_TRUE(d.histograms.count("weights/w"));
    const HistogramSeries& h = d.histograms.at("weights/w");
    ASSERT_EQ(h.step, (std::vector<int64_t> { 0, 5 }));
    EXPECT_EQ(h.buckets[1], ref["weights/w"]["buckets_at_5"].get<std::vector<double>>());
}

TEST(TensorBoardWriter, Tf2TensorScalarsOfEveryFloatTypeHistogramAndText)
{
    const nlohmann::json ref = readJson(kTb + "/writer_reference.json")["tf2"];
    const TensorBoardData d = readTensorBoardData(kTb + "/writer/tf2");
    EXPECT_TRUE(d.warnings.empty()) << d.warnings.front();
    for (const char* tag : { "f32", "f64", "f16" }) {
        ASSERT_TRUE(d.scalars.count(tag)) << tag;
        EXPECT_EQ(d.scalars.at(tag).value, ref[tag].get<std::vector<double>>()) << tag;
    }
    ASSERT_TRUE(d.histograms.count("h"));
    EXPECT_EQ(d.histograms.at("h").buckets.front(), ref["h"].get<std::vector<double>>());
    ASSERT_EQ(d.texts.size(), 1u);
    EXPECT_EQ(d.texts[0].text, ref["text"].get<std::string>());
    const RunInfo info = readRunInfo(kTb + "/writer/tf2");
    EXPECT_NE(info.header.notes.find("hello, **run**"), std::string::npos) << info.header.notes;
    EXPECT_EQ(info.header.name, "writer/tf2");
}

TEST(TensorBoardWriter, HParamsSessionTakesItsMetricFromTheExperimentAbove)
{
    const nlohmann::json ref = readJson(kTb + "/writer_reference.json")["hp/s1"];
    const RunListing list = scanRuns(kTb + "/writer/hp");
    ASSERT_EQ(list.runs.size(), 2u);
    const RunInfo* s1 = runNamed(list, "s1");
    ASSERT_NE(s1, nullptr);
    EXPECT_NE(runNamed(list, "."), nullptr);
    EXPECT_EQ(s1->header.config["hparams"], ref["hparams"]);
    EXPECT_EQ(s1->final, ref["final"]);
}

TEST(TensorBoardWriter, ASingleEventFileIsARun)
{
    const std::string file = kTb + "/writer/pt/events.out.tfevents.1700000100.host.2.0";
    ASSERT_TRUE(isTensorBoardRun(file));
    const RunHistory h = readRunHistory(file, HistoryKind::Batch);
    ASSERT_EQ(h.size(), 10u);
    EXPECT_EQ(h.step.front(), 5);
    EXPECT_EQ(h.loss.front(), 15.0);
    EXPECT_TRUE(std::isnan(h.accuracy.front()));
}

TEST(TensorBoardWriter, ASessionReadAloneFindsItsMetricInTheExperimentAbove)
{
    const RunInfo s1 = readRunInfo(kTb + "/writer/hp/s1");
    EXPECT_EQ(s1.header.name, "hp/s1");
    EXPECT_EQ(s1.final, readJson(kTb + "/writer_reference.json")["hp/s1"]["final"]);
}

TEST(TensorBoardWriter, ScalarsCsvHasEveryTagInLongForm)
{
    std::ostringstream out;
    writeScalarsCsv(out, readRunScalars(kTb + "/writer/tf2"), "tf2");
    const std::string csv = out.str();
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "run,tag,step,wall_time,value");
    EXPECT_NE(csv.find("tf2,f16,2,1700000002,3.5\n"), std::string::npos) << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 10);
}

TEST(TensorBoardHostile, OddTagsAreAllReadAndBytesThatAreNotUtf8BecomeReplacementCharacters)
{
    const TensorBoardData d = readTensorBoardData(WS_TEST_DATA_DIR "/bad/tb-odd-tags.tfevents");
    EXPECT_TRUE(d.warnings.empty()) << d.warnings.front();
    EXPECT_EQ(d.scalars.size(), 8u);
    for (const char* tag : { "named", "a/b c", "", "\xc3\xa9\xe2\x88\x82/\xe6\xbc\xa2\xe5\xad\x97", "\xef\xbf\xbd\xef\xbf\xbd",
             "../../etc", "%s%n" })
        EXPECT_TRUE(d.scalars.count(tag)) << "tag '" << tag << "' is missing";
    EXPECT_TRUE(d.scalars.count(std::string(10000, 'x')));
}

TEST(TensorBoardHostile, UnknownFieldsAndWrongWireTypesLeaveTheEventReadable)
{
    const TensorBoardData d = readTensorBoardData(WS_TEST_DATA_DIR "/bad/tb-unknown-fields.tfevents");
    ASSERT_TRUE(d.scalars.count("x"));
    EXPECT_EQ(d.scalars.at("x").step, (std::vector<int64_t> { 3 }));
    EXPECT_EQ(d.scalars.at("x").value, (std::vector<double> { 2.0 }));
}

TEST(TensorBoardHostile, AFolderOfTenThousandEmptyEventFilesIsOneEmptyRunQuickly)
{
    const fs::path dir = fs::temp_directory_path() / ("ws-tb-empty-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "run");
    for (int i = 0; i < 10000; ++i)
        std::ofstream(dir / "run" / ("events.out.tfevents." + std::to_string(i) + ".host"));
    // CPU time of the process (all its threads), not wall time: under ASan on a loaded machine the
    // same listing took 22 s of wall time. The bound is a guard against quadratic work, not a speed.
    const std::clock_t start = std::clock();
    const RunListing list = scanRuns(dir.string());
    const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
    fs::remove_all(dir);
    ASSERT_EQ(list.runs.size(), 1u);
    EXPECT_EQ(list.runs[0].header.name, "run");
    EXPECT_EQ(list.runs[0].steps, 0);
    EXPECT_TRUE(list.errors.empty());
    EXPECT_LT(seconds, 5.0) << "listing 10,000 empty event files took " << seconds << " s of CPU time";
}

TEST(TensorBoardHostile, AFileCutMidRecordKeepsTheRecordsBeforeTheCut)
{
    // The tail of a file another process is still writing looks the same.
    const RunInfo info = readTensorBoardRunInfo(WS_TEST_DATA_DIR "/bad/tb-truncated.tfevents");
    EXPECT_NE(info.message.find("runs past the end of the file"), std::string::npos) << info.message;
    const TensorBoardData d = readTensorBoardData(WS_TEST_DATA_DIR "/bad/tb-truncated.tfevents");
    ASSERT_TRUE(d.scalars.count("loss"));
    EXPECT_EQ(d.scalars.at("loss").step, (std::vector<int64_t> { 0, 1, 2 }));
}

TEST(TensorBoardWriter, ALogBeingWrittenIsARunningRunAndACopiedOldOneIsNot)
{
    const fs::path dir = fs::temp_directory_path() / ("ws-tb-live-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "events.out.tfevents.1700000000.host.1.0";
    fs::copy_file(kTb + "/writer/pt/events.out.tfevents.1700000000.host.1.0", file);
    // A fresh copy of a 2023 log: a new file time, old events.
    EXPECT_EQ(readRunInfo(dir.string()).status, RunStatus::Completed);
    // The same records stamped now (an Event begins with wall_time: tag 0x09, then 8 bytes).
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::string restamped;
    forEachTfRecord(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "copy", [&](const uint8_t* p, size_t n) {
        std::string event(reinterpret_cast<const char*>(p), n);
        if (n > 9 && event[0] == '\x09')
            std::memcpy(event.data() + 1, &now, 8);
        restamped += frameTfRecord(event);
    });
    std::ofstream(file, std::ios::binary | std::ios::trunc) << restamped;
    EXPECT_EQ(readRunInfo(dir.string()).status, RunStatus::Running);
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::minutes(10));
    EXPECT_EQ(readRunInfo(dir.string()).status, RunStatus::Completed); // the writer is gone
    fs::remove_all(dir);
}
