// SPDX-License-Identifier: GPL-3.0-or-later
// Weightscope's GUI entry point: names for QSettings, translations, the command line, the main window.
#include "shell/AppSettings.h"
#include "shell/MainWindow.h"
#include "shell/Translations.h"

#include "inspector/ComparePanel.h"
#include "inspector/Inspector.h"
#include "playground/PlaygroundPanel.h"
#include "training/TrainingPanel.h"
#include "runs/RunsPanel.h"

#include "util/Threads.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTableWidget>
#include <QIcon>
#include <QTimer>

#include <memory>

namespace {

// --help and --version print and quit: they must work without a display (over ssh, in a
// package build), where constructing a QApplication aborts.
bool onlyPrints(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-?" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    const bool printOnly = onlyPrints(argc, argv);
    std::unique_ptr<QCoreApplication> application = printOnly ? std::make_unique<QCoreApplication>(argc, argv)
                                                               : std::make_unique<QApplication>(argc, argv);
    QCoreApplication& app = *application;
    // Before anything reads QSettings.
    QApplication::setOrganizationName(QStringLiteral("Weightscope"));
    QApplication::setApplicationName(QStringLiteral("weightscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Weightscope"));
    QApplication::setApplicationVersion(QStringLiteral(WS_VERSION));
    if (!printOnly) {
        // Matches packaging/io.github.weightscope.Weightscope.desktop (window icons on Wayland).
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.weightscope.Weightscope"));
        QIcon icon;
        for (int size : { 16, 22, 24, 32, 48, 64, 128, 256, 512 })
            icon.addFile(QStringLiteral(":/icons/%1x%1/io.github.weightscope.Weightscope.png").arg(size));
        QApplication::setWindowIcon(icon);
    }
    // Before the first tr(): the command-line help is translated too.
    ws::ui::installTranslations(ws::ui::settings::language.get());
    // The default for every thread that sets no count of its own (trainings set theirs).
    ws::setDefaultThreadCount(ws::ui::settings::threads.get());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Workbench for neural-network weights"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Start training the built-in playground demo."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a picture of the main window to <file> and quit."),
        QApplication::translate("main", "file"));
    const QCommandLineOption screenshotAfter(QStringLiteral("screenshot-after-ms"),
        QApplication::translate("main", "Wait <ms> milliseconds before the screenshot (default 4000)."),
        QApplication::translate("main", "ms"), QStringLiteral("4000"));
    const QCommandLineOption trainingDemo(QStringLiteral("training-demo"),
        QApplication::translate("main", "Train an MLP on the first 6000 Fashion-MNIST images in the Training panel."));
    const QCommandLineOption trainingModel(QStringLiteral("training-model"),
        QApplication::translate("main", "With --training-demo: train <model> (a preset such as cnn, or layers) instead."),
        QApplication::translate("main", "model"));
    const QCommandLineOption trainingView(QStringLiteral("training-view"),
        QApplication::translate("main", "With --training-demo: show test[:true:predicted] (the final test confusion, the samples "
                                        "of a cell), confusion[:true:predicted] (by epoch) or activations[:layer:unit,...] "
                                        "(units switched off once trained)."),
        QApplication::translate("main", "view"));
    const QCommandLineOption runsFolder(QStringLiteral("runs"),
        QApplication::translate("main", "Show the Runs dock for <folder>, every run selected."),
        QApplication::translate("main", "folder"));
    const QCommandLineOption runsGroup(QStringLiteral("runs-group"),
        QApplication::translate("main", "With --runs: group the compared runs by <key> (tag, lr, seed, ...)."),
        QApplication::translate("main", "key"));
    const QCommandLineOption runsView(QStringLiteral("runs-view"),
        QApplication::translate("main", "With --runs: show <view> below the table (curves, table, parallel, importance, diff, distributions, "
                                 "histograms)."),
        QApplication::translate("main", "view"));
    const QCommandLineOption open(QStringLiteral("open"), QApplication::translate("main", "Open <file> (or folder) in the inspector."),
        QApplication::translate("main", "file"));
    const QCommandLineOption tensor(QStringLiteral("tensor"),
        QApplication::translate("main", "Show the tensor named <name> of the opened file."), QApplication::translate("main", "name"));
    const QCommandLineOption spectrum(QStringLiteral("spectrum"),
        QApplication::translate("main", "Show the Spectrum dock for the opened file's tensor."));
    const QCommandLineOption metadata(QStringLiteral("metadata"),
        QApplication::translate("main", "Show the Metadata view of the opened file."));
    const QCommandLineOption compare(QStringLiteral("compare"),
        QApplication::translate("main", "Compare the opened file with <file> in the Compare dock and show the worst pair."),
        QApplication::translate("main", "file"));
    parser.addOptions({ demo, trainingDemo, trainingModel, trainingView, screenshot, screenshotAfter, runsFolder, runsGroup, runsView, open, tensor, spectrum,
        metadata, compare });
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "A model or weights file to open."),
        QStringLiteral("[file]"));
    parser.process(app);

    ws::ui::MainWindow window;
    const bool takeScreenshot = parser.isSet(screenshot);
    if (!takeScreenshot) // screenshots always show the default layout
        window.restoreLayout();
    QString file = parser.value(open);
    if (file.isEmpty() && !parser.positionalArguments().isEmpty())
        file = parser.positionalArguments().first();
    if (!file.isEmpty()) {
        if (parser.isSet(tensor)) {
            const QString name = parser.value(tensor);
            QObject::connect(window.inspector(), &ws::ui::Inspector::modelOpened, &window,
                [&window, name] { window.inspector()->selectTensor(name); }, Qt::SingleShotConnection);
        }
        if (parser.isSet(spectrum))
            QObject::connect(window.inspector(), &ws::ui::Inspector::modelOpened, &window,
                [&window] { window.inspector()->showSpectrum(); }, Qt::SingleShotConnection);
        if (parser.isSet(metadata))
            QObject::connect(window.inspector(), &ws::ui::Inspector::modelOpened, &window,
                [&window] { window.inspector()->showMetadata(); }, Qt::SingleShotConnection);
        if (parser.isSet(compare)) {
            const QString other = parser.value(compare);
            QObject::connect(window.inspector(), &ws::ui::Inspector::modelOpened, &window,
                [&window, other] { window.inspector()->compareWith(other); }, Qt::SingleShotConnection);
            // Worst first: the top row is the pair that lost most; show its A − B.
            QObject::connect(window.inspector(), &ws::ui::Inspector::compareFinished, &window,
                [&window] { window.inspector()->comparison()->table()->setCurrentCell(0, 0); }, Qt::SingleShotConnection);
        }
        window.inspector()->open(file);
    }
    if (parser.isSet(demo)) {
        window.showPlayground();
        window.playground()->start();
    }
    if (parser.isSet(trainingDemo)) {
        window.showTraining();
        ws::ui::TrainingPanel* panel = window.training();
        ws::Experiment e;
        e.model = "mlp";
        e.dataset.trainLimit = 6000;
        e.validationSplit = 0.1;
        e.train.epochs = 3;
        e.train.batchSize = 32;
        e.train.threads = 1; // see docs/benchmarks.md: on a busy machine OpenMP threads wait on each other
        if (parser.isSet(trainingModel))
            e.model = parser.value(trainingModel).toStdString();
        panel->applyExperiment(e);
        panel->showView(parser.value(trainingView));
        // Start once the data is loaded and the model checked against it.
        QObject::connect(panel, &ws::ui::TrainingPanel::previewShown, panel, &ws::ui::TrainingPanel::start,
            Qt::SingleShotConnection);
    }
    if (parser.isSet(runsFolder)) {
        window.showRuns();
        ws::ui::RunsPanel* runs = window.runs();
        QObject::connect(runs, &ws::ui::RunsPanel::scanFinished, runs, [runs] { runs->selectAll(); },
            Qt::SingleShotConnection);
        runs->showView(parser.value(runsView), parser.value(runsGroup));
        runs->setFolder(parser.value(runsFolder), false);
    }
    window.show();

    if (takeScreenshot) {
        const QString path = parser.value(screenshot);
        auto shoot = [&window, path] {
            const bool saved = window.grab().save(path);
            if (!saved)
                qCritical("could not write %s", qPrintable(path));
            window.close();
            QApplication::exit(saved ? 0 : 1);
        };
        if (!file.isEmpty()) {
            // The picture of an opened file: once its statistics are drawn (and the layout settled).
            auto* inspector = window.inspector();
            const auto drawn = parser.isSet(spectrum) ? &ws::ui::Inspector::spectrumShown : &ws::ui::Inspector::numbersShown;
            if (parser.isSet(compare)) // the A − B of the worst pair, once the comparison is done
                QObject::connect(inspector, &ws::ui::Inspector::compareFinished, &window, [&window, inspector, shoot] {
                    QObject::connect(inspector, &ws::ui::Inspector::numbersShown, &window,
                        [&window, shoot] { QTimer::singleShot(500, &window, shoot); }, Qt::SingleShotConnection);
                }, Qt::SingleShotConnection);
            else
                QObject::connect(inspector, drawn, &window,
                    [&window, shoot] { QTimer::singleShot(500, &window, shoot); }, Qt::SingleShotConnection);
            QObject::connect(inspector, &ws::ui::Inspector::openFailed, &window, [](const QString& message) {
                qCritical("%s", qPrintable(message));
                QApplication::exit(1);
            });
        } else {
            QTimer::singleShot(parser.value(screenshotAfter).toInt(), &window, shoot);
        }
    }
    return app.exec();
}
