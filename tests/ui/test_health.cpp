// SPDX-License-Identifier: GPL-3.0-or-later
// View ▸ Model Health, driven through the main window offscreen: nothing is computed until the
// dock is shown; then a row per weight matrix and kernel with core's numbers (and so NumPy's:
// tests/data/health/expected.json), the tensor that cannot be analysed says why, the table sorts,
// clicking a row selects the tensor in the model tree, the health map colours the tree by the
// chosen metric and the architecture view's boxes alike (a box shows its highest value), the
// second report comes from the cache,
// Cancel stops a long report, and opening another file drops the running one.
#include "UiTestSetup.h"
#include "ShownWindow.h"
#include "inspector/ArchitecturePanel.h"
#include "inspector/ComparePanel.h"
#include "inspector/HealthController.h"
#include "inspector/HealthPanel.h"
#include "inspector/Inspector.h"
#include "inspector/ModelTreePanel.h"
#include "common/NumberTable.h"
#include "io/NpyWriter.h"
#include "tensor/Tensor.h"
#include "util/Rng.h"

#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QCheckBox>
#include <QComboBox>
#include <QTableWidget>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace ws;
using namespace ws::ui;

namespace {

const QString kData = QStringLiteral(WS_TEST_DATA_DIR);
const QString kModel = kData + QStringLiteral("/health/model.npz");

QJsonObject expected(const QString& name)
{
    QFile f(kData + QStringLiteral("/health/expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(name).toObject();
}

int rowOf(QTableWidget* table, const QString& name)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, HealthPanel::NameColumn)->text() == name)
            return r;
    return -1;
}

} // namespace

class TestHealth : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_health"));
        QVERIFY(cache_.isValid());
        qputenv("XDG_CACHE_HOME", cache_.path().toUtf8()); // the report's cache: never the user's
    }

    void init()
    {
        QVERIFY(shown_.open());
        inspector_ = shown_.window->inspector();
    }

    void cleanup()
    {
        shown_.close();
        QDir(cache_.path()).removeRecursively(); // each test starts without a cached report
    }

    void hiddenDockComputesNothingUntilShown()
    {
        openAndWait(kModel);
        QVERIFY(!inspector_->healthDock()->isVisible());
        QTest::qWait(300);
        QCOMPARE(inspector_->health()->table()->rowCount(), 0);
        QVERIFY(!inspector_->healthController()->running());
        showAndWait();
        QCOMPARE(inspector_->health()->table()->rowCount(), 3);
    }

    void rowsHoldCoresNumbersAndTheErrorOfTheBrokenTensor()
    {
        openAndWait(kModel);
        showAndWait();
        QTableWidget* table = inspector_->health()->table();
        const int dense = rowOf(table, QStringLiteral("dense.weight"));
        QVERIFY(dense >= 0);
        const QJsonObject want = expected(QStringLiteral("gauss_200x120"));
        QCOMPARE(table->item(dense, HealthPanel::AlphaColumn)->text(), QString::number(want[QStringLiteral("alpha")].toDouble(), 'f', 2));
        QCOMPARE(table->item(dense, HealthPanel::MethodColumn)->text(), QStringLiteral("exact"));
        QCOMPARE(table->item(dense, HealthPanel::MatrixColumn)->text(), QStringLiteral("200 × 120"));
        QCOMPARE(table->item(dense, HealthPanel::OutliersColumn)->text(), QStringLiteral("0"));
        const double norm = table->item(dense, HealthPanel::SpectralNormColumn)->data(kValueRole).toDouble();
        QVERIFY2(std::abs(norm - want[QStringLiteral("spectral_norm")].toDouble()) < 1e-9, qPrintable(QString::number(norm, 'g', 17)));
        const int conv = rowOf(table, QStringLiteral("conv.weight"));
        QCOMPARE(table->item(conv, HealthPanel::MatrixColumn)->text(), QStringLiteral("16 × 72 (kernel)"));
        const int broken = rowOf(table, QStringLiteral("broken.weight"));
        QVERIFY2(table->item(broken, HealthPanel::MethodColumn)->text().contains(QStringLiteral("NaN")),
            qPrintable(table->item(broken, HealthPanel::MethodColumn)->text()));
        QVERIFY2(inspector_->health()->caption().contains(QStringLiteral("1 not analysed")), qPrintable(inspector_->health()->caption()));

        // Sortable by any column, by value: σ max descending puts the kernel (1.04) over dense (0.50).
        QVERIFY(table->isSortingEnabled());
        table->sortByColumn(HealthPanel::SpectralNormColumn, Qt::DescendingOrder);
        QCOMPARE(table->item(0, HealthPanel::NameColumn)->text(), QStringLiteral("conv.weight"));
        QCOMPARE(table->item(1, HealthPanel::NameColumn)->text(), QStringLiteral("dense.weight"));
    }

    void clickingARowSelectsTheTensorInTheTree()
    {
        openAndWait(kModel);
        showAndWait();
        QTableWidget* table = inspector_->health()->table();
        const int conv = rowOf(table, QStringLiteral("conv.weight"));
        const QRect cell = table->visualItemRect(table->item(conv, HealthPanel::NameColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(inspector_->currentTensor(), 2); // model.npz: dense.weight, dense.bias, conv.weight, broken.weight
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
            table->visualItemRect(table->item(rowOf(table, QStringLiteral("dense.weight")), HealthPanel::AlphaColumn)).center());
        QCOMPARE(inspector_->currentTensor(), 0);
    }

    void healthMapColoursTheTreeByTheChosenMetric()
    {
        openAndWait(kModel);
        showAndWait();
        HealthPanel* panel = inspector_->health();
        QVERIFY(panel->treeColours().isEmpty()); // "nothing" until chosen
        panel->mapMetric()->setCurrentIndex(1);  // α
        const QHash<int, QColor> colours = panel->treeColours();
        QCOMPARE(colours.size(), 2); // dense.weight and conv.weight; the broken tensor has no α
        QVERIFY(colours.contains(0) && colours.contains(2));
        QVERIFY(colours[0] != colours[2]); // α 5.06 and 2.78: the two ends of the scale
        QVERIFY2(panel->legendText().startsWith(QStringLiteral("2.778 (left) to 5.061 (right), 2 tensor(s)")), qPrintable(panel->legendText()));
        QTreeWidgetItem* conv = nullptr;
        for (QTreeWidgetItemIterator it(inspector_->modelTree()->tree()); *it; ++it)
            if ((*it)->data(0, ModelTreePanel::kTensorRole).toInt() == 2)
                conv = *it;
        QVERIFY(conv);
        QVERIFY(!conv->icon(0).isNull());
        panel->mapMetric()->setCurrentIndex(0);
        QVERIFY(conv->icon(0).isNull());
    }

    void healthMapColoursTheArchitectureViewLikeTheTree() // #18 item 4
    {
        openAndWait(kModel);
        showAndWait();
        HealthPanel* panel = inspector_->health();
        ArchitecturePanel* arch = inspector_->architecture();
        // model.npz has no architecture: a box per name group — dense (weight, bias), conv, broken.
        const int dense = boxHolding(0), conv = boxHolding(2), broken = boxHolding(3);
        QVERIFY(dense >= 0 && conv >= 0 && broken >= 0);
        const QColor plain = arch->boxFill(dense);
        QVERIFY(arch->legendText().isEmpty());
        panel->mapMetric()->setCurrentIndex(1); // α
        const QHash<int, QColor> colours = panel->treeColours();
        QCOMPARE(arch->boxFill(dense), colours[0]); // the bias has no α: the weight's colour
        QCOMPARE(arch->boxFill(conv), colours[2]);
        QVERIFY(arch->boxFill(dense) != arch->boxFill(conv));
        QVERIFY2(arch->boxToolTip(dense).contains(QStringLiteral("α: 5.061 (dense.weight)")), qPrintable(arch->boxToolTip(dense)));
        QVERIFY2(arch->boxToolTip(broken).contains(QStringLiteral("α: no value")), qPrintable(arch->boxToolTip(broken)));
        QVERIFY(arch->boxFill(broken) != colours[0] && arch->boxFill(broken) != colours[2]);
        QVERIFY2(arch->legendText().startsWith(QStringLiteral("α from 2.778 (left) to 5.061 (right)")), qPrintable(arch->legendText()));
        panel->mapMetric()->setCurrentIndex(7); // ‖W‖F: another metric, other colours
        QVERIFY2(arch->boxToolTip(conv).contains(QStringLiteral("‖W‖F: ")), qPrintable(arch->boxToolTip(conv)));
        panel->mapMetric()->setCurrentIndex(0);
        QCOMPARE(arch->boxFill(dense), plain);
        QVERIFY(arch->legendText().isEmpty());
        QVERIFY(!arch->boxToolTip(dense).contains(QStringLiteral("α")));
    }

    void aBoxOfSeveralTensorsShowsTheHighestValue()
    {
        const HealthMap map(QStringLiteral("x"), { { 0, 1.0 }, { 1, 3.0 }, { 2, std::nan("") }, { 5, -2.0 } });
        int which = -7, count = -7;
        QCOMPARE(map.boxValue({ 0, 1, 2 }, &which, &count), 3.0);
        QCOMPARE(which, 1);
        QCOMPARE(count, 2); // the NaN is no value
        QVERIFY(std::isnan(map.boxValue({ 2, 9 }, &which, &count)));
        QCOMPARE(which, -1);
        QCOMPARE(map.lo(), -2.0);
        QCOMPARE(map.hi(), 3.0);
        QVERIFY(map.colour(-2.0) != map.colour(3.0));
        QCOMPARE(map.colour(100.0), map.colour(3.0)); // clamped to the scale

        // Log scale: 0.001, 0.01, 0.1 are the ends and the middle, whatever the linear distances;
        // 0 and below get the low end.
        const HealthMap log(QStringLiteral("e"), { { 0, 0.001 }, { 1, 0.01 }, { 2, 0.1 }, { 3, 0.0 } }, true);
        QCOMPARE(log.lo(), 0.001);
        QCOMPARE(log.hi(), 0.1);
        const HealthMap mid(QStringLiteral("m"), { { 0, 0.0 }, { 1, 1.0 } });
        QCOMPARE(log.colour(0.01), mid.colour(0.5));
        QCOMPARE(log.colour(0.0), log.colour(0.001));
        QVERIFY(log.colour(0.01) != log.colour(0.001) && log.colour(0.01) != log.colour(0.1));
        const HealthMap linear(QStringLiteral("e"), { { 0, 0.001 }, { 1, 0.01 }, { 2, 0.1 } });
        QVERIFY(linear.colour(0.01) != log.colour(0.01));
    }

    // #18 item 4: a comparison's error per tensor as a map metric, tree and architecture alike.
    void quantizationErrorColoursTheTreeAndTheArchitectureView()
    {
        openAndWait(kData + QStringLiteral("/compare/llama_hf.safetensors"));
        HealthPanel* panel = inspector_->health();
        QCOMPARE(panel->mapMetric()->count(), 8); // no comparison yet: no error to choose
        compareAndWait(kData + QStringLiteral("/compare/llama_q4_k.gguf"));
        QCOMPARE(panel->mapMetric()->count(), 9);
        QCOMPARE(panel->mapMetric()->itemText(8), QStringLiteral("quantization error (rel. L2)"));
        panel->mapMetric()->setCurrentIndex(8);
        const HealthMap map = panel->map();
        // Every compared pair's relative L2 error, by A's tensor index, as the Compare dock has it.
        int compared = 0;
        for (const DiffRow& r : inspector_->comparison()->rows())
            if (r.indexA >= 0 && r.indexB >= 0 && r.stats.computed && std::isfinite(r.stats.relativeL2)) {
                ++compared;
                QCOMPARE(map.values().value(int(r.indexA), -1), r.stats.relativeL2);
            }
        QVERIFY(compared >= 10);
        QCOMPARE(map.values().size(), compared);
        QCOMPARE(panel->treeColours().size(), compared);
        // Each box (here one tensor a box: no config.json, no groups): the colour of its error,
        // the value in the tooltip.
        ArchitecturePanel* arch = inspector_->architecture();
        const auto checkBoxes = [&] {
            int several = 0;
            for (int i = 0; i < arch->boxCount(); ++i) {
                double highest = -1;
                int count = 0;
                for (int t : arch->boxes()[i].tensors)
                    if (map.values().contains(t)) {
                        highest = std::max(highest, map.values()[t]);
                        ++count;
                    }
                if (count == 0)
                    continue;
                several += count > 1;
                if (arch->boxFill(i) != map.colour(highest) || !arch->boxToolTip(i).contains(
                        QStringLiteral("quantization error (rel. L2): ") + mapValueText(highest)))
                    return -1 - i;
            }
            return several;
        };
        QCOMPARE(checkBoxes(), 0);
        QVERIFY2(arch->legendText().startsWith(QStringLiteral("quantization error (rel. L2) from ")), qPrintable(arch->legendText()));
        panel->mapLogScale()->setChecked(true); // the norms' errors are 0: the rest spans a decade
        QVERIFY(panel->map().logScale());
        QVERIFY2(arch->legendText().contains(QStringLiteral("log scale")), qPrintable(arch->legendText()));
        QVERIFY2(panel->legendText().endsWith(QStringLiteral(", log scale")), qPrintable(panel->legendText()));
        panel->mapLogScale()->setChecked(false);
        // Another file: the comparison, and so its metric, goes.
        openAndWait(kModel);
        QCOMPARE(panel->mapMetric()->count(), 8);
        QCOMPARE(panel->mapMetric()->currentIndex(), 0);
        QVERIFY(arch->legendText().isEmpty());
    }

    void twoCheckpointsGiveTheChangeSinceB()
    {
        // Two checkpoints of one model: dense.weight and dense.bias form one box (a name group),
        // the bias changed more; out.weight is a box of its own.
        QTemporaryDir dir;
        Rng rng(3);
        std::vector<std::pair<std::string, Tensor>> before, after;
        std::vector<double> change;
        for (const auto& [name, shape, step] : { std::tuple { "dense.weight", Shape { 24, 16 }, 0.1 },
                 std::tuple { "dense.bias", Shape { 24 }, 0.5 }, std::tuple { "out.weight", Shape { 4, 24 }, 0.01 } }) {
            Tensor a(shape), b(shape);
            double dd = 0, aa = 0;
            for (int64_t i = 0; i < a.size(); ++i) {
                a[i] = float(rng.normal());
                b[i] = a[i] + float(step * rng.normal());
                dd += (double(a[i]) - double(b[i])) * (double(a[i]) - double(b[i]));
                aa += double(a[i]) * double(a[i]);
            }
            change.push_back(std::sqrt(dd / aa));
            before.emplace_back(name, std::move(a));
            after.emplace_back(name, std::move(b));
        }
        writeNpz(dir.filePath(QStringLiteral("a.npz")).toStdString(), before);
        writeNpz(dir.filePath(QStringLiteral("b.npz")).toStdString(), after);
        openAndWait(dir.filePath(QStringLiteral("a.npz")));
        compareAndWait(dir.filePath(QStringLiteral("b.npz")));
        HealthPanel* panel = inspector_->health();
        QCOMPARE(panel->mapMetric()->itemText(8), QStringLiteral("change since B (rel. L2)"));
        panel->mapMetric()->setCurrentIndex(8);
        const HealthMap map = panel->map();
        QCOMPARE(map.values().size(), 3);
        for (int t = 0; t < 3; ++t)
            QVERIFY2(std::abs(map.values().value(t) - change[size_t(t)]) < 1e-9 * change[size_t(t)], qPrintable(QString::number(t)));
        QCOMPARE(panel->treeColours().size(), 3);
        ArchitecturePanel* arch = inspector_->architecture();
        const int dense = boxHolding(0), out = boxHolding(2);
        QCOMPARE(boxHolding(1), dense);
        QVERIFY(change[1] > change[0]);
        QCOMPARE(arch->boxFill(dense), map.colour(change[1])); // the highest of the two
        QVERIFY2(arch->boxToolTip(dense).contains(QStringLiteral("change since B (rel. L2): %1, the highest of 2 tensor(s) with a value (dense.bias)")
                                                      .arg(mapValueText(change[1]))),
            qPrintable(arch->boxToolTip(dense)));
        QCOMPARE(arch->boxFill(out), map.colour(change[2]));
        QVERIFY(arch->boxFill(out) != arch->boxFill(dense));
        // A new comparison takes the old one's errors away until it is done.
        inspector_->compareWith(dir.filePath(QStringLiteral("b.npz")));
        QCOMPARE(panel->mapMetric()->count(), 8);
        QVERIFY(arch->legendText().isEmpty());
    }

    void secondReportComesFromTheCache()
    {
        openAndWait(kModel);
        showAndWait();
        QVERIFY(!inspector_->health()->caption().contains(QStringLiteral("from the cache")));
        QSignalSpy finished(inspector_->healthController(), &HealthController::finished);
        inspector_->health()->computeButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY2(inspector_->health()->caption().contains(QStringLiteral("2 from the cache")), qPrintable(inspector_->health()->caption()));
        QCOMPARE(inspector_->health()->table()->rowCount(), 3);
    }

    void cancelStopsALongReportAndANewFileDropsIt()
    {
        // 4096 × 4096: the exact method's largest matrix, seconds of work, read in 16 blocks.
        QTemporaryDir dir;
        Tensor big({ 4096, 4096 });
        Rng rng(7);
        for (int64_t i = 0; i < big.size(); ++i)
            big[i] = float(rng.normal());
        const QString path = dir.filePath(QStringLiteral("big.npy"));
        writeNpy(path.toStdString(), big);
        openAndWait(path);
        QSignalSpy finished(inspector_->healthController(), &HealthController::finished);
        inspector_->showHealth();
        QTRY_VERIFY_WITH_TIMEOUT(inspector_->healthController()->running(), 5000);
        QVERIFY(inspector_->health()->cancelButton()->isVisible());
        inspector_->health()->cancelButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY2(inspector_->health()->caption().startsWith(QStringLiteral("Cancelled")), qPrintable(inspector_->health()->caption()));
        QCOMPARE(inspector_->health()->table()->rowCount(), 0);
        QVERIFY(inspector_->health()->computeButton()->isVisible());

        // Started again, then another file: its report replaces the big one's.
        inspector_->health()->computeButton()->click();
        QVERIFY(inspector_->healthController()->running());
        openAndWait(kModel);
        QTRY_VERIFY_WITH_TIMEOUT(inspector_->healthController()->done(), 30000);
        QCOMPARE(inspector_->health()->table()->rowCount(), 3);
        QVERIFY2(inspector_->health()->caption().startsWith(QStringLiteral("model.npz")), qPrintable(inspector_->health()->caption()));
    }

private:
    void openAndWait(const QString& path)
    {
        QSignalSpy opened(inspector_, &Inspector::modelOpened);
        inspector_->open(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    }

    void compareAndWait(const QString& path)
    {
        QSignalSpy done(inspector_, &Inspector::compareFinished);
        inspector_->compareWith(path);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    }

    int boxHolding(int tensor) const
    {
        const QList<ArchitectureBox>& boxes = inspector_->architecture()->boxes();
        for (int i = 0; i < boxes.size(); ++i)
            if (boxes[i].tensors.contains(tensor))
                return i;
        return -1;
    }

    void showAndWait()
    {
        QSignalSpy finished(inspector_->healthController(), &HealthController::finished);
        inspector_->showHealth();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(inspector_->healthController()->done());
    }

    QTemporaryDir cache_;
    ws::test::ShownWindow shown_;
    Inspector* inspector_ = nullptr;
};

QTEST_MAIN(TestHealth)
#include "test_health.moc"
