// SPDX-License-Identifier: GPL-3.0-or-later
// The inspector: opens weight files on a worker thread and shows them in the main window — the
// tensor view as the central widget, the model tree, statistics, metadata, architecture and
// comparison as docks. It owns the panels, the three workers (loading, pictures and statistics,
// comparison; each on its own thread), the Spectrum dock's SpectrumController (a fourth worker),
// the Model Health dock's HealthController (its own std::thread)
// and the recent-files list, and glues them with signals: panels ask, workers answer with
// tickets, stale answers are dropped. The GUI thread never waits for a file or for numerics.
#pragma once

#include "InspectorTypes.h"
#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;
class QProgressBar;
class QToolButton;

namespace ws::ui {

class ArchitecturePanel;
class ComparePanel;
class HealthController;
class HealthPanel;
class InspectorWorker;
class MetadataPanel;
class ModelTreePanel;
class SpectrumController;
class SpectrumPanel;
class RecentFiles;
class StatsPanel;
class TensorViewPanel;

class Inspector : public QObject {
    Q_OBJECT
public:
    // Adds the docks to `window` (which also gets drops); the caller places tensorView().
    explicit Inspector(QMainWindow* window);
    ~Inspector() override;

    void addFileActions(QMenu* file);  // Open…, Open Folder…, Recent Files, Compare With…
    void addViewActions(QMenu* view);  // the docks' toggles
    QList<QDockWidget*> docks() const { return docks_; }
    QDockWidget* statsDock() const { return docks_.value(1); }
    void applyDefaultSizes(); // dock widths of the default layout, once the window has its size

    void open(const QString& path);    // asynchronous: modelOpened or openFailed follows
    void chooseFile();                 // File ▸ Open…: a file dialog, then open()
    void cancelOpen();                 // the result of the running open is dropped
    // Shows a model that is not a file on disk (the Training panel's model after an epoch) in
    // place of the open one, keeping the selected tensor by name; not a recent file. Ignored
    // while a file the user asked for is still opening. liveShown follows.
    void showLive(std::shared_ptr<const WeightFile> file);
    bool isOpening() const { return opening_; }
    bool hasModel() const { return model_.file != nullptr; }
    const LoadedModel& model() const { return model_; }
    void selectTensor(int index);      // as clicking it in the tree does
    void selectTensor(const QString& name); // the open file's tensor of that name, if it has one
    void showSpectrum();               // shows and raises the Spectrum dock
    void showHealth();                 // shows and raises the Model Health dock (which computes)
    void showMetadata();               // raises the Metadata dock (a tab beside the architecture)
    int currentTensor() const { return current_; }
    void compareWith(const QString& path);
    // Writes the shown tensor (.npy, float32) or its shown 2-D view (CSV) on the loader thread.
    void exportTensor(const QString& path, bool csv);
    void shutdown(); // joins the worker threads; call while the widgets still exist

    TensorViewPanel* tensorView() const { return tensorView_; }
    ModelTreePanel* modelTree() const { return modelTree_; }
    StatsPanel* stats() const { return stats_; }
    MetadataPanel* metadata() const { return metadata_; }
    ArchitecturePanel* architecture() const { return architecture_; }
    ComparePanel* comparison() const { return compare_; }
    SpectrumPanel* spectrum() const { return spectrum_; }
    QDockWidget* spectrumDock() const { return spectrumDock_; }
    HealthPanel* health() const { return health_; }
    QDockWidget* healthDock() const { return healthDock_; }
    HealthController* healthController() const { return healthController_; }
    int spectrumComputations() const; // answers computed, not cached
    RecentFiles* recentFiles() const { return recent_; }

signals:
    void modelOpened(const QString& path); // a file the user opened (not showLive)
    // open() of a Playground session file (core/run/PlaygroundSession.h, #22): the Playground's to open.
    void playgroundSessionRequested(const QString& path);
    void liveShown(const QString& label);
    void openFailed(const QString& message);
    void pictureShown(int index);
    void numbersShown(int index);
    void spectrumShown(int index); // a result or a message for the tensor
    void compareFinished();
    void statusMessage(const QString& message);
    void exported(const QString& path, const QString& error);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onOpened(quint64 ticket, const LoadedModel& model);
    void onOpenFailed(quint64 ticket, const QString& message);
    void onTensorSelected(int index);
    void onPicture(const TensorPicture& picture);
    void onNumbers(const TensorNumbers& numbers);
    TensorRequest shownTensorRequest() const; // the current tensor (or difference) as the view shows it
    void requestTensor(bool picture, bool numbers);
    void showDifference(int row);
    void chooseFolder();
    void chooseCompareFile();
    void rebuildRecentMenu();
    void setOpening(bool opening, const QString& path = {});
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* panel, Qt::DockWidgetArea area);

    QMainWindow* window_;
    quint64 liveTicket_ = 0;  // the open ticket of the newest showLive()
    QString liveKeep_;        // the tensor selected when it was asked for
    TensorViewPanel* tensorView_ = nullptr;
    ModelTreePanel* modelTree_ = nullptr;
    StatsPanel* stats_ = nullptr;
    MetadataPanel* metadata_ = nullptr;
    ArchitecturePanel* architecture_ = nullptr;
    ComparePanel* compare_ = nullptr;
    SpectrumPanel* spectrum_ = nullptr;
    QDockWidget* spectrumDock_ = nullptr;
    QDockWidget* metadataDock_ = nullptr;
    SpectrumController* spectrumController_ = nullptr; // the Spectrum dock's worker, cache and tickets
    HealthPanel* health_ = nullptr;
    QDockWidget* healthDock_ = nullptr;
    HealthController* healthController_ = nullptr; // the Model Health dock's thread
    QList<QDockWidget*> docks_;
    QDockWidget* compareDock_ = nullptr;
    RecentFiles* recent_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;

    void requestLens(int row);

    ThreadPtr loaderThread_, computeThread_, compareThread_, lensThread_;
    InspectorWorker* lenser_ = nullptr; // the quantization lens of the selected compare row
    InspectorWorker* loader_ = nullptr;
    InspectorWorker* computer_ = nullptr;
    InspectorWorker* comparer_ = nullptr;

    LoadedModel model_;
    LoadedModel other_;        // the file compared with, once open
    quint64 loadTicket_ = 0;        // the loader's last ticket (opens and compare opens)
    quint64 openTicket_ = 0;        // the open whose answer we take; 0: none
    quint64 compareOpenTicket_ = 0; // the second file of the comparison being opened
    quint64 compareTicket_ = 0;     // the comparison whose rows we show
    quint64 tensorTicket_ = 0;
    quint64 lensTicket_ = 0;
    bool opening_ = false;
    bool docksShown_ = false;  // after the first file, the user decides which docks show
    QString openingPath_;
    int current_ = -1;         // tensor shown (index in model_), -1: none
    int diffRow_ = -1;         // comparison row shown as A − B, -1: the tensor itself
    bool havePicture_ = false; // for the current selection
    bool haveNumbers_ = false;
    HandOff inbox_ { this }; // the workers' results arrive through it; last, so destroyed first
};

} // namespace ws::ui
