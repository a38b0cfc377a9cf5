// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs dock: a folder of run records becomes a sortable, filterable table; selected runs are
// overlaid in the Compare view, smoothed and grouped with the numbers core computes; histories
// export to CSV; deleting removes the file.
#include "UiTestSetup.h"
#include "shell/MainWindow.h"
#include "inspector/ComparePanel.h"
#include "inspector/Inspector.h"
#include "nn/LayerFactory.h"
#include "run/RunParameters.h"
#include "run/RunRecord.h"
#include "run/RunWeightFile.h"
#include "run/Smoothing.h"
#include "run/TfRecord.h"
#include "runs/ComparePlot.h"
#include "runs/HyperParameterTable.h"
#include "runs/ParallelCoordinates.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "playground/PlaygroundPanel.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ws;
using namespace ws::ui;

namespace {

// A finished run with `epochs` epochs of two batches; batch loss = base / step.
QString writeRun(const QString& dir, const QString& name, double lr, int seed, std::vector<std::string> tags,
    double base, double testLoss)
{
    const QString path = dir + QStringLiteral("/%1.h5").arg(name);
    RunHeader h;
    h.name = name.toStdString();
    h.tags = std::move(tags);
    h.config = { { "model", "playground" },
        { "train", { { "seed", seed }, { "batch_size", 10 }, { "optimizer", { { "type", "adam" }, { "learning_rate", lr } } } } } };
    h.dataset = { { "description", "spiral: 250 train, 250 test" }, { "sha256", "00" } };
    h.modelConfig = nlohmann::json::object();
    h.parameters = 105;
    h.modelSummary = "Dense Tanh";
    RunWriter w(path.toStdString(), h);
    int64_t step = 0;
    for (int e = 0; e < 3; ++e) {
        for (int b = 0; b < 2; ++b) {
            BatchProgress p;
            p.epoch = e;
            p.batch = b;
            p.batchesPerEpoch = 2;
            p.step = ++step;
            p.loss = base / double(step);
            p.accuracy = 0.5;
            p.learningRate = float(lr);
            w.addBatch(p);
        }
        EpochProgress ep;
        ep.epoch = e;
        ep.trainLoss = base / double(step);
        w.endEpoch(ep);
    }
    w.finish(RunStatus::Completed, nullptr, { { "loss", testLoss }, { "accuracy", 0.9 } });
    return path;
}

// A run with real weights: a checkpoint "epoch_0001" of a model initialised with `seed`, then
// final weights initialised with seed + 1.
QString writeRunWithWeights(const QString& dir, const QString& name, int seed)
{
    const QString path = dir + QStringLiteral("/%1.h5").arg(name);
    Sequential m = Sequential::fromConfig({ { "input_shape", { 2 } }, { "layers", parseLayerSpec("dense(3) tanh dense(1) tanh") } });
    m.initialize(uint64_t(seed));
    RunHeader h;
    h.name = name.toStdString();
    h.config = { { "train", { { "seed", seed } } } };
    h.dataset = { { "description", "spiral" }, { "sha256", "00" } };
    h.modelConfig = m.config();
    h.parameters = m.paramCount();
    RunWriter w(path.toStdString(), h);
    w.saveCheckpoint("epoch_0001", m);
    m.initialize(uint64_t(seed + 1));
    w.finish(RunStatus::Completed, &m, { { "loss", 0.5 }, { "accuracy", 0.75 } });
    return path;
}

// An event file of one scalar tag, as PyTorch's SummaryWriter writes it: Event { wall_time (1,
// double), step (2, varint), summary (5) { value (1) { tag (1), simple_value (2, float) } } },
// encoded by hand here (the protobuf classes are core's own).
void writeEventFile(const QString& path, const std::string& tag, const std::vector<float>& values, double wall0)
{
    const auto varint = [](std::string& out, uint64_t v) {
        for (; v >= 0x80; v >>= 7)
            out += char(uint8_t(v) | 0x80);
        out += char(v);
    };
    const auto bytes = [](const void* p, size_t n) { return std::string(static_cast<const char*>(p), n); };
    std::string file;
    for (size_t step = 0; step < values.size(); ++step) {
        std::string value(1, '\x0a');
        varint(value, tag.size());
        value += tag;
        value += '\x15';
        value += bytes(&values[step], 4);
        std::string summary(1, '\x0a');
        varint(summary, value.size());
        summary += value;
        const double wall = wall0 + double(step);
        std::string event(1, '\x09');
        event += bytes(&wall, 8);
        event += '\x10';
        varint(event, step);
        event += '\x2a';
        varint(event, summary.size());
        event += summary;
        file += frameTfRecord(event);
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(file.data(), qint64(file.size()));
}

bool graphHolds(QCPGraph* g, double key, double value)
{
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        if (it->key == key && it->value == value)
            return true;
    return false;
}

// Selects the rows of the runs with these names.
void selectRuns(RunsPanel& panel, const QStringList& names)
{
    QItemSelection selection;
    for (int row = 0; row < panel.filter()->rowCount(); ++row)
        if (names.contains(panel.filter()->index(row, RunsModel::Name).data().toString()))
            selection.select(panel.filter()->index(row, 0), panel.filter()->index(row, RunsModel::ColumnCount - 1));
    panel.table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

RunInfo syntheticRun(const std::string& name, double lr, const std::string& optimizer, int seed, double accuracy)
{
    RunInfo r;
    r.header.name = name;
    r.header.config = { { "train", { { "seed", seed }, { "batch_size", 10 },
                                       { "optimizer", { { "type", optimizer }, { "learning_rate", lr } } } } } };
    r.final = { { "loss", 1.0 - accuracy }, { "accuracy", accuracy } };
    r.status = RunStatus::Completed;
    return r;
}

std::vector<QCPGraph*> graphsWithRole(QCustomPlot* plot, const QString& role)
{
    std::vector<QCPGraph*> out;
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->property("role").toString() == role)
            out.push_back(plot->graph(i));
    return out;
}

std::vector<double> values(QCPGraph* g)
{
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

} // namespace

class TestRuns : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_runs"));
    }

    void tableListsFiltersAndSortsRuns()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), QStringLiteral("alpha"), 0.01, 1, { "sweep" }, 2.0, 0.5);
        writeRun(dir.path(), QStringLiteral("beta"), 0.01, 2, { "sweep" }, 3.0, 0.25);
        writeRun(dir.path(), QStringLiteral("gamma"), 0.1, 1, {}, 4.0, 0.75);
        QFile broken(dir.filePath(QStringLiteral("broken.h5")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a run");
        broken.close();

        RunsPanel panel;
        QSignalSpy scanned(&panel, &RunsPanel::scanFinished);
        panel.setFolder(dir.path(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty() && scanned.last().at(0).toInt() == 3, 10000);
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(panel.filter()->rowCount(), 3);

        panel.filterEdit()->setText(QStringLiteral("^(al|ga)"));
        QCOMPARE(panel.filter()->rowCount(), 2);
        panel.filterEdit()->setText(QStringLiteral("(")); // invalid: matches nothing, and says so in red
        QCOMPARE(panel.filter()->rowCount(), 0);
        panel.filterEdit()->clear();
        QCOMPARE(panel.filter()->rowCount(), 3);

        const int sweep = panel.tagBox()->findData(QStringLiteral("sweep"));
        QVERIFY(sweep > 0);
        panel.tagBox()->setCurrentIndex(sweep);
        QCOMPARE(panel.filter()->rowCount(), 2);
        panel.tagBox()->setCurrentIndex(0);

        // Sorted by the test loss as a number: 0.25, 0.5, 0.75.
        panel.table()->sortByColumn(RunsModel::TestLoss, Qt::AscendingOrder);
        QStringList names;
        for (int row = 0; row < 3; ++row)
            names << panel.filter()->index(row, RunsModel::Name).data().toString();
        QCOMPARE(names, (QStringList { QStringLiteral("beta"), QStringLiteral("alpha"), QStringLiteral("gamma") }));
        QCOMPARE(panel.filter()->index(0, RunsModel::HyperParameters).data().toString(),
            QStringLiteral("adam lr 0.01, batch 10, seed 2"));
    }

    void compareOverlaysSmoothsAndGroups()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), QStringLiteral("alpha"), 0.01, 1, {}, 2.0, 0.5);
        writeRun(dir.path(), QStringLiteral("beta"), 0.01, 2, {}, 4.0, 0.5);
        writeRun(dir.path(), QStringLiteral("gamma"), 0.1, 1, {}, 8.0, 0.5);
        RunsPanel panel;
        QSignalSpy scanned(&panel, &RunsPanel::scanFinished);
        QSignalSpy shown(&panel, &RunsPanel::curvesShown);
        panel.setFolder(dir.path(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), 10000);
        panel.selectAll();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 3, 10000);

        ComparePlot* compare = panel.compare();
        QCOMPARE(compare->smoothing(), 0.6);
        QCustomPlot* plot = compare->plot();
        QCOMPARE(graphsWithRole(plot, QStringLiteral("raw")).size(), size_t(3));
        const auto smoothed = graphsWithRole(plot, QStringLiteral("smoothed"));
        QCOMPARE(smoothed.size(), size_t(3));
        QCOMPARE(plot->legend->itemCount(), 3);
        // alpha's batch loss is 2/step; the smoothed curve is core's debiased EMA of it.
        QCPGraph* alpha = nullptr;
        for (QCPGraph* g : smoothed)
            if (g->name() == QLatin1String("alpha"))
                alpha = g;
        QVERIFY(alpha);
        const std::vector<double> raw = { 2.0, 1.0, 2.0 / 3, 0.5, 0.4, 2.0 / 6 };
        QCOMPARE(values(alpha), smoothSeries(raw, 0.6));
        QCOMPARE(values(alpha)[1], (0.6 * 2.0 + 1.0) * 0.4 / (1 - 0.36)); // by hand
        compare->setSmoothing(0.0);
        for (QCPGraph* g : graphsWithRole(plot, QStringLiteral("smoothed")))
            if (g->name() == QLatin1String("alpha"))
                QCOMPARE(values(g), raw);
        // Hover at step 2.4: the nearest point is step 2 (alpha 2/2, beta 4/2, gamma 8/2).
        const QStringList readout = compare->readoutAt(2.4).split(QLatin1Char('\n'));
        QVERIFY2(readout.contains(QStringLiteral("alpha  2: 1")), qPrintable(readout.join(QLatin1Char('|'))));
        QVERIFY(readout.contains(QStringLiteral("gamma  2: 4")));
        QVERIFY(compare->readoutAt(2.6).split(QLatin1Char('\n')).contains(QStringLiteral("beta  3: 1.3333")));

        // Group by learning rate: alpha and beta (0.01) give a mean line and a band; gamma alone.
        compare->setGroupBy(QStringLiteral("lr"));
        const auto means = graphsWithRole(plot, QStringLiteral("mean"));
        QCOMPARE(means.size(), size_t(2));
        QCOMPARE(graphsWithRole(plot, QStringLiteral("band")).size(), size_t(4));
        QCPGraph* low = means[0]->name().startsWith(QLatin1String("lr=0.01")) ? means[0] : means[1];
        const auto mean = values(low);
        QCOMPARE(mean.size(), size_t(6));
        QCOMPARE(mean[0], 3.0);       // (2/1 + 4/1) / 2
        QCOMPARE(mean[1], 1.5);       // (2/2 + 4/2) / 2
        const auto bands = graphsWithRole(plot, QStringLiteral("band"));
        bool foundUpper = false;
        for (QCPGraph* b : bands)
            if (std::abs(values(b)[0] - (3.0 + std::sqrt(2.0))) < 1e-12) // sample std of {2, 4}
                foundUpper = true;
        QVERIFY(foundUpper);

        // Epoch metric and log axis do not crash on NaN validation columns.
        compare->setMetric(4);
        compare->setLogY(true);
        compare->setXAxis(ComparePlot::XAxis::WallTime);
        compare->setGroupBy(QString());
        QCOMPARE(graphsWithRole(plot, QStringLiteral("smoothed")).size(), size_t(3));

        // CSV: every row of every shown run, batch then epoch tables.
        const QString csv = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(compare->exportCsv(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2 + 2 + 3 * 6 + 3 * 3); // two comments, two headers, rows
        // The runs are told apart by name, file and the settings that differ (lr and seed here).
        QCOMPARE(lines[1], QStringLiteral("run,file,train.optimizer.learning_rate,train.seed,step,epoch,wall_time,loss,accuracy,learning_rate"));
        bool found = false; // alpha's second batch: step 2, epoch 1, (wall time), loss 1, accuracy 0.5, lr 0.01f
        for (const QString& line : lines)
            found = found
                || (line.startsWith(QLatin1String("alpha,alpha.h5,0.01,1,2,1,")) && line.endsWith(QLatin1String(",1,0.5,0.0099999997764825821")));
        QVERIFY2(found, qPrintable(lines.join(QLatin1Char('\n'))));
    }

    // #19: a TensorBoard log folder inside the runs folder lists beside the records; its tags are
    // metrics; a one-step spike among 100,000 points is drawn at every zoom.
    void tensorBoardRunsShowBesideRecordsWithEverySpike()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), QStringLiteral("alpha"), 0.01, 1, {}, 2.0, 0.5);
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("tb/seed1")));
        std::vector<float> loss(100000);
        for (size_t i = 0; i < loss.size(); ++i)
            loss[i] = 1.0f + float(i % 97) / 970.0f;
        loss[54321] = 100.0f;
        writeEventFile(dir.filePath(QStringLiteral("tb/seed1/events.out.tfevents.1700000000.host.1.0")), "train/loss",
            loss, 1.7e9);
        RunsPanel panel;
        QSignalSpy scanned(&panel, &RunsPanel::scanFinished);
        QSignalSpy shown(&panel, &RunsPanel::curvesShown);
        panel.setFolder(dir.path(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty() && scanned.last().at(0).toInt() == 2, 10000);
        selectRuns(panel, { QStringLiteral("tb/seed1"), QStringLiteral("alpha") });
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 2, 10000);

        ComparePlot* compare = panel.compare();
        QVERIFY2(compare->metricTags().contains(QStringLiteral("train/loss")), qPrintable(compare->metricTags().join(',')));
        // "train/loss" is also the batch loss column of the TensorBoard run: both views hold every point.
        compare->setMetricTag(QStringLiteral("train/loss"));
        compare->setSmoothing(0.0);
        QCustomPlot* plot = compare->plot();
        plot->resize(800, 400);
        const auto raws = graphsWithRole(plot, QStringLiteral("raw"));
        QCPGraph* raw = nullptr;
        for (QCPGraph* g : raws)
            if (compare->fullData(g) && compare->fullData(g)->x.size() == 100000)
                raw = g;
        QVERIFY(raw);
        const std::vector<std::pair<double, double>> zooms = { { 0, 99999 }, { 50000, 60000 }, { 54300, 54400 },
            { 54321, 60000 }, { 40000, 54321 }, { 54320.5, 54321.5 } };
        for (const auto& [lo, hi] : zooms) {
            plot->xAxis->setRange(lo, hi);
            QVERIFY2(graphHolds(raw, 54321.0, 100.0), qPrintable(QStringLiteral("x in [%1, %2]").arg(lo).arg(hi)));
            QVERIFY2(raw->dataCount() <= 4 * std::max(plot->axisRect()->width(), 100) + 2,
                qPrintable(QString::number(raw->dataCount())));
        }
        // The batch-loss metric reads the same tag through the history columns.
        compare->setMetric(0);
        bool found = false;
        for (QCPGraph* g : graphsWithRole(plot, QStringLiteral("raw")))
            found = found || graphHolds(g, 54321.0, 100.0);
        QVERIFY(found);
    }

    void playgroundTrainingsAreRecorded()
    {
        QTemporaryDir dir;
        QSettings().setValue(QStringLiteral("preferences/runsFolder"), dir.path());
        {
            PlaygroundPanel panel;
            qint64 latest = -1;
            connect(&panel, &PlaygroundPanel::progressed, this, [&latest](qint64 step) { latest = step; });
            panel.start();
            QTRY_VERIFY_WITH_TIMEOUT(latest >= 60, 30000); // 250 training points in batches of 10: two epochs
            panel.shutdown();
        }
        QSettings().remove(QStringLiteral("preferences/runsFolder"));
        const QStringList files = QDir(dir.path()).entryList({ QStringLiteral("*.h5") }, QDir::Files);
        QCOMPARE(files.size(), 1); // the run the panel prepared at start-up never trained: no file
        const std::string path = dir.filePath(files[0]).toStdString();
        const RunInfo info = readRunInfo(path);
        QCOMPARE(info.status, RunStatus::Stopped);
        QVERIFY(info.epochsCompleted >= 2);
        QCOMPARE(info.header.tags, std::vector<std::string> { "playground" });
        QCOMPARE(info.header.dataset.value("sha256", "").size(), size_t(64));
        QCOMPARE(readRunHistory(path, HistoryKind::Epoch).size(), size_t(info.epochsCompleted));
        QVERIFY(info.final["loss"].is_number());
        Sequential final = loadRunWeights(path);
        QCOMPARE(final.paramCount(), info.header.parameters);
    }

    // #7: the hyper-parameters of the selected runs, differing columns marked and filterable.
    void hyperParameterTableMarksWhatDiffers()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), QStringLiteral("alpha"), 0.01, 1, { "sweep" }, 2.0, 0.5);
        writeRun(dir.path(), QStringLiteral("beta"), 0.1, 1, { "sweep" }, 3.0, 0.25);
        writeRun(dir.path(), QStringLiteral("gamma"), 0.001, 1, { "sweep" }, 4.0, 0.75);
        RunsPanel panel;
        QSignalSpy scanned(&panel, &RunsPanel::scanFinished);
        panel.setFolder(dir.path(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty() && scanned.last().at(0).toInt() == 3, 10000);
        panel.selectAll();
        HyperParameterModel* model = panel.hyperParameters()->model();
        QCOMPARE(model->rowCount(), 3);
        QMap<QString, int> column;
        for (int c = 0; c < model->columnCount(); ++c)
            column[model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()] = c;
        for (const char* key : { "train.optimizer.learning_rate", "train.seed", "train.batch_size", "model_summary",
                 "dataset", "dataset_sha256", "tags", "final.loss", "parameters" })
            QVERIFY2(column.contains(QString::fromLatin1(key)), key);
        const int lr = column[QStringLiteral("train.optimizer.learning_rate")];
        QVERIFY(model->differs(lr));
        QVERIFY(model->differs(column[QStringLiteral("final.loss")]));
        QVERIFY(!model->differs(column[QStringLiteral("train.seed")]));
        QVERIFY(model->index(0, lr).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model->index(0, column[QStringLiteral("train.seed")]).data(Qt::BackgroundRole).isValid());

        // Only differing: the name, the learning rate and the outcomes that differ (loss, duration).
        QSortFilterProxyModel* proxy = panel.hyperParameters()->proxy();
        panel.hyperParameters()->setOnlyDiffering(true);
        QStringList shown;
        for (int c = 0; c < proxy->columnCount(); ++c)
            shown << proxy->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        QVERIFY(shown.contains(QStringLiteral("train.optimizer.learning_rate")));
        QVERIFY(!shown.contains(QStringLiteral("train.seed")));
        QCOMPARE(shown.first(), QStringLiteral("Run"));
        // Sorted by the learning rate as a number: 0.001 (gamma), 0.01 (alpha), 0.1 (beta).
        const int lrShown = int(shown.indexOf(QStringLiteral("train.optimizer.learning_rate")));
        panel.hyperParameters()->view()->sortByColumn(lrShown, Qt::AscendingOrder);
        QStringList order;
        for (int r = 0; r < 3; ++r)
            order << proxy->index(r, 0).data().toString();
        QCOMPARE(order, (QStringList { QStringLiteral("gamma"), QStringLiteral("alpha"), QStringLiteral("beta") }));
        panel.hyperParameters()->setOnlyDiffering(false);
        QCOMPARE(proxy->columnCount(), model->columnCount());
    }

    // #7: axes and polyline points of the parallel-coordinates plot, worked out by hand.
    void parallelCoordinatesLayoutPutsRunsWhereTheirValuesAre()
    {
        const ParameterTable table = parameterTable({ syntheticRun("a", 0.001, "adam", 1, 0.5),
            syntheticRun("b", 0.01, "sgd", 2, 0.7), syntheticRun("c", 0.1, "adam", 4, 0.9) });
        const QRectF area(10, 20, 300, 100); // bottom at y = 120
        const ParallelLayout layout = layoutParallelCoordinates(table, "final.accuracy", area);
        // The differing settings in key order, then the metric; batch size is the same everywhere.
        QCOMPARE(layout.axes.size(), size_t(4));
        QCOMPARE(layout.axes[0].key, std::string("train.optimizer.learning_rate"));
        QCOMPARE(layout.axes[1].key, std::string("train.optimizer.type"));
        QCOMPARE(layout.axes[2].key, std::string("train.seed"));
        QCOMPARE(layout.axes[3].key, std::string("final.accuracy"));
        for (size_t i = 0; i < 4; ++i)
            QCOMPARE(layout.axes[i].x, 10.0 + 100.0 * double(i));
        QVERIFY(layout.axes[0].log);
        QVERIFY(layout.axes[1].categorical);
        QCOMPARE(layout.axes[1].categories, (QStringList { QStringLiteral("adam"), QStringLiteral("sgd") }));
        QVERIFY(!layout.axes[2].log && !layout.axes[2].categorical);
        QCOMPARE(layout.axes[2].lo, 1.0);
        QCOMPARE(layout.axes[2].hi, 4.0);

        // lr on log10: 0.001 bottom, 0.01 middle, 0.1 top; adam bottom, sgd top; seed 1, 2, 4 linear
        // over [1, 4]; accuracy 0.5, 0.7, 0.9 linear over [0.5, 0.9].
        const std::vector<std::vector<double>> wantY = { { 120, 120, 120, 120 }, { 70, 20, 120 - 100.0 / 3, 70 },
            { 20, 120, 20, 20 } };
        QCOMPARE(layout.lines.size(), size_t(3));
        for (size_t r = 0; r < 3; ++r)
            for (size_t i = 0; i < 4; ++i) {
                QCOMPARE(layout.lines[r][i].x(), layout.axes[i].x);
                QVERIFY2(std::abs(layout.lines[r][i].y() - wantY[r][i]) < 1e-9,
                    qPrintable(QStringLiteral("run %1 axis %2: y %3, want %4").arg(r).arg(i).arg(layout.lines[r][i].y()).arg(wantY[r][i])));
            }
        QCOMPARE(layout.shade[0], 0.0);
        QVERIFY(std::abs(layout.shade[1] - 0.5) < 1e-12);
        QCOMPARE(layout.shade[2], 1.0);

        // Another metric moves only the last axis; a single value sits in the middle.
        const ParallelLayout byLoss = layoutParallelCoordinates(table, "final.loss", area);
        QCOMPARE(byLoss.axes.back().key, std::string("final.loss"));
        QVERIFY(std::abs(byLoss.lines[0].back().y() - 20) < 1e-9); // loss 0.5 is the highest
        const ParameterTable one = parameterTable({ syntheticRun("a", 0.001, "adam", 1, 0.5) });
        const ParallelLayout single = layoutParallelCoordinates(one, "final.accuracy", area);
        QCOMPARE(single.axes.size(), size_t(1));
        QCOMPARE(single.lines[0][0], QPointF(160, 70));

        // The widget finds the run under the mouse on its own layout.
        ParallelCoordinates widget;
        widget.resize(600, 300);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        std::vector<RunInfo> runs = { syntheticRun("a", 0.001, "adam", 1, 0.5), syntheticRun("b", 0.01, "sgd", 2, 0.7),
            syntheticRun("c", 0.1, "adam", 4, 0.9) };
        widget.setRuns(runs);
        QCOMPARE(widget.metric(), QStringLiteral("final.accuracy"));
        const ParallelLayout shown = widget.currentLayout();
        const QPointF between = (shown.lines[1][0] + shown.lines[1][1]) / 2;
        QCOMPARE(widget.runAt(between), 1);
        QSignalSpy hovered(&widget, &ParallelCoordinates::runHovered);
        QTest::mouseMove(widget.canvas(), between.toPoint());
        QTRY_COMPARE(widget.hoveredRun(), 1);
        QCOMPARE(hovered.last().at(0).toString(), QStringLiteral("b"));
    }

    // #7: a run's weights open in the inspector; two checkpoints go to its compare view.
    void runWeightsOpenAndCompareInTheInspector()
    {
        QTemporaryDir dir;
        const QString a = writeRunWithWeights(dir.path(), QStringLiteral("first"), 3);
        writeRunWithWeights(dir.path(), QStringLiteral("second"), 7);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RunsPanel* panel = window.runs();
        QSignalSpy scanned(panel, &RunsPanel::scanFinished);
        panel->setFolder(dir.path(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty() && scanned.last().at(0).toInt() == 2, 10000);

        selectRuns(*panel, { QStringLiteral("first") });
        Inspector* inspector = window.inspector();
        QSignalSpy opened(inspector, &Inspector::modelOpened);
        panel->openSelectedWeights();
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 10000);
        QCOMPARE(opened.last().at(0).toString(), a);
        QCOMPARE(QString::fromStdString(inspector->model().file->format()), QStringLiteral("weightscope-run"));
        // Final weights and the epoch-1 checkpoint: 4 tensors each.
        QCOMPARE(inspector->model().file->tensors().size(), size_t(8));

        // Two checkpoints of one run: A opens, B is compared with it tensor by tensor.
        QSignalSpy compared(inspector, &Inspector::compareFinished);
        panel->compareWeights(QString::fromStdString(runCheckpointPath(a.toStdString(), "epoch_0001")),
            QString::fromStdString(runCheckpointPath(a.toStdString(), "final")));
        QTRY_VERIFY_WITH_TIMEOUT(!compared.isEmpty(), 10000);
        QCOMPARE(QString::fromStdString(inspector->model().file->path()),
            QString::fromStdString(runCheckpointPath(a.toStdString(), "epoch_0001")));
        const QList<DiffRow>& rows = inspector->comparison()->rows();
        QCOMPARE(rows.size(), 4);
        for (const DiffRow& row : rows) {
            QCOMPARE(int(row.status), int(DiffStatus::Matched));
            if (row.name.find("kernel") != std::string::npos) // biases start at zero in both
                QVERIFY2(row.stats.computed && row.stats.relativeL2 > 0, row.name.c_str());
        }
        window.close();
    }

    void deleteRemovesTheFile()
    {
        QTemporaryDir dir;
        const QString a = writeRun(dir.path(), QStringLiteral("alpha"), 0.01, 1, {}, 2.0, 0.5);
        writeRun(dir.path(), QStringLiteral("beta"), 0.01, 2, {}, 4.0, 0.5);
        RunsPanel panel;
        QSignalSpy scanned(&panel, &RunsPanel::scanFinished);
        panel.setFolder(dir.path(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), 10000);
        QCOMPARE(panel.model()->rowCount(), 2);
        scanned.clear();
        panel.deleteRuns({ a });
        QVERIFY(!QFile::exists(a));
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), 10000);
        QCOMPARE(panel.model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestRuns)
#include "test_runs.moc"
