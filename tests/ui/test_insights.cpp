// SPDX-License-Identifier: GPL-3.0-or-later
// The training panel's insight tabs: the activations view shows one map per channel and one bar
// per unit of a small CNN; switching a unit off (a click in the activations) changes the shown
// test accuracy to the value counted by hand, and back; a confusion cell lists its samples; a
// real run through the panel sends one snapshot per epoch, which the analysis thread (not the
// training thread) evaluates; a new run drops the evaluations of the one before.
#include "UiTestSetup.h"
#include "threads/HandOff.h"
#include "training/AblationPanel.h"
#include "training/ActivationPlots.h"
#include "training/ActivationsView.h"
#include "training/ConfusionBrowser.h"
#include "training/ConfusionHeatmap.h"
#include "training/ConfusionView.h"
#include "training/TrainingInsights.h"
#include "training/TrainingPanel.h"
#include "training/TrainingWorker.h"

#include "shell/AppSettings.h"
#include "nn/Dense.h"
#include "nn/LayerFactory.h"
#include "train/Metrics.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QToolTip>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace ws;
using namespace ws::ui;

namespace {

Sequential modelFromSpec(const std::string& spec, Shape input)
{
    Sequential model = Sequential::fromConfig({ { "input_shape", input }, { "layers", parseLayerSpec(spec) } });
    model.initialize(5);
    return model;
}

// n images (8, 8, 1) with labels 0..3 in turn.
std::shared_ptr<Dataset> images(int n)
{
    auto d = std::make_shared<Dataset>();
    d->x = Tensor({ n, 8, 8, 1 });
    for (int64_t k = 0; k < d->x.size(); ++k)
        d->x.data()[k] = float((k * 37) % 11) / 10.0f;
    d->numClasses = 4;
    d->classNames = { "zero", "one", "two", "three" };
    for (int i = 0; i < n; ++i)
        d->labels.push_back(i % 4);
    return d;
}

// Applies the circle experiment both snapshot tests train (a tiny net, 3 epochs) to panel and
// waits until it can start. The worker emits its snapshots on its thread, where a QSignalSpy
// would append while this thread reads (ThreadSanitizer): they come over through inbox, as to
// the panel, and collect in snapshots.
void prepareCircleRun(TrainingPanel& panel, HandOff& inbox, QList<ModelSnapshot>& snapshots)
{
    Experiment e;
    e.dataset.name = "circle";
    e.dataset.seed = 3;
    e.model = "dense(8) tanh dense(2)";
    e.train.epochs = 3;
    e.train.batchSize = 16;
    e.train.seed = 3;
    e.train.threads = 1;
    QSignalSpy previews(&panel, &TrainingPanel::previewShown);
    panel.applyExperiment(e);
    QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.modelCheck().contains(QStringLiteral("parameters")), 5000);
    inbox.connect(panel.worker(), &TrainingWorker::snapshotReady,
        [&snapshots](const ModelSnapshot& s) { snapshots.append(s); });
}

} // namespace

class TestInsights : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_insights"));
    }

    void activationsShowAMapPerChannelAndABarPerUnit()
    {
        Sequential model = modelFromSpec("conv2d(3, 3) relu maxpool2d(2) flatten dense(6) relu dense(4)", { 8, 8, 1 });
        TrainingInsights insights;
        insights.resize(900, 700);
        insights.show();
        insights.addSnapshot(makeSnapshot(model, images(12), LossKind::SoftmaxCrossEntropy, 1, 1, true, 10));
        ActivationsView* view = insights.activations();
        QTRY_COMPARE_WITH_TIMEOUT(view->layerCount(), 7, 10000);
        struct Want { bool maps; int units; };
        // conv (6, 6, 3), relu (6, 6, 3), pool (3, 3, 3), flatten (27), dense (6), relu (6), dense (4)
        const Want want[] = { { true, 3 }, { true, 3 }, { true, 3 }, { false, 27 }, { false, 6 }, { false, 6 }, { false, 4 } };
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(view->layerPlot(i)->showsMaps(), want[i].maps);
            QCOMPARE(view->layerPlot(i)->unitCount(), want[i].units);
        }
        QCOMPARE(view->probabilities()->count(), 4);

        // Another sample, then a drawing: the same layers, computed again.
        view->setSample(5);
        QCOMPARE(view->sampleIndex(), 5);
        QCOMPARE(int(view->drawing().size()), 64);
        QTest::qWait(200);
        QCOMPARE(view->layerCount(), 7);

        // An empty drawing is the darkest input of the data (0 here) everywhere: the probabilities
        // shown are core's for that input.
        QPushButton* draw = nullptr;
        for (QPushButton* b : view->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Draw"))
                draw = b;
        QVERIFY(draw && draw->isEnabled());
        QSignalSpy computed(&insights, &TrainingInsights::activationsShown);
        draw->click();
        QCOMPARE(view->sampleIndex(), -1);
        QTRY_VERIFY_WITH_TIMEOUT(!computed.isEmpty(), 10000);
        const auto shown = computed.last().first().value<ActivationsResult>();
        QCOMPARE(shown.sampleIndex, -1);
        const SampleActivations dark = sampleActivations(model, Tensor({ 1, 8, 8, 1 }), {}, LossKind::SoftmaxCrossEntropy);
        QCOMPARE(shown.activations.probabilities, dark.probabilities);
    }

    void switchingAUnitOffChangesTheShownAccuracy()
    {
        // x (a, b) > 0; an identity layer, ReLU, identity: predicts 0 where a > b, else 1.
        Sequential model = modelFromSpec("dense(2) relu dense(2)", { 2 });
        for (const size_t i : { size_t(0), size_t(2) }) {
            auto& dense = dynamic_cast<Dense&>(model.layer(i));
            dense.kernel().value = Tensor({ 2, 2 });
            dense.kernel().value.data()[0] = dense.kernel().value.data()[3] = 1.0f;
            dense.bias().value = Tensor({ 2 });
        }
        // 20 samples: 12 of class 0 (a > b), 8 of class 1. With unit 0 of the ReLU off the logits
        // are (0, b), b > 0: everything is class 1, accuracy 8/20 = 40 %.
        auto test = std::make_shared<Dataset>();
        test->x = Tensor({ 20, 2 });
        test->numClasses = 2;
        for (int i = 0; i < 20; ++i) {
            const bool zero = i < 12;
            test->x.data()[2 * i] = zero ? 2.0f + 0.1f * float(i) : 0.5f;
            test->x.data()[2 * i + 1] = zero ? 1.0f : 1.0f + 0.1f * float(i);
            test->labels.push_back(zero ? 0 : 1);
        }
        TrainingInsights insights;
        insights.resize(900, 700);
        insights.show();
        insights.setCurrentIndex(1);
        insights.addSnapshot(makeSnapshot(model, test, LossKind::SoftmaxCrossEntropy, 1, 1, true, 1));
        AblationPanel* ablation = insights.ablation();
        QTRY_VERIFY2(ablation->accuracyText().contains(QStringLiteral("100.00 %")), qPrintable(ablation->accuracyText()));

        ActivationsView* view = insights.activations();
        QTRY_COMPARE_WITH_TIMEOUT(view->layerCount(), 3, 10000);
        LayerPlot* relu = view->layerPlot(1);
        QTRY_VERIFY(relu->width() > 20);
        QTest::mouseClick(relu, Qt::LeftButton, {}, relu->unitRect(0).center());
        QVERIFY(insights.mask().isOff(1, 0));
        QTRY_VERIFY2(ablation->accuracyText().contains(QStringLiteral("40.00 %")), qPrintable(ablation->accuracyText()));
        QVERIFY2(ablation->accuracyText().contains(QStringLiteral("-60.00")), qPrintable(ablation->accuracyText()));
        const ConfusionCells* cells = ablation->heatmap()->cells();
        QVERIFY(cells);
        QCOMPARE(cells->count(0, 1), 12);
        QCOMPARE(cells->count(1, 1), 8);
        // The model itself is untouched: the snapshot's weights are the identity still.
        QCOMPARE(dynamic_cast<Dense&>(insights.snapshot().model->layer(2)).kernel().value.data()[0], 1.0f);

        insights.toggleUnit(1, 0); // back on
        QVERIFY(insights.mask().empty());
        QTRY_VERIFY2(ablation->accuracyText().contains(QStringLiteral("no unit switched off")), qPrintable(ablation->accuracyText()));
        QVERIFY2(ablation->accuracyText().contains(QStringLiteral("100.00 %")), qPrintable(ablation->accuracyText()));
        QCOMPARE(ablation->heatmap()->cells()->count(1, 1), 8);
        QCOMPARE(ablation->heatmap()->cells()->count(0, 0), 12);
    }

    void ablationOfTenThousandImagesLeavesTheEventLoopRunning()
    {
        // Fashion-MNIST's test set in size: 10 000 images (28, 28, 1) through a small CNN.
        Sequential model = modelFromSpec("conv2d(8, 3) relu maxpool2d(2) flatten dense(10)", { 28, 28, 1 });
        auto test = std::make_shared<Dataset>();
        test->x = Tensor({ 10000, 28, 28, 1 });
        for (int64_t k = 0; k < test->x.size(); ++k)
            test->x.data()[k] = float((k * 7919) % 255) / 255.0f;
        test->numClasses = 10;
        for (int i = 0; i < 10000; ++i)
            test->labels.push_back(i % 10);
        TrainingInsights insights;
        insights.addSnapshot(makeSnapshot(model, test, LossKind::SoftmaxCrossEntropy, 1, 1, true, 1));
        AblationPanel* ablation = insights.ablation();
        // The epoch's evaluation of the 10 000 images runs on the analysis thread first.
        QTRY_VERIFY_WITH_TIMEOUT(ablation->accuracyText().contains(QStringLiteral("no unit switched off")), 60000);

        // A probe timer on the GUI thread: ticks keep coming while the evaluation runs elsewhere.
        QElapsedTimer clock;
        qint64 last = 0, longest = 0;
        int ticks = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
            ++ticks;
        });
        clock.start();
        probe.start();
        insights.toggleUnit(1, 3);
        QTRY_VERIFY_WITH_TIMEOUT(ablation->accuracyText().contains(QStringLiteral("1 unit(s) switched off"))
                || ablation->accuracyText().contains(QStringLiteral("1 unit switched off")), 60000);
        const qint64 took = clock.elapsed();
        probe.stop();
        qInfo("ablation of 10000 images: %lld ms; %d probe ticks, longest event-loop gap %lld ms", took, ticks, longest);
        QVERIFY2(ticks >= 2, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(took)));
        QCOMPARE(ablation->heatmap()->cells()->total, 10000);
    }

    void aConfusionCellListsItsSamples()
    {
        Sequential model = modelFromSpec("flatten dense(4)", { 8, 8, 1 });
        auto test = images(200);
        TrainingInsights insights;
        insights.resize(900, 700);
        insights.show();
        const ModelSnapshot first = makeSnapshot(model, test, LossKind::SoftmaxCrossEntropy, 1, 1, true, 1);
        QVERIFY(!first.confusion); // the copy only: the analysis worker evaluates it
        ConfusionView* view = insights.confusion();
        view->showCell(0, 0); // chosen before any epoch (--training-view confusion:0:0): kept for it
        insights.addSnapshot(first);
        model.params()[0]->value.data()[3] += 0.5f;
        insights.addSnapshot(makeSnapshot(model, test, LossKind::SoftmaxCrossEntropy, 1, 2, true, 2));
        insights.addSnapshot(makeSnapshot(model, test, LossKind::SoftmaxCrossEntropy, 1, 2, false, 3)); // while paused: not an epoch
        QTRY_COMPARE_WITH_TIMEOUT(view->epochCount(), 2, 10000);
        QCOMPARE(view->shownEpoch(), 2);
        const ConfusionCells* latest = view->heatmap()->cells();
        QVERIFY(latest && latest->count(0, 0) > 0);
        QCOMPARE(view->samples()->count(), int(std::min<int64_t>(latest->count(0, 0), ConfusionBrowser::kMaxSamples)));
        view->showEpoch(1);
        QCOMPARE(view->shownEpoch(), 1);

        // Epoch 1 as core evaluates the first snapshot's model: the same cells, accuracy and loss.
        std::vector<int32_t> predicted;
        const Evaluation ev = evaluate(*first.model, *test, LossKind::SoftmaxCrossEntropy, 256, 0, &predicted);
        const ConfusionCells want = confusionCells(test->labels, predicted, 4);
        const ConfusionCells* shown = view->heatmap()->cells();
        QVERIFY(shown);
        QCOMPARE(shown->counts, want.counts);
        QVERIFY2(view->epochText().contains(QStringLiteral("test accuracy %1 %").arg(100.0 * ev.accuracy, 0, 'f', 2)),
            qPrintable(view->epochText()));
        QVERIFY2(view->epochText().contains(QStringLiteral("loss %1").arg(ev.loss, 0, 'f', 4)), qPrintable(view->epochText()));

        // The fullest cell of epoch 1; over 64 samples only the first 64 are shown.
        int bt = 0, bp = 0;
        for (int t = 0; t < 4; ++t)
            for (int p = 0; p < 4; ++p)
                if (want.count(t, p) > want.count(bt, bp))
                    bt = t, bp = p;
        QTest::mouseClick(view->heatmap(), Qt::LeftButton, {}, view->heatmap()->cellRect(bt, bp).center());
        const int count = int(std::min<int64_t>(want.count(bt, bp), ConfusionBrowser::kMaxSamples));
        QVERIFY(count > 0);
        QCOMPARE(view->samples()->count(), count);
        const QListWidgetItem* item = view->samples()->item(0);
        QCOMPARE(item->data(Qt::UserRole).toLongLong(), want.cell(bt, bp).front());
        QVERIFY(!item->icon().isNull()); // images get thumbnails

        // The chosen cell stays chosen on another epoch: its samples there.
        view->showEpoch(2);
        const ConfusionCells* second = view->heatmap()->cells();
        QVERIFY(second && second != shown);
        QCOMPARE(view->samples()->count(), int(std::min<int64_t>(second->count(bt, bp), ConfusionBrowser::kMaxSamples)));
    }

    // #21: at small sizes the counts overlapped and so did the class names. A count is written only
    // where it fits its cell whole, the names are thinned to one a line, and every cell keeps its
    // tooltip.
    void theConfusionMatrixIsReadableAtAnySize()
    {
        const int k = 10;
        std::vector<int32_t> labels, predicted;
        for (int t = 0; t < k; ++t)
            for (int i = 0; i < 1234; ++i) {
                labels.push_back(t);
                predicted.push_back(i % 7 == 0 ? (t + 1) % k : t); // 1234 - 177 = 1057 right per class
            }
        auto cells = std::make_shared<const ConfusionCells>(confusionCells(labels, predicted, k));
        QStringList names;
        for (int c = 0; c < k; ++c)
            names << QStringLiteral("class %1").arg(c);
        ConfusionHeatmap heatmap;
        heatmap.setCells(cells, names);
        const QFontMetrics fm(heatmap.font());

        heatmap.resize(280, 260); // the ablation tab in a 1366 × 768 window: cells of 18 px
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        QCOMPARE(cells->count(3, 3), int64_t(1057));
        QVERIFY2(heatmap.cellRect(3, 3).width() > 14 && heatmap.cellRect(3, 3).width() < fm.horizontalAdvance(QStringLiteral("1057")),
            qPrintable(QStringLiteral("the test needs cells of 15 px or more (which wrote their count before) narrower than their count: %1 px")
                           .arg(heatmap.cellRect(3, 3).width())));
        for (int t = 0; t < k; ++t)
            for (int q = 0; q < k; ++q)
                QVERIFY2(!heatmap.countShown(t, q) || QFontMetrics(heatmap.font()).horizontalAdvance(QString::number(cells->count(t, q))) <= heatmap.cellRect(t, q).width(),
                    qPrintable(QStringLiteral("cell %1,%2 writes a count wider than itself").arg(t).arg(q)));
        QVERIFY(!heatmap.countShown(3, 3));
        QVERIFY2(heatmap.labelStride() * heatmap.cellRect(0, 0).height() >= fm.height(),
            qPrintable(QStringLiteral("names every %1 rows of %2 px overlap").arg(heatmap.labelStride()).arg(heatmap.cellRect(0, 0).height())));
        heatmap.resize(180, 170); // smaller still: cells lower than a line of text
        QTRY_VERIFY(heatmap.cellRect(0, 0).height() < fm.height());
        QVERIFY(heatmap.labelStride() > 1);
        QVERIFY2(heatmap.labelStride() * heatmap.cellRect(0, 0).height() >= fm.height(),
            qPrintable(QStringLiteral("names every %1 rows of %2 px overlap").arg(heatmap.labelStride()).arg(heatmap.cellRect(0, 0).height())));

        heatmap.resize(900, 800); // the same matrix large: every count and every name
        QTRY_VERIFY(heatmap.cellRect(3, 3).width() > 60);
        for (int t = 0; t < k; ++t)
            for (int q = 0; q < k; ++q)
                QVERIFY(heatmap.countShown(t, q));
        QCOMPARE(heatmap.labelStride(), 1);

        // The tooltip names the count at any size.
        heatmap.resize(240, 200);
        QTRY_VERIFY(heatmap.cellRect(3, 3).width() < 20);
        QHelpEvent help(QEvent::ToolTip, heatmap.cellRect(3, 3).center(), heatmap.mapToGlobal(heatmap.cellRect(3, 3).center()));
        QApplication::sendEvent(&heatmap, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("1057")), qPrintable(QToolTip::text()));
    }

    void aResetDropsTheEvaluationsOfTheRunBefore()
    {
        // Run 1's epoch on 10 000 images is still being evaluated when run 2 begins: its
        // confusion never reaches the view, which shows run 2's alone.
        Sequential big = modelFromSpec("conv2d(8, 3) relu maxpool2d(2) flatten dense(10)", { 28, 28, 1 });
        auto bigTest = std::make_shared<Dataset>();
        bigTest->x = Tensor({ 10000, 28, 28, 1 });
        bigTest->numClasses = 10;
        for (int i = 0; i < 10000; ++i)
            bigTest->labels.push_back(i % 10);
        Sequential small = modelFromSpec("flatten dense(4)", { 8, 8, 1 });
        auto smallTest = images(40);
        TrainingInsights insights;
        insights.addSnapshot(makeSnapshot(big, bigTest, LossKind::SoftmaxCrossEntropy, 1, 1, true, 100));
        insights.reset();
        insights.addSnapshot(makeSnapshot(small, smallTest, LossKind::SoftmaxCrossEntropy, 2, 1, true, 2));
        ConfusionView* view = insights.confusion();
        QTRY_COMPARE_WITH_TIMEOUT(view->epochCount(), 1, 60000);
        QTest::qWait(200); // nothing of run 1 follows
        QCOMPARE(view->epochCount(), 1);
        QCOMPARE(view->heatmap()->cells()->total, 40);
    }

    void aRunSendsOneSnapshotPerEpoch()
    {
        TrainingPanel panel;
        HandOff inbox(&panel);
        QList<ModelSnapshot> snapshots;
        prepareCircleRun(panel, inbox, snapshots);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy finished(&panel, &TrainingPanel::runFinished);
        panel.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(snapshots.count(), 3);
        const auto outcome = finished.first().first().value<TrainingOutcome>();
        // The training thread evaluates no epoch: it hands copies over. Only the last, which is
        // the final model, comes with the final evaluation (made once, for the run record).
        for (int k = 0; k < 3; ++k) {
            const auto s = snapshots.at(k);
            QCOMPARE(s.epoch, k + 1);
            QVERIFY(s.epochEnd);
            QCOMPARE(bool(s.confusion), k == 2);
        }
        const auto last = snapshots.at(2);
        QCOMPARE(last.confusion, outcome.confusion);
        QCOMPARE(last.confusion->accuracy(), outcome.testAccuracy);
        QCOMPARE(last.testLoss, outcome.testLoss);

        // The analysis thread evaluates the others: every epoch reaches the view, each with
        // core's evaluation of that epoch's model.
        ConfusionView* view = panel.insights()->confusion();
        QTRY_COMPARE_WITH_TIMEOUT(view->epochCount(), 3, 10000);
        for (int k = 0; k < 3; ++k) {
            const auto s = snapshots.at(k);
            std::vector<int32_t> predicted;
            const Evaluation ev = evaluate(*s.model, *s.test, LossKind::SoftmaxCrossEntropy, 256, 0, &predicted);
            view->showEpoch(k + 1);
            QCOMPARE(view->heatmap()->cells()->counts, confusionCells(s.test->labels, predicted, 2).counts);
            QVERIFY2(view->epochText().contains(QStringLiteral("loss %1").arg(ev.loss, 0, 'f', 4)), qPrintable(view->epochText()));
        }
        QCOMPARE(view->heatmap()->cells(), outcome.confusion.get()); // the last epoch: the final evaluation itself
    }

    void refreshWhilePausedSendsASnapshotOfThatStep()
    {
        TrainingPanel panel;
        HandOff inbox(&panel);
        QList<ModelSnapshot> snapshots;
        prepareCircleRun(panel, inbox, snapshots);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy progress(&panel, &TrainingPanel::progressed);
        panel.step(); // a paused run, one batch
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 10000);
        QCOMPARE(snapshots.count(), 0);

        QPushButton* refresh = nullptr;
        for (QPushButton* b : panel.insights()->activations()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Refresh"))
                refresh = b;
        QVERIFY(refresh);
        refresh->click();
        QTRY_COMPARE_WITH_TIMEOUT(snapshots.count(), 1, 10000);
        const ModelSnapshot s = snapshots.first();
        QVERIFY(!s.epochEnd);
        QCOMPARE(s.step, 1);
        QCOMPARE(s.epoch, 0);
        QVERIFY(!s.confusion); // not evaluated on the training thread
        QTRY_COMPARE_WITH_TIMEOUT(panel.insights()->activations()->layerCount(), 3, 10000);
        QCOMPARE(panel.insights()->confusion()->epochCount(), 0); // not the end of an epoch
        QTest::qWait(100);
        QCOMPARE(snapshots.count(), 1); // still paused: nothing more
        panel.shutdown();
    }
};

QTEST_MAIN(TestInsights)
#include "test_insights.moc"
