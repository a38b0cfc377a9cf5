// SPDX-License-Identifier: GPL-3.0-or-later
// The inspector, driven through the main window offscreen: files open on the worker and fill
// the tree; a selected tensor's heatmap and statistics are exactly core's answers; a bad file
// shows the reader's message and keeps the previous model; Keras layers select their tensors;
// comparing a file with itself gives zero differences.
#include "UiTestSetup.h"
#include "common/Format.h"
#include "shell/AppSettings.h"
#include "shell/MainWindow.h"
#include "shell/ModelExport.h"
#include "io/ModelFile.h"
#include "shell/RecentFiles.h"
#include "analysis/Downsample.h"
#include "analysis/Histogram.h"
#include "analysis/TensorStats.h"
#include "formats/WeightFormats.h"
#include "io/ModelWeightFile.h"
#include "inspector/ArchitecturePanel.h"
#include "inspector/ComparePanel.h"
#include "inspector/Inspector.h"
#include "inspector/InspectorWorker.h"
#include "inspector/ModelTreePanel.h"
#include "inspector/StatsPanel.h"
#include "inspector/TensorViewPanel.h"
#include "nn/LayerFactory.h"
#include "nn/Sequential.h"
#include "training/TrainingInsights.h"
#include "training/TrainingPanel.h"

#include <qcustomplot.h>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QAction>
#include <QPlainTextEdit>
#include <QFile>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QSpinBox>
#include <QCheckBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QLocale>
#include <QComboBox>
#include <QToolButton>
#include <QTest>
#include <QTreeWidget>

#include <set>
#include <thread>

using namespace ws;
using namespace ws::ui;

namespace {

const QString kData = QStringLiteral(WS_TEST_DATA_DIR);
const QString kDtypes = kData + QStringLiteral("/safetensors/dtypes.safetensors");
const QString kSharded = kData + QStringLiteral("/safetensors/sharded");
const QString kKerasCnn = kData + QStringLiteral("/keras/keras3_cnn.keras");
const QString kBad = kData + QStringLiteral("/bad/header-past-end.safetensors");
const QString kQuants = kData + QStringLiteral("/gguf/quants.gguf");

QString exact(double v) { return QString::number(v, 'g', 9); }

// A double-click on box i, then the event loop until its layout (laid out on the panel's thread)
// is drawn. False when the box toggles nothing or the layout never comes.
bool toggleAndWait(ws::ui::ArchitecturePanel* arch, int i)
{
    if (!arch->toggleBox(i))
        return false;
    return QTest::qWaitFor([arch] { return !arch->layoutPending(); }, 10000);
}

// Names of the tensor rows of the tree (visible ones only when asked).
std::set<std::string> treeTensors(QTreeWidget* tree, bool visibleOnly = false)
{
    std::set<std::string> names;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        bool hidden = false;
        for (QTreeWidgetItem* p = *it; p; p = p->parent())
            hidden = hidden || p->isHidden();
        if ((*it)->data(0, ModelTreePanel::kTensorRole).toInt() >= 0 && !(visibleOnly && hidden))
            names.insert((*it)->data(0, ModelTreePanel::kNameRole).toString().toStdString());
    }
    return names;
}

// The tree row of the tensor the file names `name` (whatever the row shows), or null.
QTreeWidgetItem* treeItemOf(QTreeWidget* tree, const QString& name)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, ModelTreePanel::kNameRole).toString() == name)
            return *it;
    return nullptr;
}

// Does the drawn arrow (cubic Bézier control points) pass through the box? Sampled along the curve.
bool runsThrough(const QPolygonF& path, const QRectF& box)
{
    const QRectF inside = box.adjusted(2, 2, -2, -2);
    for (qsizetype k = 0; k + 3 < path.size(); k += 3)
        for (int step = 0; step <= 16; ++step) {
            const double t = step / 16.0, u = 1 - t;
            const QPointF p = u * u * u * path[k] + 3 * u * u * t * path[k + 1] + 3 * u * t * t * path[k + 2] + t * t * t * path[k + 3];
            if (inside.contains(p))
                return true;
        }
    return false;
}

QRectF rectOf(const ArchitectureBox& b)
{
    return QRectF(b.centre.x() - kArchitectureBoxWidth / 2, b.centre.y() - kArchitectureBoxHeight / 2, kArchitectureBoxWidth,
        kArchitectureBoxHeight);
}

// One field of every box, in order: the types, or the names.
QStringList fieldOf(const QList<ArchitectureBox>& boxes, QString ArchitectureBox::*field)
{
    QStringList out;
    for (const ArchitectureBox& b : boxes)
        out << b.*field;
    return out;
}

int boxOfType(const QList<ArchitectureBox>& boxes, const QString& type)
{
    for (int i = 0; i < boxes.size(); ++i)
        if (boxes[i].type == type)
            return i;
    return -1;
}

int indexOf(const WeightFile& file, const std::string& name)
{
    for (size_t i = 0; i < file.tensors().size(); ++i)
        if (file.tensors()[i].name == name)
            return int(i);
    return -1;
}

} // namespace

class TestInspector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_inspector"));
        RecentFiles().clear();
    }

    void init()
    {
        window_ = std::make_unique<MainWindow>();
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        inspector_ = window_->inspector();
    }

    void cleanup()
    {
        window_->close();
        window_.reset();
    }

    void opensAFileAndListsItsTensors()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        std::set<std::string> want;
        for (const TensorInfo& t : core->tensors())
            want.insert(t.name);
        QCOMPARE(treeTensors(inspector_->modelTree()->tree()), want);
        QCOMPARE(inspector_->model().params, qint64(70610));
        QCOMPARE(inspector_->recentFiles()->files().value(0), QFileInfo(kDtypes).absoluteFilePath());
        QVERIFY(window_->windowTitle().contains(QStringLiteral("dtypes.safetensors")));
    }

    void droppingAFileOpensIt()
    {
        QSignalSpy opened(inspector_, &Inspector::modelOpened);
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(kDtypes) });
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window_.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window_.get(), &drop);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
        QCOMPARE(opened.first().first().toString(), kDtypes);
    }

    void shardedFolderGroupsNamesByPrefix()
    {
        openAndWait(kSharded);
        QTreeWidget* tree = inspector_->modelTree()->tree();
        QCOMPARE(int(treeTensors(tree).size()), 8);
        // model › layers › 0 › mlp › up_proj: the name tree, not a flat list.
        const auto found = tree->findItems(QStringLiteral("up_proj"), Qt::MatchRecursive);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0]->parent()->text(0), QStringLiteral("mlp"));
        QCOMPARE(found[0]->parent()->parent()->text(0), QStringLiteral("0"));
        QVERIFY(inspector_->architecture()->boxCount() > 0); // groups by prefix: no model in safetensors
    }

    void filterHidesTensorsThatDoNotMatch()
    {
        openAndWait(kDtypes);
        inspector_->modelTree()->setFilter(QStringLiteral("^f(16|32)$"), true);
        QCOMPARE(treeTensors(inspector_->modelTree()->tree(), true), (std::set<std::string>{ "f16", "f32" }));
        inspector_->modelTree()->setFilter(QStringLiteral("i8"), false);
        QCOMPARE(treeTensors(inspector_->modelTree()->tree(), true), (std::set<std::string>{ "i8", "i8_big" }));
    }

    void selectedTensorShowsCoreStatistics()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        for (const char* name : { "f32", "f32_special", "bf16" }) {
            const int i = indexOf(*core, name);
            selectAndWait(i);
            const TensorStats s = computeTensorStats(*core, size_t(i));
            StatsPanel* stats = inspector_->stats();
            QCOMPARE(stats->value(QStringLiteral("min")), exact(s.min));
            QCOMPARE(stats->value(QStringLiteral("max")), exact(s.max));
            QCOMPARE(stats->value(QStringLiteral("mean")), exact(s.mean));
            QCOMPARE(stats->value(QStringLiteral("std")), exact(s.std));
            QCOMPARE(stats->value(QStringLiteral("l2")), exact(s.l2));
            QCOMPARE(stats->value(QStringLiteral("nans")), QString::number(s.nans));
            QCOMPARE(stats->value(QStringLiteral("infs")), QString::number(s.infs));
            const Percentiles p = computePercentiles(tensorSource(*core, size_t(i)), { 1, 99 }, s.min, s.max, s.finite);
            QCOMPARE(stats->value(QStringLiteral("p1")), exact(p.values[0]));
            QCOMPARE(stats->value(QStringLiteral("p99")), exact(p.values[1]));
            // Every value is shown whole, however narrow the dock is made: the table asks for the
            // width of its names and its widest value (layouts never give less than the minimum).
            QTableWidget* table = stats->table();
            for (int r = 0; r < table->rowCount(); ++r) {
                const QFontMetrics metrics(table->font());
                const int whole = metrics.horizontalAdvance(table->item(r, 0)->text()) + metrics.horizontalAdvance(table->item(r, 1)->text());
                QVERIFY2(table->minimumWidth() > whole, qPrintable(QStringLiteral("%1 px for %2").arg(table->minimumWidth()).arg(whole)));
            }
        }
    }

    void heatmapCellsAreTheTensorsValues()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        const int i = indexOf(*core, "f32"); // 3 × 4: one cell per element
        selectAndWait(i);
        const Tensor t = core->readTensor(size_t(i));
        QCPColorMapData* data = inspector_->tensorView()->colorMap()->data();
        QCOMPARE(data->keySize(), 4);
        QCOMPARE(data->valueSize(), 3);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 4; ++c)
                QCOMPARE(data->cell(c, r), double(t.data()[r * 4 + c]));
        QVERIFY(inspector_->tensorView()->statusText().contains(QStringLiteral("one cell per element")));
        // Hovering names the element and its exact value.
        QCOMPARE(inspector_->tensorView()->hoverText(2, 1), QStringLiteral("[1, 2] = ") + exact(t.data()[6]));
    }

    void bigTensorsArePooledAsCoreDoes()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        const int i = indexOf(*core, "i8_big"); // 700 × 100
        inspector_->tensorView()->resize(400, 300); // fewer pixels than rows: pooled
        selectAndWait(i);
        const TensorPicture& pic = inspector_->tensorView()->picture();
        QVERIFY2(pic.heatmap.reduced(), qPrintable(QStringLiteral("%1 × %2 cells").arg(pic.heatmap.outRows).arg(pic.heatmap.outCols)));
        const Heatmap want = downsample(tensorSource(*core, size_t(i)), makeView({ 700, 100 }, defaultSlice({ 700, 100 })),
            pic.heatmap.outCols, pic.heatmap.outRows);
        for (auto reduction : { Reduction::Mean, Reduction::Max, Reduction::MaxAbs }) {
            inspector_->tensorView()->setReduction(reduction);
            QCPColorMapData* data = inspector_->tensorView()->colorMap()->data();
            QCOMPARE(data->valueSize(), int(want.outRows));
            for (int r = 0; r < want.outRows; ++r)
                for (int c = 0; c < want.outCols; ++c)
                    QCOMPARE(data->cell(c, r), double(want.cells(reduction)[size_t(r * want.outCols + c)]));
        }
        QVERIFY(inspector_->tensorView()->statusText().contains(QStringLiteral("largest |x| (sign kept) of up to")));
    }

    // The controls row wraps: at 540 px it kept a Training panel opened beside a file at 340 px
    // on a 1366 px screen. At 300 px every control is whole and inside the view.
    void tensorViewControlsWrapWhenNarrow()
    {
        TensorViewPanel panel;
        QVERIFY2(panel.minimumSizeHint().width() <= 300, qPrintable(QString::number(panel.minimumSizeHint().width())));
        panel.resize(300, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        int controls = 0;
        for (QWidget* w : panel.findChildren<QWidget*>()) {
            if (!w->isVisible() || !(qobject_cast<QComboBox*>(w) || qobject_cast<QToolButton*>(w)))
                continue;
            ++controls;
            const QRect r(w->mapTo(&panel, QPoint(0, 0)), w->size());
            QVERIFY2(panel.rect().contains(r), qPrintable(QStringLiteral("%1 at %2,%3 %4 × %5 outside 300 px")
                                                              .arg(QString::fromLatin1(w->metaObject()->className()))
                                                              .arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));
            QVERIFY(w->width() >= w->sizeHint().width());
        }
        QCOMPARE(controls, 3); // reduction, colour range, export
    }

    // A 4-D kernel's slice selectors wrap too: in one row, its dimension pair, four indices,
    // "Filters" and the input channel were cut off at the right edge, the dimension combo squeezed
    // to "rows", in the 430 px the view gets in a 1280 px window beside the tree and statistics.
    void kernelSliceControlsWrapWhenNarrow()
    {
        TensorViewPanel panel;
        TensorInfo info;
        info.name = "0.weight";
        info.shape = { 4, 3, 3, 3 };
        info.nbytes = 4 * 108;
        panel.setTensor(&info, QStringLiteral("onnx"), QStringLiteral("0.weight"));
        QVERIFY2(panel.minimumSizeHint().width() <= 300, qPrintable(QString::number(panel.minimumSizeHint().width())));
        panel.resize(300, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        int combos = 0, spins = 0, checks = 0;
        for (QWidget* w : panel.findChildren<QWidget*>()) {
            const bool spin = qobject_cast<QSpinBox*>(w), check = qobject_cast<QCheckBox*>(w);
            if (!w->isVisible() || !(qobject_cast<QComboBox*>(w) || spin || check))
                continue;
            (spin ? spins : check ? checks : combos) += 1;
            const QRect r(w->mapTo(&panel, QPoint(0, 0)), w->size());
            QVERIFY2(panel.rect().contains(r), qPrintable(QStringLiteral("%1 at %2,%3 %4 × %5 outside 300 px")
                                                              .arg(QString::fromLatin1(w->metaObject()->className()))
                                                              .arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));
            QVERIFY2(w->width() >= w->sizeHint().width(),
                qPrintable(QStringLiteral("%1 %2 px of %3").arg(QString::fromLatin1(w->metaObject()->className()))
                               .arg(w->width()).arg(w->sizeHint().width())));
        }
        QCOMPARE(combos, 3); // reduction, colour range, the dimension pair
        QCOMPARE(spins, 5);  // four indices, the input channel
        QCOMPARE(checks, 1); // Filters
    }

    void everyTensorGetsItsOwnAxesWithWholeEdgeCells()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        TensorViewPanel* view = inspector_->tensorView();
        QCustomPlot* plot = view->plot();
        const auto range = [](QCPAxis* axis) { return std::pair(axis->range().lower, axis->range().upper); };
        using R = std::pair<double, double>;
        view->resize(1000, 800);
        selectAndWait(indexOf(*core, "f8_e5m2")); // 16 × 16 heatmap first
        QCOMPARE(range(plot->xAxis), R(-0.5, 15.5)); // cells centred on 0..15, the edge cells whole
        QCOMPARE(range(plot->yAxis), R(-0.5, 15.5));
        // A 1-D tensor after it: its own frame, not the heatmap's 0..15.
        const int special = indexOf(*core, "i16");
        selectAndWait(special);
        QCOMPARE(range(plot->xAxis), R(-0.5, 3.5));
        const Tensor t = core->readTensor(size_t(special));
        const auto [lo, hi] = std::minmax_element(t.data(), t.data() + t.size());
        QVERIFY2(plot->yAxis->range().lower < *lo && plot->yAxis->range().upper > *hi,
            qPrintable(QStringLiteral("%1..%2 for values %3..%4").arg(plot->yAxis->range().lower).arg(plot->yAxis->range().upper).arg(*lo).arg(*hi)));
        // A 3 × 4 matrix after the line; zoomed, then double-click gives the whole tensor back.
        selectAndWait(indexOf(*core, "f32"));
        QCOMPARE(range(plot->xAxis), R(-0.5, 3.5));
        QCOMPARE(range(plot->yAxis), R(-0.5, 2.5));
        plot->xAxis->setRange(1, 2);
        plot->yAxis->setRange(0.5, 1);
        QTest::mouseDClick(plot, Qt::LeftButton, {}, plot->rect().center());
        QCOMPARE(range(plot->xAxis), R(-0.5, 3.5));
        QCOMPARE(range(plot->yAxis), R(-0.5, 2.5));
    }

    void filterIsClearedWhenAnotherFileOpens()
    {
        openAndWait(kDtypes);
        inspector_->modelTree()->setFilter(QStringLiteral("f16"), false);
        QCOMPARE(treeTensors(inspector_->modelTree()->tree(), true), (std::set<std::string>{ "f16", "bf16" }));
        openAndWait(kSharded);
        QCOMPARE(int(treeTensors(inspector_->modelTree()->tree(), true).size()), 8); // all of the new file
    }

    void quantisedTensorsShowWhatTheFileHolds()
    {
        openAndWait(kQuants);
        const auto core = openWeightFile(kQuants.toStdString());
        QTreeWidget* tree = inspector_->modelTree()->tree();
        const auto typeOf = [&](const QString& name) {
            for (QTreeWidgetItemIterator it(tree); *it; ++it)
                if ((*it)->toolTip(ModelTreePanel::NameColumn) == name)
                    return (*it)->text(ModelTreePanel::DTypeColumn);
            return QString();
        };
        QCOMPARE(typeOf(QStringLiteral("q4_k")), QStringLiteral("Q4_K · 4.5 b/w"));
        QCOMPARE(typeOf(QStringLiteral("q6_k")), QStringLiteral("Q6_K · 6.563 b/w"));
        QCOMPARE(typeOf(QStringLiteral("f16")), QStringLiteral("F16")); // plain tensors keep their dtype
        // The Statistics dock says it too, first.
        selectAndWait(indexOf(*core, "q4_k"));
        QCOMPARE(inspector_->stats()->value(QStringLiteral("storage")), QStringLiteral("Q4_K"));
        QCOMPARE(inspector_->stats()->value(QStringLiteral("bpw")), QStringLiteral("4.5"));
        selectAndWait(indexOf(*core, "f16"));
        QCOMPARE(inspector_->stats()->value(QStringLiteral("storage")), QStringLiteral("F16"));
        QCOMPARE(inspector_->stats()->value(QStringLiteral("bpw")), QStringLiteral("16"));

        // Sizes in one unit system, as the CLI writes them: 1024 bytes are a KiB, not a "kB".
        for (QTreeWidgetItemIterator it(tree); *it; ++it) {
            const QString bytes = (*it)->text(ModelTreePanel::BytesColumn);
            QVERIFY2(!bytes.contains(QStringLiteral("kB")) && !bytes.contains(QStringLiteral("MB")), qPrintable(bytes));
        }
        QLocale::setDefault(QLocale::c());
        QCOMPARE(formatBytes(819200), QStringLiteral("800.0 KiB"));
        QCOMPARE(formatBytes(quint64(4) << 30), QStringLiteral("4.0 GiB"));
        QLocale::setDefault(QLocale::system());
    }

    // #18: a type Weightscope cannot dequantise shows its block layout and its first bytes (the
    // hex of the file's own bytes), not an empty plot; a dequantisable one keeps the plot.
    void undequantisableTensorsShowTheirBlocks()
    {
        openAndWait(kQuants);
        const auto core = openWeightFile(kQuants.toStdString());
        TensorViewPanel* view = inspector_->tensorView();
        selectAndWait(indexOf(*core, "iq2_xxs"));
        const QString raw = view->rawBlocksText();
        QVERIFY2(raw.contains(QStringLiteral("IQ2_XXS")), qPrintable(raw));
        QVERIFY2(raw.contains(QStringLiteral("256 elements in 66 bytes")), qPrintable(raw));
        QVERIFY2(raw.contains(QStringLiteral("qs[32]")), qPrintable(raw));
        // All four blocks of the 1024 elements, each a line of 66 bytes, as the file has them.
        QFile file(kQuants);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray all = file.readAll();
        const QString hex = QString::fromLatin1(all.mid(all.size() - 4 * 66, 66).toHex(' '));
        QVERIFY2(raw.contains(QStringLiteral("block 0  +0x0000  ") + hex + QLatin1Char('\n')), qPrintable(raw));
        QVERIFY2(raw.contains(QStringLiteral("block 3  +0x00c6 ")), qPrintable(raw));
        QVERIFY(!raw.contains(QStringLiteral("block 4 ")));
        QVERIFY(view->findChild<QPlainTextEdit*>(QStringLiteral("RawBlocks"))->isVisible());
        QVERIFY(!view->plot()->isVisible());

        selectAndWait(indexOf(*core, "iq4_xs"));
        QVERIFY(view->rawBlocksText().isEmpty());
        QVERIFY(view->plot()->isVisible());
        QVERIFY(view->picture().error.isEmpty());
    }

    // File ▸ Export Weights… / Export Trained Model…: written off the GUI thread, atomically; a
    // failure is reported naming the file.
    void exportsTheOpenFileAndATrainedModel()
    {
        openAndWait(kKerasCnn);
        QTemporaryDir dir;
        ModelExport* exporter = window_->modelExport();
        QSignalSpy finished(exporter, &ModelExport::finished);
        const QString st = dir.filePath(QStringLiteral("w.safetensors"));
        exporter->writeFile(inspector_->model().file, st);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().at(1).toString(), QString());
        const auto written = openWeightFile(st.toStdString());
        const auto& original = *inspector_->model().file;
        QCOMPARE(written->tensors().size(), original.tensors().size());
        for (size_t i = 0; i < original.tensors().size(); ++i)
            QCOMPARE(written->readTensor(i).shape(), original.readTensor(i).shape());

        auto model = std::make_shared<Sequential>(
            Sequential::fromConfig({ { "input_shape", { 4 } }, { "layers", parseLayerSpec("dense(3) relu dense(2)") } }));
        model->initialize(1);
        const QString h5 = dir.filePath(QStringLiteral("m.h5"));
        exporter->writeTrained(model, h5);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(finished.at(1).at(1).toString(), QString());
        const ws::LoadedModel back = loadModel(h5.toStdString());
        QCOMPARE(back.model.paramCount(), model->paramCount());

        const QString bad = dir.filePath(QStringLiteral("missing/m.npz"));
        exporter->writeTrained(model, bad);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 20000);
        QVERIFY2(finished.at(2).at(1).toString().contains(bad), qPrintable(finished.at(2).at(1).toString()));
    }

    void sliceSelectorsPickTheShownElements()
    {
        // (3, 4, 5) int16, written by NumPy in Fortran order: the reader gives C order.
        const QString path = kData + QStringLiteral("/numpy/fortran_3d_i2.npy");
        openAndWait(path);
        const auto core = openWeightFile(path.toStdString());
        const Tensor t = core->readTensor(0);
        auto spins = inspector_->tensorView()->findChildren<QSpinBox*>();
        QSpinBox* first = nullptr;
        for (QSpinBox* s : spins)
            if (s->prefix() == QStringLiteral("[0]="))
                first = s;
        QVERIFY(first);
        QSignalSpy pictures(inspector_, &Inspector::pictureShown);
        first->setValue(2); // the third 4 × 5 block
        QTRY_COMPARE_WITH_TIMEOUT(pictures.count(), 1, 10000);
        QCPColorMapData* data = inspector_->tensorView()->colorMap()->data();
        QCOMPARE(data->keySize(), 5);
        QCOMPARE(data->valueSize(), 4);
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 5; ++c)
                QCOMPARE(data->cell(c, r), double(t.data()[40 + r * 5 + c]));
        QCOMPARE(inspector_->tensorView()->hoverText(1, 3), QStringLiteral("[2, 3, 1] = ") + exact(t.data()[40 + 3 * 5 + 1]));
    }

    void emptyTensorsSaySo()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        selectAndWait(indexOf(*core, "empty"));
        QVERIFY2(inspector_->tensorView()->statusText().contains(QStringLiteral("no elements")),
            qPrintable(inspector_->tensorView()->statusText()));
        QCOMPARE(inspector_->stats()->value(QStringLiteral("count")), QStringLiteral("0"));
    }

    void histogramBinsFollowTheSpinBox()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        const int i = indexOf(*core, "f32");
        selectAndWait(i);
        QSignalSpy numbers(inspector_, &Inspector::numbersShown);
        inspector_->stats()->setBins(10);
        QTRY_COMPARE_WITH_TIMEOUT(numbers.count(), 1, 10000);
        auto* bars = qobject_cast<QCPBars*>(inspector_->stats()->histogramPlot()->plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->data()->size(), 10);
        const TensorStats s = computeTensorStats(*core, size_t(i));
        const Histogram h = computeHistogram(tensorSource(*core, size_t(i)), s.min, s.max, 10);
        for (int k = 0; k < 10; ++k)
            QCOMPARE(bars->data()->at(k)->value, double(h.counts[size_t(k)]));
    }

    void badFileShowsTheReadersMessageAndKeepsTheModel()
    {
        openAndWait(kDtypes);
        QSignalSpy failed(inspector_, &Inspector::openFailed);
        inspector_->open(kBad);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("header-past-end.safetensors")) && message.contains(QStringLiteral("past the end")),
            qPrintable(message));
        auto* box = window_->findChild<QMessageBox*>(QStringLiteral("openErrorBox"));
        QVERIFY(box);
        QCOMPARE(box->text(), message);
        box->close();
        QVERIFY(!inspector_->isOpening());
        QCOMPARE(QString::fromStdString(inspector_->model().file->path()), kDtypes);
        QCOMPARE(int(treeTensors(inspector_->modelTree()->tree()).size()), 19);
    }

    void cancelledOpenKeepsThePreviousModel()
    {
        openAndWait(kDtypes);
        QSignalSpy opened(inspector_, &Inspector::modelOpened);
        inspector_->open(kSharded);
        QVERIFY(inspector_->isOpening());
        inspector_->cancelOpen();
        QVERIFY(!inspector_->isOpening());
        QTest::qWait(1000); // the reader finishes in the background; its answer is dropped
        QCOMPARE(opened.count(), 0);
        QCOMPARE(QString::fromStdString(inspector_->model().file->path()), kDtypes);
    }

    void kerasLayersSelectTheirTensors()
    {
        openAndWait(kKerasCnn);
        ArchitecturePanel* arch = inspector_->architecture();
        QVERIFY(inspector_->model().hasModel);
        QVERIFY(arch->boxCount() >= 2);
        QCOMPARE(arch->boxes().first().type, QStringLiteral("Input")); // the model's input, then its layers
        const int convBox = boxOfType(arch->boxes(), QStringLiteral("Conv2D"));
        QCOMPARE(convBox, 1);
        const ArchitectureBox& first = arch->boxes()[convBox];
        QVERIFY(!first.tensors.isEmpty());
        // The conv kernel is shown as a grid of filters (Keras: HWIO).
        const TensorInfo& kernel = inspector_->model().file->tensors()[size_t(first.tensors.first())];
        QCOMPARE(kernel.shape.size(), size_t(4));
        const int last = int(inspector_->model().file->tensors().size()) - 1;
        selectAndWait(last); // away from the kernel, which is shown first
        QSignalSpy pictures(inspector_, &Inspector::pictureShown);
        arch->clickBox(convBox);
        QCOMPARE(inspector_->currentTensor(), first.tensors.first());
        QTRY_COMPARE_WITH_TIMEOUT(pictures.count(), 1, 10000);
        const TensorPicture& pic = inspector_->tensorView()->picture();
        QVERIFY(pic.isGrid);
        QCOMPARE(pic.grid.filters, kernel.shape[3]);
        QCOMPARE(pic.grid.kh, kernel.shape[0]);
        // The caption counts filters with %n (it read "1 filters of 3 × 3" for one filter).
        const QString caption = inspector_->tensorView()->statusText();
        QVERIFY2(caption.startsWith(QStringLiteral("%1 filter(s) of %2 × %3, input channel ")
                                        .arg(kernel.shape[3]).arg(kernel.shape[0]).arg(kernel.shape[1])),
            qPrintable(caption));
    }

    void onnxGraphNodesAreTheBoxesAndOwnTheirInitializers()
    {
        // tests/data/onnx/cnn.onnx (torch.onnx.export): Conv, Relu, MaxPool, Flatten, Gemm ...
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/cnn.onnx"));
        const auto& meta = inspector_->model().file->metadata();
        const auto& nodes = meta.at("graph").at("nodes");
        ArchitecturePanel* arch = inspector_->architecture();
        QCOMPARE(arch->boxCount(), int(nodes.size()) + 1); // the graph input, then every node (none folded)
        QCOMPARE(arch->boxes().first().type, QStringLiteral("Input"));
        QCOMPARE(arch->boxes().first().name, QStringLiteral("input"));
        const ArchitectureBox& conv = arch->boxes()[1];
        QCOMPARE(conv.type, QStringLiteral("Conv"));
        QCOMPARE(conv.name, QString::fromStdString(nodes[0].at("name").get<std::string>()));
        QCOMPARE(conv.tensors.size(), 2); // weight and bias; the graph input is not a tensor of the file
        const auto& tensors = inspector_->model().file->tensors();
        QCOMPARE(QString::fromStdString(tensors[size_t(conv.tensors[0])].name),
            QString::fromStdString(nodes[0].at("inputs")[1].get<std::string>()));
        QCOMPARE(conv.params, tensors[size_t(conv.tensors[0])].numel() + tensors[size_t(conv.tensors[1])].numel());
        QVERIFY(arch->boxes()[2].tensors.isEmpty()); // Relu
    }

    // #16: the architecture view draws the graph. tests/data/onnx/residual.onnx is y = relu(x) + x.
    void residualAddHasTwoArrowsAndTheSkipRunsBesideTheBranch()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/residual.onnx"), false); // no initializers
        ArchitecturePanel* arch = inspector_->architecture();
        QCOMPARE(arch->boxCount(), 3); // x, relu_in, residual_add
        const int add = boxOfType(arch->boxes(), QStringLiteral("Add"));
        const int relu = boxOfType(arch->boxes(), QStringLiteral("Relu"));
        QVERIFY(add >= 0 && relu >= 0);
        const ArchitectureBox& a = arch->boxes()[add];
        QCOMPARE(a.inputs, (QList<int> { relu, 0 }));
        QCOMPARE(a.inputPaths.size(), 2);
        // Both arrows end on the Add's border; the one from x passes the Relu on its side.
        for (const QPolygonF& path : a.inputPaths)
            QVERIFY2(arch->boxRect(add).adjusted(-2, -2, 2, 2).contains(path.back()), "an arrow ends away from the Add");
        QCOMPARE(arch->boxRect(relu), rectOf(arch->boxes()[relu]));
        QVERIFY2(!runsThrough(a.inputPaths[1], arch->boxRect(relu)), "the skip runs through the Relu's box");
    }

    // Boxes stand where the worker's layout put them: the panel receives positions and draws.
    void chainStaysOneColumnWherePlacedByTheWorker()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/cnn.onnx"));
        ArchitecturePanel* arch = inspector_->architecture();
        const QList<ArchitectureBox>& boxes = inspector_->model().boxes;
        QCOMPARE(arch->boxCount(), boxes.size());
        for (int i = 0; i < boxes.size(); ++i) {
            QCOMPARE(arch->boxRect(i).center(), boxes[i].centre);
            QCOMPARE(boxes[i].centre.x(), boxes[0].centre.x());
            if (i > 0) {
                QCOMPARE(boxes[i].inputs, QList<int> { i - 1 });
                QVERIFY2(boxes[i].centre.y() > boxes[i - 1].centre.y(), qPrintable(boxes[i].name));
            }
        }
    }

    // tests/data/onnx/residual_view.onnx (torch.onnx.export): y.view(y.size(0), -1) wrote Shape,
    // Gather, Unsqueeze, Concat and Constants; they are not boxes, the Reshape reads the Relu.
    void onnxShapeNodesAreFoldedAway()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/residual_view.onnx"));
        ArchitecturePanel* arch = inspector_->architecture();
        const QStringList types = fieldOf(arch->boxes(), &ArchitectureBox::type);
        QCOMPARE(types, (QStringList { "Input", "Conv", "Relu", "Conv", "Relu", "Conv", "Add", "Relu", "Reshape", "Gemm" }));
        QCOMPARE(arch->boxes()[8].inputs, QList<int> { 7 });
        QCOMPARE(arch->boxes()[6].inputs, (QList<int> { 5, 2 })); // conv2 and the skip
        for (int k = 3; k <= 5; ++k) // the skip passes conv1, its Relu and conv2 on their side
            QVERIFY2(!runsThrough(arch->boxes()[6].inputPaths[1], arch->boxRect(k)), qPrintable(arch->boxes()[k].name));
    }

    // Engine models draw Sequential's graph: res(...) reads the block's input twice.
    void engineResidualBlockReadsTheBlocksInputTwice()
    {
        auto model = std::make_shared<Sequential>(Sequential::fromConfig(
            { { "input_shape", Shape { 4 } }, { "layers", parseLayerSpec("dense(4) res(dense(4) relu dense(4)) dense(2)") } }));
        model->initialize(1);
        const ws::ui::LoadedModel m = InspectorWorker::describe(std::make_shared<ModelWeightFile>(model, "residual"));
        const QStringList types = fieldOf(m.boxes, &ArchitectureBox::type);
        QCOMPARE(types, (QStringList { "Input", "Dense", "Dense", "ReLU", "Dense", "Add", "Dense" }));
        QCOMPARE(m.boxes[1].inputs, QList<int> { 0 });
        QCOMPARE(m.boxes[5].inputs, (QList<int> { 4, 1 }));
        QCOMPARE(m.boxes[5].inputPaths.size(), 2);
        for (int k = 2; k <= 4; ++k)
            QVERIFY2(!runsThrough(m.boxes[5].inputPaths[1], rectOf(m.boxes[k])), qPrintable(m.boxes[k].name));
    }

    // #16 item 4: a Keras model's nested models (tests/data/keras/keras2_nested.h5: 'encoder' of
    // 4 engine layers, 'head' of 4) are groups of the architecture view, each box of an inner
    // layer holding that layer's weights.
    void kerasNestedModelsAreGroups()
    {
        std::shared_ptr<const WeightFile> file = openWeightFile(WS_TEST_DATA_DIR "/keras/keras2_nested.h5");
        const ws::ui::LoadedModel m = InspectorWorker::describe(file);
        QVERIFY(m.hasModel);
        QCOMPARE(m.groups.size(), 2);
        QCOMPARE(m.groups[0].name, QStringLiteral("encoder"));
        QCOMPARE(m.groups[0].type, QStringLiteral("Model of 4 layer(s)"));
        QCOMPARE(m.groups[1].name, QStringLiteral("head"));
        QCOMPARE(m.groups[0].parent, -1);
        QStringList inner;
        for (int b : m.groups[0].members)
            inner << m.boxes[b].name;
        QCOMPARE(inner, (QStringList { "encoder/dense_1", "encoder/batch_normalization", "encoder/dense_2", "encoder/dense_2_relu" }));
        const ArchitectureBox& bn = m.boxes[m.groups[0].members[1]];
        QCOMPARE(bn.tensors.size(), 4); // gamma, beta and the moving statistics, listed under the inner layer
        QVERIFY(!m.groups[0].collapsed); // small models start expanded
    }

    // #16: a Hugging Face folder whose config.json names a family is drawn as that family's
    // blocks (tests/data/family/llama: tools/make_family_reference.py, 2 layers).
    void llamaFolderIsDrawnAsItsFamilysBlocks()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/family/llama"));
        ArchitecturePanel* arch = inspector_->architecture();
        QCOMPARE(inspector_->model().family, QStringLiteral("llama"));
        const QStringList types = fieldOf(arch->boxes(), &ArchitectureBox::type);
        QCOMPARE(types, (QStringList { "Embedding", "RMSNorm", "Attention", "Add", "RMSNorm", "MLP", "Add", "RMSNorm", "Attention",
                            "Add", "RMSNorm", "MLP", "Add", "RMSNorm", "Linear" }));
        const ArchitectureBox& attn = arch->boxes()[8];
        QCOMPARE(attn.name, QStringLiteral("model.layers.1.self_attn"));
        QCOMPARE(attn.outputShape, QStringLiteral("4 heads, 2 KV heads, hidden 16"));
        QCOMPARE(arch->boxes()[9].inputs, (QList<int> { 8, 6 })); // the residual: attention and the layer's input
        QCOMPARE(arch->boxes()[9].inputPaths.size(), 2);
        // A click selects the block's four tensors (q, k, v, o) in the tree.
        arch->clickBox(8);
        const auto& tensors = inspector_->model().file->tensors();
        QStringList selected;
        for (QTreeWidgetItem* item : inspector_->modelTree()->tree()->selectedItems())
            selected << QString::fromStdString(tensors[size_t(item->data(0, ModelTreePanel::kTensorRole).toInt())].name);
        selected.sort();
        QCOMPARE(selected, (QStringList { "model.layers.1.self_attn.k_proj.weight", "model.layers.1.self_attn.o_proj.weight",
                               "model.layers.1.self_attn.q_proj.weight", "model.layers.1.self_attn.v_proj.weight" }));
        QCOMPARE(inspector_->currentTensor(), indexOf(*inspector_->model().file, "model.layers.1.self_attn.q_proj.weight"));
    }

    // #16: 32 layers (tests/data/family/llama32) start as one box, "model.layers.0–31" (32 ×
    // block); a double-click expands it into 32 layer boxes, one of those into its 6 blocks, and a
    // double-click on a block collapses its layer again.
    void repeatedLayersCollapseAndExpand()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/family/llama32"));
        ArchitecturePanel* arch = inspector_->architecture();
        const QStringList names = fieldOf(arch->boxes(), &ArchitectureBox::name);
        QCOMPARE(names, (QStringList { "model.embed_tokens", "model.layers.0–31", "model.norm", "lm_head" }));
        const ArchitectureBox& stack = arch->boxes()[1];
        QCOMPARE(stack.type, QStringLiteral("32 × block"));
        QCOMPARE(stack.tensors.size(), 32 * 9);
        QCOMPARE(stack.inputs, QList<int> { 0 });
        QCOMPARE(arch->boxes()[2].inputs, QList<int> { 1 });
        QCOMPARE(arch->boxes()[2].inputPaths.size(), 1);
        arch->clickBox(1); // the stack's tensors, all 288 of them
        QCOMPARE(inspector_->modelTree()->tree()->selectedItems().size(), 32 * 9);

        QVERIFY(toggleAndWait(arch, 1));
        QCOMPARE(arch->boxCount(), 1 + 32 + 2);
        QCOMPARE(arch->boxes()[4].name, QStringLiteral("model.layers.3"));
        QCOMPARE(arch->boxes()[4].inputs, QList<int> { 3 });
        QCOMPARE(arch->boxes()[4].tensors.size(), 9);
        QVERIFY(toggleAndWait(arch, 4));
        QCOMPARE(arch->boxCount(), 1 + 31 + 6 + 2);
        QCOMPARE(arch->boxes()[5].name, QStringLiteral("model.layers.3.self_attn"));
        QCOMPARE(arch->boxes()[6].type, QStringLiteral("Add"));
        QCOMPARE(arch->boxes()[6].inputs, (QList<int> { 5, 3 })); // the residual reads layer 2's box
        QVERIFY(toggleAndWait(arch, 5)); // a block inside layer 3: the layer collapses again
        QCOMPARE(arch->boxCount(), 1 + 32 + 2);
        QVERIFY(!arch->toggleBox(0)); // the embedding is in no group
        QVERIFY(!arch->layoutPending());

        // Every layer expanded: the worst case laid out on a double-click. The 32 toggles come
        // faster than the layouts (no event loop runs between them): each index is read in the
        // drawing shown, every layer box still; each supersedes the one before, and only the last
        // one's layout, with all 32 layers expanded, is installed.
        QSignalSpy installed(arch, &ArchitecturePanel::layoutInstalled);
        for (int layer = 31; layer >= 0; --layer)
            QVERIFY(arch->toggleBox(1 + layer));
        QCOMPARE(arch->boxCount(), 1 + 32 + 2); // the old drawing stays meanwhile
        QTRY_VERIFY(!arch->layoutPending());
        QCOMPARE(arch->boxCount(), 1 + 32 * 6 + 2);
        QCOMPARE(installed.size(), 1);
        qInfo("32-layer llama, all %d boxes laid out in %.1f ms", arch->boxCount(), arch->lastLayoutMs());
        QVERIFY(toggleAndWait(arch, 1 + 5)); // back to one layer box for layer 0
        QCOMPARE(arch->boxCount(), 1 + 1 + 31 * 6 + 2);
        QCOMPARE(installed.size(), 2);
    }

    // #16: a double-click returns before Graphviz is done: the layout runs on the panel's thread,
    // the GUI thread only installs it, and centres on the group toggled.
    void groupToggleIsLaidOutOffTheGuiThread()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/family/llama32"));
        ArchitecturePanel* arch = inspector_->architecture();
        QCOMPARE(arch->boxCount(), 4);
        QVERIFY(arch->toggleBox(1));
        // Nothing is installed before the event loop runs, however fast the worker.
        QVERIFY(arch->layoutPending());
        QCOMPARE(arch->boxCount(), 4);
        QTRY_VERIFY(!arch->layoutPending());
        QCOMPARE(arch->boxCount(), 1 + 32 + 2);
        QVERIFY(arch->layoutThread() != std::thread::id());
        QVERIFY2(arch->layoutThread() != std::this_thread::get_id(), "the layout ran on the GUI thread");
        QVERIFY(arch->lastLayoutMs() > 0);
        // A toggle on the model opened next is dropped with it.
        QVERIFY(arch->toggleBox(1));
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/family/llama"));
        QVERIFY(!arch->layoutPending());
        QTest::qWait(50);
        QCOMPARE(arch->boxCount(), 15);
    }

    // #16 item 7: torch.onnx.export writes no value_info; the boxes show the shapes the converter
    // infers, the batch axis by the file's name for it. tests/data/onnx/resnet_stem.onnx: 3x32x32
    // in, a 7x7 s2 conv to 8x16x16, max pooling to 8x8x8, ..., fc to 5 (graph_shapes.json).
    void onnxBoxesShowTheOutputShapeTheConverterInfers()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/resnet_stem.onnx"));
        ArchitecturePanel* arch = inspector_->architecture();
        const auto boxNamed = [arch](const QString& name) {
            for (int i = 0; i < arch->boxCount(); ++i)
                if (arch->boxes()[i].name == name)
                    return i;
            return -1;
        };
        const QList<std::pair<QString, QString>> want = { { "input", "batch×3×32×32" }, { "/conv1/Conv", "batch×8×16×16" },
            { "/pool/MaxPool", "batch×8×8×8" }, { "/layer2/downsample/downsample.0/Conv", "batch×12×4×4" },
            { "/layer2/Add", "batch×12×4×4" }, { "/avgpool/GlobalAveragePool", "batch×12×1×1" }, { "/Flatten", "batch×12" },
            { "/fc/Gemm", "batch×5" } };
        for (const auto& [name, shape] : want) {
            const int i = boxNamed(name);
            QVERIFY2(i >= 0, qPrintable(name));
            QCOMPARE(arch->boxes()[i].outputShape, shape);
            // Drawn whole, not elided: on its own line or before the parameters.
            const QStringList lines = arch->boxLines(i);
            QVERIFY2(std::any_of(lines.begin(), lines.end(), [&](const QString& l) { return l == shape || l.startsWith(shape + " · "); }),
                qPrintable(name + ": " + lines.join(" | ")));
        }
    }

    // A graph the converter refuses (an LSTM) is drawn all the same, without shapes it cannot know.
    void onnxGraphTheConverterRefusesIsDrawnWithoutShapes()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/lstm.onnx"));
        ArchitecturePanel* arch = inspector_->architecture();
        QVERIFY(arch->boxCount() >= 2);
        QCOMPARE(arch->boxes()[0].outputShape, QStringLiteral("5×2×3")); // the file declares the input's
        for (int i = 1; i < arch->boxCount(); ++i)
            QVERIFY2(arch->boxes()[i].outputShape.isEmpty(), qPrintable(arch->boxes()[i].outputShape));
    }

    // #16 item 7: torch.onnx.export names the weights it folds BatchNorm into "onnx::Conv_<n>"; the
    // tree shows them by the node reading them, the file's name in the tooltip, and a click on the
    // node's box still selects them.
    void foldedInitializersAreNamedByTheNodeThatReadsThem()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/resnet_stem.onnx"));
        QTreeWidget* tree = inspector_->modelTree()->tree();
        const auto itemNamed = [tree](const QString& name) { return treeItemOf(tree, name); };
        QTreeWidgetItem* weight = itemNamed(QStringLiteral("onnx::Conv_63"));
        QVERIFY(weight);
        QCOMPARE(weight->text(ModelTreePanel::NameColumn), QStringLiteral("/conv1/Conv · weight"));
        QVERIFY2(weight->toolTip(ModelTreePanel::NameColumn).contains(QStringLiteral("onnx::Conv_63")),
            qPrintable(weight->toolTip(ModelTreePanel::NameColumn)));
        QCOMPARE(itemNamed(QStringLiteral("onnx::Conv_73"))->text(ModelTreePanel::NameColumn),
            QStringLiteral("/layer2/downsample/downsample.0/Conv · bias"));
        QCOMPARE(itemNamed(QStringLiteral("fc.weight"))->text(ModelTreePanel::NameColumn), QStringLiteral("weight")); // named by the model

        // Clicking the stem's box selects its weight and bias in the tree.
        ArchitecturePanel* arch = inspector_->architecture();
        int conv = -1;
        for (int i = 0; i < arch->boxCount(); ++i)
            if (arch->boxes()[i].name == QStringLiteral("/conv1/Conv"))
                conv = i;
        QVERIFY(conv >= 0);
        arch->clickBox(conv);
        const int index = indexOf(*inspector_->model().file, "onnx::Conv_63");
        QCOMPARE(inspector_->currentTensor(), index);
        QCOMPARE(tree->currentItem(), weight);
        QCOMPARE(tree->selectedItems().size(), 2);

        // The filter finds them by the node's name as well as by the file's.
        inspector_->modelTree()->setFilter(QStringLiteral("/layer1/conv1/"), false);
        QCOMPARE(treeTensors(tree, true), (std::set<std::string> { "onnx::Conv_66", "onnx::Conv_67" }));
        inspector_->modelTree()->setFilter(QStringLiteral("onnx::Conv_63"), false);
        QCOMPARE(treeTensors(tree, true), (std::set<std::string> { "onnx::Conv_63" }));
        inspector_->modelTree()->clearFilter();
    }

    // A .keras file stores its weights by class and number ("layers/dense/vars/0"); the tree
    // shows Keras's names, grouped by layer (classes › classes/kernel), the store path in the
    // tooltip, and the filter finds either. tests/data/keras/keras3_cnn.keras: Conv2D 'features',
    // BatchNormalization 'norm', Dense 'classes'.
    void kerasWeightsAreNamedAsKerasNamesThem()
    {
        openAndWait(kKerasCnn);
        QTreeWidget* tree = inspector_->modelTree()->tree();
        const auto itemStoredAs = [tree](const QString& path) { return treeItemOf(tree, path); };
        QTreeWidgetItem* kernel = itemStoredAs(QStringLiteral("layers/dense/vars/0"));
        QVERIFY(kernel);
        QCOMPARE(kernel->text(ModelTreePanel::NameColumn), QStringLiteral("classes/kernel"));
        QVERIFY2(kernel->toolTip(ModelTreePanel::NameColumn).contains(QStringLiteral("layers/dense/vars/0")),
            qPrintable(kernel->toolTip(ModelTreePanel::NameColumn)));
        QVERIFY(kernel->parent());
        QCOMPARE(kernel->parent()->text(ModelTreePanel::NameColumn), QStringLiteral("classes"));
        QCOMPARE(itemStoredAs(QStringLiteral("layers/batch_normalization/vars/2"))->text(ModelTreePanel::NameColumn),
            QStringLiteral("norm/moving_mean"));
        QCOMPARE(itemStoredAs(QStringLiteral("layers/conv2d/vars/1"))->text(ModelTreePanel::NameColumn),
            QStringLiteral("features/bias"));
        // The optimizer's variables have no Keras name: they keep their store path.
        QCOMPARE(itemStoredAs(QStringLiteral("optimizer/vars/0"))->text(ModelTreePanel::NameColumn), QStringLiteral("0"));

        // The tensor view is titled by the Keras name too, with the store path after it.
        const auto& tensors = inspector_->model().file->tensors();
        const auto stored = std::find_if(tensors.begin(), tensors.end(),
            [](const TensorInfo& t) { return t.name == "layers/dense/vars/0"; });
        QVERIFY(stored != tensors.end());
        selectAndWait(int(stored - tensors.begin()));
        const QString title = inspector_->tensorView()->titleText();
        QVERIFY2(title.startsWith(QStringLiteral("classes/kernel · ")) && title.endsWith(QStringLiteral("layers/dense/vars/0 in the file")),
            qPrintable(title));

        inspector_->modelTree()->setFilter(QStringLiteral("norm/moving_mean"), false);
        QCOMPARE(treeTensors(tree, true), (std::set<std::string> { "layers/batch_normalization/vars/2" }));
        inspector_->modelTree()->setFilter(QStringLiteral("layers/conv2d/"), false);
        QCOMPARE(treeTensors(tree, true), (std::set<std::string> { "layers/conv2d/vars/0", "layers/conv2d/vars/1" }));
        inspector_->modelTree()->clearFilter();
    }

    // ONNX name prefixes are groups too: tests/data/onnx/resnet_stem.onnx's "/layer1" holds 5 nodes.
    void onnxNamePrefixesCollapse()
    {
        openAndWait(QStringLiteral(WS_TEST_DATA_DIR "/onnx/resnet_stem.onnx"));
        ArchitecturePanel* arch = inspector_->architecture();
        const int all = arch->boxCount(); // 17 nodes, none hidden: small graphs start expanded
        int conv = -1;
        for (int i = 0; i < all; ++i)
            if (arch->boxes()[i].name == QStringLiteral("/layer1/conv1/Conv"))
                conv = i;
        QVERIFY(conv >= 0);
        QVERIFY(toggleAndWait(arch, conv));
        QCOMPARE(arch->boxCount(), all - 5 + 1);
        QCOMPARE(arch->boxes()[conv].name, QStringLiteral("/layer1"));
        QCOMPARE(arch->boxes()[conv].type, QStringLiteral("Group of 5 node(s)"));
        QCOMPARE(arch->boxes()[conv].tensors.size(), 4); // the two convolutions' weights and biases
        QVERIFY(toggleAndWait(arch, conv));
        QCOMPARE(arch->boxCount(), all);
    }

    void colourMapsFromPreferencesApplyToTheShownTensor()
    {
        // The Keras CNN's conv kernel has both signs: a diverging map, zero in the middle colour.
        settings::divergingColourMap.set(QStringLiteral("RdBu"));
        openAndWait(kKerasCnn);
        QCPColorMap* map = inspector_->tensorView()->colorMap();
        const QCPRange range = map->dataRange();
        QVERIFY(range.lower < 0 && range.upper > 0);
        const auto lowest = [&] { return QColor(map->gradient().color(range.lower, range)); };
        QCOMPARE(lowest(), QColor(0x05, 0x30, 0x61)); // RdBu's darkest blue
        settings::divergingColourMap.set(QStringLiteral("PuOr"));
        inspector_->tensorView()->applyColourMaps();
        QCOMPARE(lowest(), QColor(0x7f, 0x3b, 0x08)); // PuOr's darkest orange
        const QColor zero(map->gradient().color(0.0, range)); // white at zero, up to the 256 levels' rounding
        QVERIFY2(std::abs(zero.red() - 0xf7) <= 3 && std::abs(zero.green() - 0xf7) <= 3 && std::abs(zero.blue() - 0xf7) <= 3,
            qPrintable(zero.name()));
        settings::divergingColourMap.set(QStringLiteral("RdBu"));
        inspector_->tensorView()->applyColourMaps();
        QCOMPARE(lowest(), QColor(0x05, 0x30, 0x61));
    }

    void comparingAFileWithItselfFindsNoDifference()
    {
        openAndWait(kDtypes);
        QSignalSpy done(inspector_, &Inspector::compareFinished);
        inspector_->compareWith(kDtypes);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        const QList<DiffRow>& rows = inspector_->comparison()->rows();
        QCOMPARE(rows.size(), 19);
        for (const DiffRow& row : rows) {
            QCOMPARE(int(row.status), int(DiffStatus::Matched));
            if (row.stats.compared > 0)
                QCOMPARE(row.stats.maxAbs, 0.0);
        }
        // Selecting a row shows A − B: all zeros.
        QSignalSpy pictures(inspector_, &Inspector::pictureShown);
        QTableWidget* table = inspector_->comparison()->table();
        int f32Row = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, ComparePanel::NameColumn)->text() == QStringLiteral("f32"))
                f32Row = r;
        QVERIFY(f32Row >= 0);
        table->setCurrentCell(f32Row, ComparePanel::NameColumn);
        QTRY_COMPARE_WITH_TIMEOUT(pictures.count(), 1, 10000);
        const TensorPicture& pic = inspector_->tensorView()->picture();
        QVERIFY(pic.difference);
        QCOMPARE(pic.heatmap.max, std::vector<float>(12, 0.0f));
        // The tree follows: it highlights the tensor the A − B view shows.
        const auto core = openWeightFile(kDtypes.toStdString());
        QCOMPARE(inspector_->modelTree()->currentTensor(), indexOf(*core, "f32"));
        QVERIFY(pic.difference); // and selecting it there did not replace the difference
        // Every number fits its column on one line.
        for (int r = 0; r < table->rowCount(); ++r)
            for (int c : { int(ComparePanel::RelativeColumn), int(ComparePanel::CosineColumn), int(ComparePanel::MaxAbsColumn) })
                if (const QTableWidgetItem* item = table->item(r, c))
                    QVERIFY2(QFontMetrics(item->font()).horizontalAdvance(item->text()) < table->columnWidth(c),
                        qPrintable(item->text()));
        // Another file: no rows, and the caption no longer names the last comparison.
        openAndWait(kKerasCnn);
        QCOMPARE(table->rowCount(), 0);
        QVERIFY2(!inspector_->comparison()->caption().contains(QStringLiteral("dtypes")), qPrintable(inspector_->comparison()->caption()));
    }

    // #18: a Hugging Face model against its Q4_K GGUF (tools/make_quant_pairs.py): every tensor
    // paired through the name map, worst first, block totals below, and the A − B heatmap of
    // attn_q with llama.cpp's row permutation undone (without it the difference is as large as
    // the weights).
    void comparesAModelWithItsQuantisedGgufWorstFirst()
    {
        openAndWait(kData + QStringLiteral("/compare/llama_hf.safetensors"));
        QSignalSpy done(inspector_, &Inspector::compareFinished);
        inspector_->compareWith(kData + QStringLiteral("/compare/llama_q4_k.gguf"));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        QTableWidget* table = inspector_->comparison()->table();
        QCOMPARE(table->rowCount(), 21);
        QCOMPARE(table->item(0, ComparePanel::NameColumn)->text(), QStringLiteral("model.layers.1.mlp.down_proj.weight"));
        QCOMPARE(table->item(0, ComparePanel::NameBColumn)->text(), QStringLiteral("blk.1.ffn_down.weight"));
        QCOMPARE(table->item(0, ComparePanel::BitsBColumn)->text(), QStringLiteral("4.5"));
        QCOMPARE(table->item(0, ComparePanel::StatusColumn)->text(), ComparePanel::tr("name map"));
        for (int r = 1; r < table->rowCount(); ++r)
            QVERIFY(table->item(r - 1, ComparePanel::RelativeColumn)->data(Qt::UserRole + 2).toDouble()
                >= table->item(r, ComparePanel::RelativeColumn)->data(Qt::UserRole + 2).toDouble());
        QTableWidget* totals = inspector_->comparison()->totals();
        QCOMPARE(totals->rowCount(), 4); // blocks 0 and 1, outside the blocks, the whole model
        QCOMPARE(totals->item(3, ComparePanel::TotalLabelColumn)->text(), ComparePanel::tr("whole model"));
        QCOMPARE(totals->item(3, ComparePanel::TotalTensorsColumn)->text(), QStringLiteral("21"));

        int qRow = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, ComparePanel::NameColumn)->text() == QStringLiteral("model.layers.0.self_attn.q_proj.weight"))
                qRow = r;
        QVERIFY(qRow >= 0);
        QVERIFY(table->item(qRow, ComparePanel::StatusColumn)->text().contains(ComparePanel::tr(", Q/K permutation undone")));
        QSignalSpy pictures(inspector_, &Inspector::pictureShown);
        table->setCurrentCell(qRow, ComparePanel::NameColumn);
        QTRY_COMPARE_WITH_TIMEOUT(pictures.count(), 1, 10000);
        const TensorPicture& pic = inspector_->tensorView()->picture();
        QVERIFY(pic.difference);
        float largest = 0;
        for (size_t i = 0; i < pic.heatmap.max.size(); ++i)
            largest = std::max({ largest, std::abs(pic.heatmap.max[i]), std::abs(pic.heatmap.min[i]) });
        QVERIFY2(largest > 0 && largest < 0.005f, qPrintable(QString::number(largest))); // Q8_0's step, not a weight's size
    }

    // View ▸ Inspector Follows Training: each model snapshot of the Training panel replaces the
    // inspector's content (not a recent file), the selected tensor stays selected by name and
    // shows the new values; opening a file ends the following.
    void followsTheTrainingModelAndKeepsTheSelectedTensor()
    {
        RecentFiles().clear();
        const auto snapshotOf = [](float scale, int epoch) {
            auto model = std::make_shared<Sequential>(Sequential::fromConfig(
                { { "input_shape", Shape { 3 } }, { "layers", parseLayerSpec("dense(4) relu dense(2)") } }));
            model->initialize(7);
            for (Param* p : model->params())
                for (int64_t i = 0; i < p->value.size(); ++i)
                    p->value[i] = scale * float(i + 1);
            ModelSnapshot s;
            s.epoch = epoch;
            s.epochEnd = true;
            s.model = model;
            return s;
        };
        TrainingInsights* insights = window_->training()->insights();
        QSignalSpy live(inspector_, &Inspector::liveShown);
        emit insights->modelUpdated(snapshotOf(1.0f, 1));
        QTest::qWait(200);
        QCOMPARE(live.count(), 0); // not asked to follow

        window_->followTrainingAction()->setChecked(true);
        emit insights->modelUpdated(snapshotOf(1.0f, 1));
        QTRY_COMPARE_WITH_TIMEOUT(live.count(), 1, 20000);
        const auto& tensors = inspector_->model().file->tensors();
        QCOMPARE(int(tensors.size()), 4); // two kernels, two biases
        QVERIFY(inspector_->recentFiles()->files().isEmpty());
        const int second = indexOf(*inspector_->model().file, tensors[2].name);
        selectAndWait(second);
        const std::string selected = tensors[size_t(second)].name;

        // The next epoch (sent at once: shown a second after the first, not dropped).
        emit insights->modelUpdated(snapshotOf(2.0f, 2));
        QTRY_COMPARE_WITH_TIMEOUT(live.count(), 2, 20000);
        const WeightFile& now = *inspector_->model().file;
        QCOMPARE(inspector_->currentTensor(), indexOf(now, selected));
        std::vector<float> values(size_t(now.tensors()[size_t(inspector_->currentTensor())].numel()));
        now.read(size_t(inspector_->currentTensor()), 0, int64_t(values.size()), values.data());
        QCOMPARE(values[1], 4.0f); // scale 2 × (1 + 1)
        QVERIFY(window_->windowTitle().contains(QStringLiteral("2")));

        openAndWait(kDtypes); // a file the user opens ends the following
        QVERIFY(!window_->followTrainingAction()->isChecked());
        emit insights->modelUpdated(snapshotOf(3.0f, 3));
        QTest::qWait(1500);
        QCOMPARE(live.count(), 2);
        QVERIFY(window_->windowTitle().contains(QStringLiteral("dtypes.safetensors")));
    }

    void exportsTheTensorAndTheShownSlice()
    {
        openAndWait(kDtypes);
        const auto core = openWeightFile(kDtypes.toStdString());
        const int i = indexOf(*core, "f32");
        selectAndWait(i);
        QTemporaryDir dir;
        QSignalSpy written(inspector_, &Inspector::exported);
        const QString npy = dir.filePath(QStringLiteral("f32.npy")), csv = dir.filePath(QStringLiteral("f32.csv"));
        inspector_->exportTensor(npy, false);
        inspector_->exportTensor(csv, true);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 2, 10000);
        QCOMPARE(written[0][1].toString(), QString());
        QCOMPARE(written[1][1].toString(), QString());
        // The .npy reads back through core with the same values.
        const auto back = openWeightFile(npy.toStdString());
        const Tensor a = core->readTensor(size_t(i)), b = back->readTensor(0);
        QCOMPARE(b.shape(), a.shape());
        for (int k = 0; k < 12; ++k)
            QCOMPARE(b.data()[k], a.data()[k]);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[1].split(QLatin1Char(',')).value(2).toFloat(), a.data()[6]);
    }

private:
    void openAndWait(const QString& path, bool hasTensors = true)
    {
        QSignalSpy opened(inspector_, &Inspector::modelOpened);
        QSignalSpy numbers(inspector_, &Inspector::numbersShown);
        inspector_->open(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
        if (hasTensors)
            QTRY_VERIFY_WITH_TIMEOUT(numbers.count() >= 1, 20000); // the first tensor is shown at once
    }

    void selectAndWait(int index)
    {
        QSignalSpy numbers(inspector_, &Inspector::numbersShown);
        QSignalSpy pictures(inspector_, &Inspector::pictureShown);
        inspector_->modelTree()->selectTensors({ index });
        QCOMPARE(inspector_->currentTensor(), index);
        QTRY_VERIFY_WITH_TIMEOUT(numbers.count() >= 1 && pictures.count() >= 1, 20000);
    }

    std::unique_ptr<MainWindow> window_;
    Inspector* inspector_ = nullptr;
};

QTEST_MAIN(TestInspector)
#include "test_inspector.moc"
