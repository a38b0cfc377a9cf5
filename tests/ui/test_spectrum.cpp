// SPDX-License-Identifier: GPL-3.0-or-later
// The Spectrum dock, driven through the main window offscreen: a matrix's singular values and
// power-law α are core's (and so NumPy's: tests/data/spectrum/expected.json); a convolution
// kernel says how it is reshaped; a vector says it has no spectrum; results are cached per
// tensor; Cancel stops a long computation. And PlotExport writes real PNG, SVG and PDF files.
#include "UiTestSetup.h"
#include "shell/MainWindow.h"
#include "common/PlotExport.h"
#include "common/PlotStyle.h"
#include "analysis/Spectrum.h"
#include "inspector/Inspector.h"
#include "inspector/SpectrumPanel.h"
#include "io/NpyWriter.h"
#include "io/WeightFile.h"
#include "tensor/Tensor.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>

using namespace ws;
using namespace ws::ui;

namespace {

const QString kData = QStringLiteral(WS_TEST_DATA_DIR);
const QString kHeavy = kData + QStringLiteral("/spectrum/heavy_150x100.npy");
const QString kKerasCnn = kData + QStringLiteral("/keras/keras3_cnn.keras");

QJsonObject expected(const QString& name)
{
    QFile f(kData + QStringLiteral("/spectrum/expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(name).toObject();
}

} // namespace

class TestSpectrum : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_spectrum"));
    }

    void init()
    {
        QSettings().clear(); // no saved window layout from an earlier test: the default docks
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

    void hiddenDockComputesNothingUntilShown()
    {
        openAndWait(kHeavy);
        QVERIFY(!inspector_->spectrumDock()->isVisible()); // opened from the View menu
        QTest::qWait(300);

        QCOMPARE(inspector_->spectrumComputations(), 0);
        QSignalSpy shown(inspector_, &Inspector::spectrumShown);
        showDock();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(inspector_->spectrumComputations(), 1);
    }

    void showsTheSingularValuesAndAlphaOfTheMatrix()
    {
        openAndWait(kHeavy);
        QSignalSpy shown(inspector_, &Inspector::spectrumShown);
        showDock();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        SpectrumPanel* panel = inspector_->spectrum();
        const QJsonObject want = expected(QStringLiteral("heavy_150x100"));
        const double alpha = want.value(QStringLiteral("alpha")).toDouble();
        QVERIFY2(panel->alphaText().startsWith(QStringLiteral("α = %1 ").arg(alpha, 0, 'f', 2)), qPrintable(panel->alphaText()));
        QVERIFY2(panel->alphaText().contains(QStringLiteral("%1 tail eigenvalues of 100").arg(want.value(QStringLiteral("tail")).toInt())),
            qPrintable(panel->alphaText()));
        QVERIFY(panel->alphaToolTip().contains(QStringLiteral("2–6")));
        QCOMPARE(SpectrumPanel::verdict(1.5, 200), QStringLiteral("below 2: possibly over-fitted"));
        QCOMPARE(SpectrumPanel::verdict(7, 200), QStringLiteral("above 6: possibly under-trained"));
        QCOMPARE(SpectrumPanel::verdict(3, 200), QStringLiteral("2–6: typical of a well-trained layer"));
        // 18 tail eigenvalues give α ± 0.5: no verdict on the layer, and the text says why.
        QVERIFY(SpectrumPanel::verdict(3, 18).startsWith(QStringLiteral("too few tail eigenvalues for a verdict: 18")));

        // By rank, the points are σ in decreasing order: NumPy's, to the Gram matrix's precision.
        panel->setMode(SpectrumPanel::Mode::Rank);
        const QJsonArray sigma = want.value(QStringLiteral("sigma")).toArray();
        QCPGraph* points = panel->plot()->graph(0);
        QCOMPARE(points->dataCount(), sigma.size());
        for (int i = 0; i < sigma.size(); ++i) {
            const double got = (points->data()->begin() + i)->value, ref = sigma[i].toDouble();
            QVERIFY2(std::abs(got - ref) <= 1e-9 * ref + 1e-7 * sigma[0].toDouble(), qPrintable(QStringLiteral("σ%1 %2 vs %3").arg(i).arg(got).arg(ref)));
        }
        QVERIFY(panel->plot()->graph(1)->visible()); // the fitted line
        QCOMPARE(panel->plot()->graph(1)->dataCount(), want.value(QStringLiteral("tail")).toInt());
        // The density: log-spaced bins whose total mass is 1 over the 100 eigenvalues.
        panel->setMode(SpectrumPanel::Mode::Density);
        QVERIFY(panel->plot()->graph(0)->dataCount() > 5);
        QCOMPARE(panel->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
    }

    // #21: the log axes labelled about five decades whatever their length, so a narrow dock over
    // 10^1…10^7 ran the labels into each other. Labels are now at least a label's width apart at
    // any width, and every decade is labelled where there is room.
    void logAxisLabelsNeverOverlap()
    {
        QCustomPlot plot;
        setFittedLogAxis(plot.xAxis);
        setFittedLogAxis(plot.yAxis);
        plot.xAxis->setRange(10, 1e7);
        plot.yAxis->setRange(1e-11, 1e-3);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const QFontMetrics fm(plot.xAxis->tickLabelFont());
        const int label = fm.horizontalAdvance(QStringLiteral("10")) + fm.horizontalAdvance(QStringLiteral("7"));
        const auto labelled = [](const QCPAxis* axis) {
            QVector<double> ticks;
            for (double t : axis->tickVector())
                if (axis->range().contains(t))
                    ticks << axis->coordToPixel(t);
            std::sort(ticks.begin(), ticks.end());
            return ticks;
        };
        const auto closest = [](const QVector<double>& pixels) {
            double gap = 1e9;
            for (int i = 1; i < pixels.size(); ++i)
                gap = std::min(gap, pixels[i] - pixels[i - 1]);
            return gap;
        };
        for (const QSize size : { QSize(230, 180), QSize(300, 240), QSize(1000, 800), QSize(240, 200) }) {
            plot.resize(size);
            QTRY_COMPARE(plot.viewport().size(), size);
            QTest::qWait(50); // the second drawing a changed room asks for
            const QVector<double> x = labelled(plot.xAxis), y = labelled(plot.yAxis);
            QVERIFY2(x.size() >= 2 && y.size() >= 2, qPrintable(QStringLiteral("%1 and %2 labels").arg(x.size()).arg(y.size())));
            QVERIFY2(closest(x) >= 1.5 * label,
                qPrintable(QStringLiteral("%1 px wide: x labels %2 px apart for labels of %3 px").arg(size.width()).arg(closest(x)).arg(label)));
            QVERIFY2(std::abs(closest(y)) >= 1.5 * fm.height(),
                qPrintable(QStringLiteral("%1 px high: y labels %2 px apart for lines of %3 px").arg(size.height()).arg(closest(y)).arg(fm.height())));
            if (size.width() >= 1000)
                QVERIFY2(x.size() == 7, qPrintable(QStringLiteral("%1 x labels over 10^1…10^7 with room for all").arg(x.size())));
        }
    }

    void kernelsAreReshapedVectorsRefusedAndResultsCached()
    {
        QSignalSpy first(inspector_, &Inspector::spectrumShown);
        openAndWait(kKerasCnn);
        showDock();
        const auto& tensors = inspector_->model().file->tensors();
        int conv = -1, bias = -1, dense = -1;
        for (int i = 0; i < int(tensors.size()); ++i) {
            const size_t rank = tensors[size_t(i)].shape.size();
            if (rank == 4 && conv < 0)
                conv = i;
            if (rank == 1 && bias < 0)
                bias = i;
            if (rank == 2 && dense < 0)
                dense = i;
        }
        QVERIFY(conv >= 0 && bias >= 0 && dense >= 0);
        SpectrumPanel* panel = inspector_->spectrum();

        QCOMPARE(inspector_->currentTensor(), conv); // opening shows the first matrix
        QTRY_VERIFY_WITH_TIMEOUT(!first.isEmpty() && first.last().value(0).toInt() == conv, 30000);
        const Shape& k = tensors[size_t(conv)].shape; // HWIO (3, 3, 2, 3): 3 × 18
        QVERIFY2(panel->statusText().contains(QStringLiteral("of the %1 × %2 matrix").arg(k[3]).arg(k[0] * k[1] * k[2])),
            qPrintable(panel->statusText()));
        QVERIFY(panel->findChildren<QLabel*>().size() > 0);
        QVERIFY2(panel->alphaText().startsWith(QStringLiteral("No power-law fit")), qPrintable(panel->alphaText()));

        selectAndWaitForSpectrum(bias);
        QVERIFY2(panel->statusText().contains(QStringLiteral("2-D weight matrix")), qPrintable(panel->statusText()));
        QVERIFY(!panel->hasResult());

        selectAndWaitForSpectrum(dense);
        QVERIFY(panel->hasResult());
        const int computed = inspector_->spectrumComputations();
        selectAndWaitForSpectrum(conv); // from the cache: nothing computed again
        QVERIFY(panel->hasResult());
        QCOMPARE(inspector_->spectrumComputations(), computed);
    }

    void cancelStopsALongComputation()
    {
        // 3000 × 4096 (48 MB float32): seconds of Gram accumulation, in 3 blocks per column strip.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.npy"));
        Tensor t({ 3000, 4096 });
        for (int64_t i = 0; i < t.size(); ++i)
            t.data()[i] = float(std::sin(double(i) * 0.37));
        writeNpy(path.toStdString(), t);
        openAndWait(path);
        QSignalSpy shown(inspector_, &Inspector::spectrumShown);
        showDock();
        SpectrumPanel* panel = inspector_->spectrum();
        QVERIFY(panel->isComputing());
        QVERIFY(panel->cancelButton()->isVisible());
        QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
        QVERIFY(!panel->isComputing());
        QVERIFY2(panel->statusText().startsWith(QStringLiteral("Cancelled")), qPrintable(panel->statusText()));
        QTest::qWait(300);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(inspector_->spectrumComputations(), 0);
    }

    void plotsExportAsPngSvgAndPdf()
    {
        openAndWait(kHeavy);
        QSignalSpy shown(inspector_, &Inspector::spectrumShown);
        showDock();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCustomPlot* plot = inspector_->spectrum()->plot();
        QTemporaryDir dir;

        const QString svgPath = dir.filePath(QStringLiteral("spectrum.svg"));
        QCOMPARE(PlotExport::save(plot, svgPath), QString());
        QFile svg(svgPath);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        int paths = 0, texts = 0;
        bool root = false;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            root = root || xml.name() == QLatin1String("svg");
            paths += xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline");
            texts += xml.name() == QLatin1String("text");
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(root);
        QVERIFY2(paths > 20, qPrintable(QString::number(paths))); // axes, ticks, points, the fitted line
        QVERIFY2(texts > 3, qPrintable(QString::number(texts)));  // tick labels and axis titles

        const QString pngPath = dir.filePath(QStringLiteral("spectrum.png"));
        QCOMPARE(PlotExport::save(plot, pngPath), QString());
        QImage png(pngPath);
        QCOMPARE(png.width(), 2 * plot->width());
        const QString pdfPath = dir.filePath(QStringLiteral("spectrum.pdf"));
        QCOMPARE(PlotExport::save(plot, pdfPath), QString());
        QFile pdf(pdfPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdf.read(5), QByteArray("%PDF-"));

        QVERIFY(PlotExport::save(plot, dir.filePath(QStringLiteral("spectrum.bmp"))).contains(QStringLiteral("unknown image type")));
        QVERIFY(!PlotExport::save(plot, dir.filePath(QStringLiteral("missing/spectrum.svg"))).isEmpty());
        QVERIFY(PlotExport::fileFilter().contains(QStringLiteral("*.svg")));
    }

private:
    void showDock()
    {
        inspector_->spectrumDock()->show();
        inspector_->spectrumDock()->raise();
    }

    void openAndWait(const QString& path)
    {
        QSignalSpy opened(inspector_, &Inspector::modelOpened);
        inspector_->open(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    }

    void selectAndWaitForSpectrum(int index)
    {
        QSignalSpy shown(inspector_, &Inspector::spectrumShown);
        inspector_->selectTensor(index);
        QCOMPARE(inspector_->currentTensor(), index);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().value(0).toInt() == index, 30000);
    }

    std::unique_ptr<MainWindow> window_;
    Inspector* inspector_ = nullptr;
};

QTEST_MAIN(TestSpectrum)
#include "test_spectrum.moc"
