// SPDX-License-Identifier: GPL-3.0-or-later
#include "Inspector.h"

#include "common/DockAction.h"
#include "common/Format.h"
#include "shell/AppSettings.h"
#include "ArchitecturePanel.h"
#include "ComparePanel.h"
#include "InspectorWorker.h"
#include "MetadataPanel.h"
#include "ModelTreePanel.h"
#include "QuantLensView.h"
#include "shell/RecentFiles.h"
#include "HealthController.h"
#include "HealthPanel.h"
#include "SpectrumController.h"
#include "SpectrumPanel.h"
#include "StatsPanel.h"
#include "TensorViewPanel.h"
#include "run/PlaygroundSession.h"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace ws::ui {

namespace {

QString fileFilters()
{
    return QStringList{
        Inspector::tr("Weight files and Playground sessions (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz *%1)")
            .arg(QString::fromLatin1(kPlaygroundSessionExtension)),
        Inspector::tr("All weight files (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz)"),
        Inspector::tr("safetensors (*.safetensors)"),
        Inspector::tr("GGUF (*.gguf)"),
        Inspector::tr("ONNX (*.onnx)"),
        Inspector::tr("PyTorch (*.pt *.pth *.bin)"),
        Inspector::tr("Keras (*.h5 *.keras)"),
        Inspector::tr("NumPy (*.npy *.npz)"),
        Inspector::tr("Weightscope model (*.h5)"),
        Inspector::tr("Playground session (*%1)").arg(QString::fromLatin1(kPlaygroundSessionExtension)),
        Inspector::tr("All files (*)"),
    }.join(QStringLiteral(";;"));
}

QString localPathOf(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            return url.toLocalFile();
    return {};
}

} // namespace

Inspector::Inspector(QMainWindow* window) : QObject(window), window_(window)
{
    qRegisterMetaType<LoadedModel>();
    qRegisterMetaType<TensorPicture>();
    qRegisterMetaType<TensorNumbers>();
    qRegisterMetaType<CompareResult>();
    qRegisterMetaType<DiffStats>();
    qRegisterMetaType<SpectrumResult>();
    qRegisterMetaType<LensResult>();

    tensorView_ = new TensorViewPanel;
    modelTree_ = new ModelTreePanel;
    stats_ = new StatsPanel;
    metadata_ = new MetadataPanel;
    architecture_ = new ArchitecturePanel;
    compare_ = new ComparePanel;
    spectrum_ = new SpectrumPanel;
    health_ = new HealthPanel;
    recent_ = new RecentFiles(this);

    QDockWidget* modelDock = addDock(tr("Model"), QStringLiteral("ModelDock"), modelTree_, Qt::LeftDockWidgetArea);
    addDock(tr("Statistics"), QStringLiteral("StatsDock"), stats_, Qt::RightDockWidgetArea);
    QDockWidget* archDock = addDock(tr("Architecture"), QStringLiteral("ArchitectureDock"), architecture_, Qt::LeftDockWidgetArea);
    QDockWidget* metaDock = addDock(tr("Metadata"), QStringLiteral("MetadataDock"), metadata_, Qt::LeftDockWidgetArea);
    metadataDock_ = metaDock;
    compareDock_ = addDock(tr("Compare"), QStringLiteral("CompareDock"), compare_, Qt::BottomDockWidgetArea);
    // Beside the statistics as a tab, opened from the View menu: it computes only while shown.
    spectrumDock_ = addDock(tr("Spectrum"), QStringLiteral("SpectrumDock"), spectrum_, Qt::RightDockWidgetArea);
    // View ▸ Model Health: below, as a tab beside the comparison; it computes when shown.
    healthDock_ = addDock(tr("Model Health"), QStringLiteral("HealthDock"), health_, Qt::BottomDockWidgetArea);
    window_->splitDockWidget(modelDock, archDock, Qt::Vertical);
    window_->tabifyDockWidget(compareDock_, healthDock_);
    window_->tabifyDockWidget(archDock, metaDock);
    window_->tabifyDockWidget(docks_[1], spectrumDock_);
    // Empty docks say nothing: they appear with the first file (the comparison with its first run).
    for (QDockWidget* dock : docks_)
        dock->hide();
    archDock->raise();

    progress_ = new QProgressBar;
    progress_->setRange(0, 0); // the readers report no fraction: a busy bar
    progress_->setMaximumWidth(160);
    progress_->hide();
    cancel_ = new QToolButton;
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop waiting for the file being opened; the open model stays"));
    cancel_->hide();
    connect(cancel_, &QToolButton::clicked, this, &Inspector::cancelOpen);
    window_->statusBar()->addPermanentWidget(progress_);
    window_->statusBar()->addPermanentWidget(cancel_);

    window_->setAcceptDrops(true);
    window_->installEventFilter(this);

    loaderThread_ = startInspectorWorker(loader_, "inspector-load");
    computeThread_ = startInspectorWorker(computer_, "inspector-compute");
    compareThread_ = startInspectorWorker(comparer_, "inspector-compare");
    lensThread_ = startInspectorWorker(lenser_, "inspector-lens");
    spectrumController_ = new SpectrumController(spectrum_, spectrumDock_, this);
    connect(spectrumController_, &SpectrumController::shown, this, &Inspector::spectrumShown);
    healthController_ = new HealthController(health_, healthDock_, this);
    connect(health_, &HealthPanel::treeColoursChanged, modelTree_, &ModelTreePanel::setTensorColours);
    connect(health_, &HealthPanel::mapChanged, architecture_, &ArchitecturePanel::setHealthMap);
    connect(health_, &HealthPanel::tensorActivated, this, [this](int index) {
        if (index >= 0)
            modelTree_->selectTensors({ index });
    });
    inbox_.connect(loader_, &InspectorWorker::opened, this, &Inspector::onOpened);
    inbox_.connect(loader_, &InspectorWorker::openFailed, this, &Inspector::onOpenFailed);
    inbox_.connect(computer_, &InspectorWorker::pictureReady, this, &Inspector::onPicture);
    inbox_.connect(computer_, &InspectorWorker::numbersReady, this, &Inspector::onNumbers);
    inbox_.connect(comparer_, &InspectorWorker::compareMatched, [this](const CompareResult& r) {
        if (r.ticket == compareTicket_)
            compare_->setRows(r);
    });
    inbox_.connect(comparer_, &InspectorWorker::compareRowDone, [this](quint64 ticket, int row, const DiffStats& s) {
        if (ticket == compareTicket_)
            compare_->setStats(row, s);
    });
    inbox_.connect(comparer_, &InspectorWorker::compareFinished, [this](const CompareResult& r) {
        if (r.ticket != compareTicket_)
            return;
        compare_->finish(r);
        // The health map can now colour the model by each pair's error (#18 item 4).
        QHash<int, double> values;
        const QString metric = comparisonMetric(r.rows, values);
        health_->setComparison(metric, values, other_.file ? QString::fromStdString(other_.file->path()) : QString());
        emit compareFinished();
    });

    connect(modelTree_, &ModelTreePanel::tensorSelected, this, &Inspector::onTensorSelected);
    connect(architecture_, &ArchitecturePanel::tensorsSelected, modelTree_, [this](const QList<int>& indices) { modelTree_->selectTensors(indices); });
    connect(tensorView_, &TensorViewPanel::viewChanged, this, [this] { requestTensor(true, false); });
    connect(stats_, &StatsPanel::binsChanged, this, [this] { requestTensor(false, true); });
    connect(compare_, &ComparePanel::compareRequested, this, &Inspector::chooseCompareFile);
    connect(compare_, &ComparePanel::rowSelected, this, &Inspector::showDifference);
    connect(compare_, &ComparePanel::rowSelected, this, &Inspector::requestLens);
    inbox_.connect(lenser_, &InspectorWorker::lensReady, [this](const LensResult& r) {
        if (r.ticket == lensTicket_)
            compare_->lens()->showResult(r);
    });
    connect(recent_, &RecentFiles::changed, this, &Inspector::rebuildRecentMenu);
    connect(tensorView_, &TensorViewPanel::exportRequested, this, &Inspector::exportTensor);
    inbox_.connect(loader_, &InspectorWorker::exported, [this](const QString& path, const QString& error) {
        emit statusMessage(error.isEmpty() ? tr("Wrote %1").arg(path) : error);
        emit exported(path, error);
    });
}

Inspector::~Inspector() { shutdown(); }

void Inspector::applyDefaultSizes()
{
    window_->resizeDocks({ docks_[0], docks_[1] }, { 430, 380 }, Qt::Horizontal);
    window_->resizeDocks({ docks_[0], docks_[2] }, { 400, 330 }, Qt::Vertical); // model tree over architecture
}

void Inspector::shutdown()
{
    // Stale tickets make running jobs stop at their next chunk; then the threads are joined.
    const quint64 never = ~quint64(0);
    if (computer_)
        computer_->supersede(never);
    if (comparer_)
        comparer_->supersede(never);
    if (lenser_)
        lenser_->supersede(never);
    spectrumController_->shutdown();
    healthController_->shutdown();
    computeThread_.reset();
    compareThread_.reset();
    lensThread_.reset();
    loaderThread_.reset(); // a reader in the middle of a header finishes it first
    loader_ = computer_ = comparer_ = lenser_ = nullptr;
}

QDockWidget* Inspector::addDock(const QString& title, const QString& objectName, QWidget* panel, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, window_);
    dock->setObjectName(objectName); // saveState/restoreState find docks by name
    dock->setWidget(panel);
    window_->addDockWidget(area, dock);
    docks_ << dock;
    return dock;
}

void Inspector::addFileActions(QMenu* file)
{
    QAction* open = file->addAction(tr("&Open…"), this, &Inspector::chooseFile);
    // The platform's key, or Ctrl+O where it has none (offscreen, some desktops).
    const QList<QKeySequence> keys = QKeySequence::keyBindings(QKeySequence::Open);
    open->setShortcuts(keys.isEmpty() ? QList<QKeySequence>{ QKeySequence(Qt::CTRL | Qt::Key_O) } : keys);
    QAction* folder = file->addAction(tr("Open &Folder…"), this, &Inspector::chooseFolder);
    folder->setToolTip(tr("A sharded Hugging Face checkpoint"));
    folder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Compare With…"), this, &Inspector::chooseCompareFile)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
}

void Inspector::addViewActions(QMenu* view)
{
    int key = 4; // Ctrl+1 to Ctrl+3 are the Playground, Training and Runs (MainWindow)
    for (QDockWidget* dock : docks_) { // Ctrl+4 to Ctrl+9; the rest (Model Health) from the menu
        view->addAction(dockAction(dock, key <= 9 ? QKeySequence(tr("Ctrl+%1").arg(key)) : QKeySequence(), this));
        ++key;
    }
}

void Inspector::rebuildRecentMenu()
{
    if (!recentMenu_)
        return;
    recentMenu_->clear();
    const QStringList files = recent_->files();
    for (const QString& path : files)
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { open(path); })->setToolTip(path);
    recentMenu_->setToolTipsVisible(true);
    if (!files.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear Menu"), recent_, &RecentFiles::clear);
    }
    recentMenu_->setEnabled(!files.isEmpty());
}

void Inspector::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(window_, tr("Open Weights"), settings::lastFolder(QStringLiteral("weights")), fileFilters());
    settings::rememberFolder(QStringLiteral("weights"), path);
    if (!path.isEmpty())
        open(path);
}

void Inspector::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(window_, tr("Open Sharded Checkpoint Folder"),
        settings::lastFolder(QStringLiteral("weights")));
    settings::rememberFolder(QStringLiteral("weights"), path);
    if (!path.isEmpty())
        open(path);
}

void Inspector::chooseCompareFile()
{
    if (!hasModel()) {
        emit statusMessage(tr("Open a file first; then compare it with another."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(window_, tr("Compare With"), settings::lastFolder(QStringLiteral("weights")), fileFilters());
    settings::rememberFolder(QStringLiteral("weights"), path);
    if (!path.isEmpty())
        compareWith(path);
}

void Inspector::setOpening(bool opening, const QString& path)
{
    opening_ = opening;
    openingPath_ = path;
    progress_->setVisible(opening);
    cancel_->setVisible(opening);
    if (opening)
        emit statusMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
}

void Inspector::open(const QString& path)
{
    if (looksLikePlaygroundSession(path.toStdString())) { // #22: not weights; the Playground opens it
        emit playgroundSessionRequested(path);
        return;
    }
    const quint64 ticket = openTicket_ = ++loadTicket_;
    setOpening(true, path);
    InspectorWorker* loader = loader_;
    loader->post([loader, ticket, path] { loader->open(ticket, path); });
}

void Inspector::showLive(std::shared_ptr<const WeightFile> file)
{
    if (opening_ || !file)
        return; // the user's own file comes first
    const quint64 ticket = openTicket_ = liveTicket_ = ++loadTicket_;
    liveKeep_ = model_.file && current_ >= 0 && size_t(current_) < model_.file->tensors().size()
        ? QString::fromStdString(model_.file->tensors()[size_t(current_)].name)
        : QString();
    InspectorWorker* loader = loader_;
    loader->post([loader, ticket, file] { loader->openFile(ticket, file); });
}

void Inspector::cancelOpen()
{
    if (!opening_)
        return;
    openTicket_ = 0; // the answer to the running open will not match
    setOpening(false);
    emit statusMessage(tr("Opening cancelled; the reader stops in the background"));
}

void Inspector::onOpened(quint64 ticket, const LoadedModel& model)
{
    if (ticket == compareOpenTicket_) { // the second file of a comparison
        other_ = model;
        compareTicket_ = ticket;
        comparer_->supersede(ticket);
        InspectorWorker* comparer = comparer_;
        auto a = model_.file, b = model.file;
        comparer->post([comparer, ticket, a, b] { comparer->compare(ticket, a, b); });
        return;
    }
    if (ticket != openTicket_)
        return; // cancelled, or superseded by a newer open
    const bool live = ticket == liveTicket_;
    setOpening(false);
    if (!model_.file) // the first file of the session: show the docks that were kept out of the way
        for (QDockWidget* dock : docks_)
            if (dock != compareDock_ && dock != spectrumDock_ && dock != healthDock_ && !docksShown_) // those: when asked for
                dock->show();
    docksShown_ = true;
    model_ = model;
    other_ = {};
    compareTicket_ = 0; // a comparison with the previous file stops and its rows are dropped
    comparer_->supersede(0);
    lenser_->supersede(++lensTicket_);
    current_ = -1;
    diffRow_ = -1;
    spectrumController_->setFile(model.file);
    healthController_->setFile(model.file);
    const QString path = QString::fromStdString(model.file->path());
    if (!live)
        recent_->add(path);
    window_->setWindowTitle(tr("%1 — Weightscope").arg(QFileInfo(path).fileName()));
    if (!live)
        modelTree_->clearFilter();
    modelTree_->setModel(model);
    metadata_->setModel(model);
    architecture_->setModel(model);
    compare_->clear();
    health_->setComparison({}, {});
    tensorView_->setTensor(nullptr, {}, {});
    stats_->clear();
    emit statusMessage(tr("Opened %1: %2 tensors (%3)")
                           .arg(QFileInfo(path).fileName())
                           .arg(model.file->tensors().size())
                           .arg(QString::fromStdString(model.file->format())));
    // Show something at once: the first tensor with at least two dimensions, else the first.
    const auto& tensors = model.file->tensors();
    int first = tensors.empty() ? -1 : 0;
    for (size_t i = 0; i < tensors.size(); ++i)
        if (tensors[i].shape.size() >= 2 && tensors[i].numel() > 1) {
            first = int(i);
            break;
        }
    if (live && !liveKeep_.isEmpty()) // the same tensor as before the update, when it is there
        for (size_t i = 0; i < tensors.size(); ++i)
            if (QString::fromStdString(tensors[i].name) == liveKeep_) {
                first = int(i);
                break;
            }
    if (first >= 0)
        modelTree_->selectTensors({ first });
    if (live)
        emit liveShown(path);
    else
        emit modelOpened(path);
}

void Inspector::onOpenFailed(quint64 ticket, const QString& message)
{
    const bool forCompare = ticket == compareOpenTicket_;
    if (!forCompare && ticket != openTicket_)
        return;
    if (!forCompare)
        setOpening(false);
    emit openFailed(message);
    // Not modal-blocking: the event loop (and tests) keep running while it is shown.
    auto* box = new QMessageBox(QMessageBox::Warning, forCompare ? tr("Cannot compare") : tr("Cannot open file"),
        message, QMessageBox::Ok, window_);
    box->setInformativeText(hasModel() ? tr("The open model stays as it was.") : QString());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("openErrorBox"));
    box->open();
}

void Inspector::compareWith(const QString& path)
{
    if (!hasModel())
        return;
    const quint64 ticket = compareOpenTicket_ = ++loadTicket_;
    compareTicket_ = 0; // rows of an earlier comparison are dropped from now on
    comparer_->supersede(ticket);
    lenser_->supersede(++lensTicket_); // and the lens of one of their rows
    other_ = {};
    const bool wasHidden = compareDock_->isHidden();
    compareDock_->show();
    compareDock_->raise();
    // The table of a whole model wants room: 40 % of the window's height when the dock appears
    // (later the user's own size stays).
    if (wasHidden && !compareDock_->isFloating())
        window_->resizeDocks({ compareDock_ }, { window_->height() * 2 / 5 }, Qt::Vertical);
    compare_->start(path);
    health_->setComparison({}, {}); // the earlier comparison's errors no longer colour the model
    InspectorWorker* loader = loader_;
    loader->post([loader, ticket, path] { loader->open(ticket, path); });
}

void Inspector::selectTensor(int index)
{
    modelTree_->selectTensors({ index }); // the tree's selection drives the views
}

void Inspector::selectTensor(const QString& name)
{
    if (!hasModel())
        return;
    const std::string wanted = name.toStdString();
    const auto& tensors = model_.file->tensors();
    for (size_t i = 0; i < tensors.size(); ++i)
        if (tensors[i].name == wanted)
            selectTensor(int(i));
}

void Inspector::showSpectrum()
{
    spectrumDock_->show();
    spectrumDock_->raise();
}

void Inspector::showHealth()
{
    healthDock_->show();
    healthDock_->raise();
}

void Inspector::showMetadata()
{
    metadataDock_->show();
    metadataDock_->raise();
    // Asked for by name (--metadata): give it room to be read, most of the left column's height.
    window_->resizeDocks({ docks_[0], docks_[1] }, { 640, 260 }, Qt::Horizontal);
    window_->resizeDocks({ docks_[0], metadataDock_ }, { 1, 3 }, Qt::Vertical);
}

int Inspector::spectrumComputations() const { return spectrumController_->computations(); }

void Inspector::onTensorSelected(int index)
{
    if (!hasModel() || index < 0 || index >= int(model_.file->tensors().size()))
        return;
    current_ = index;
    spectrumController_->setTensor(index);
    diffRow_ = -1;
    const TensorInfo& info = model_.file->tensors()[size_t(index)];
    // A tensor the tree shows by another name (a .keras file's Keras name, the ONNX node that
    // reads an exporter's initializer) is titled by that name too, the file's name after it.
    const QString name = QString::fromStdString(info.name);
    const auto label = model_.readerLabels.constFind(index);
    tensorView_->setTensor(&info, QString::fromStdString(model_.file->format()),
        label != model_.readerLabels.constEnd()
            ? tr("%1 · %2 · %3 · %4 in the file").arg(*label, ModelTreePanel::storageText(info), formatShape(info.shape), name)
            : tr("%1 · %2 · %3").arg(name, ModelTreePanel::storageText(info), formatShape(info.shape)));
    havePicture_ = haveNumbers_ = false;
    stats_->clear(tr("Computing…"));
    requestTensor(true, true);
    spectrumController_->showCurrent();
}

void Inspector::showDifference(int row)
{
    const QList<DiffRow>& rows = compare_->rows();
    if (row < 0 || row >= rows.size() || !other_.file)
        return;
    const DiffRow& r = rows[row];
    if (r.indexA < 0 || r.indexB < 0 || !r.stats.computed) {
        if (r.indexA >= 0)
            modelTree_->selectTensors({ int(r.indexA) });
        return;
    }
    current_ = int(r.indexA);
    modelTree_->selectTensors({ current_ }, true); // the tree shows the tensor the A − B view shows
    spectrumController_->setTensor(current_);
    diffRow_ = row;
    const TensorInfo& info = model_.file->tensors()[size_t(r.indexA)];
    tensorView_->setTensor(&info, QString::fromStdString(model_.file->format()),
        tr("A − B: %1 · %2 (B: %3)").arg(QString::fromStdString(info.name), formatShape(info.shape),
            QFileInfo(QString::fromStdString(other_.file->path())).fileName()
                + (r.nameB.empty() ? QString() : QStringLiteral(" · ") + QString::fromStdString(r.nameB))));
    havePicture_ = haveNumbers_ = false;
    stats_->clear(tr("Computing…"));
    requestTensor(true, true);
}

void Inspector::requestLens(int row)
{
    const QList<DiffRow>& rows = compare_->rows();
    const quint64 ticket = ++lensTicket_;
    lenser_->supersede(ticket);
    if (row < 0 || row >= rows.size() || !other_.file || !model_.file)
        return;
    const DiffRow& r = rows[row];
    if (r.indexA < 0 || r.indexB < 0 || !r.stats.computed) {
        compare_->lens()->showMessage(tr("%1 was not compared: nothing to show.").arg(QString::fromStdString(r.name)));
        return;
    }
    compare_->lens()->showMessage(tr("Computing the error per block of %1…").arg(QString::fromStdString(r.name)));
    InspectorWorker* lenser = lenser_;
    auto a = model_.file, b = other_.file;
    const DiffRow copy = r;
    lenser->post([lenser, ticket, row, copy, a, b] { lenser->computeLens(ticket, row, copy, a, b); });
}

TensorRequest Inspector::shownTensorRequest() const
{
    TensorRequest request;
    request.file = model_.file;
    request.index = current_;
    if (diffRow_ >= 0) { // the difference A − B of a compare row
        request.other = other_.file;
        request.otherIndex = int(compare_->rows()[diffRow_].indexB);
        request.otherLayout = compare_->rows()[diffRow_].layout;
    }
    tensorView_->fillRequest(request);
    return request;
}

void Inspector::exportTensor(const QString& path, bool csv)
{
    if (current_ < 0 || !hasModel())
        return;
    const TensorRequest request = shownTensorRequest();
    InspectorWorker* loader = loader_;
    loader->post([loader, request, path, csv] { loader->exportTensor(request, path, csv); });
}

void Inspector::requestTensor(bool picture, bool numbers)
{
    if (current_ < 0 || !hasModel())
        return;
    // Whatever the superseded request had not delivered yet is asked for again.
    picture = picture || !havePicture_;
    numbers = numbers || !haveNumbers_;
    TensorRequest request = shownTensorRequest();
    request.ticket = ++tensorTicket_;
    request.bins = stats_->bins();
    request.numbers = numbers;
    request.picture = picture;
    if (picture)
        havePicture_ = false;
    if (numbers)
        haveNumbers_ = false;
    computer_->supersede(request.ticket);
    InspectorWorker* computer = computer_;
    computer->post([computer, request] { computer->computeTensor(request); });
}

void Inspector::onPicture(const TensorPicture& picture)
{
    if (picture.ticket != tensorTicket_)
        return;
    havePicture_ = true;
    tensorView_->showPicture(picture);
    emit pictureShown(picture.index);
}

void Inspector::onNumbers(const TensorNumbers& numbers)
{
    if (numbers.ticket != tensorTicket_)
        return;
    haveNumbers_ = true;
    if (model_.file && !numbers.difference && numbers.index >= 0 && size_t(numbers.index) < model_.file->tensors().size()) {
        // What the file holds: Q4_K at 4.5 bits is read as float32, F16 at 16 bits as itself.
        const TensorInfo& info = model_.file->tensors()[size_t(numbers.index)];
        stats_->showNumbers(numbers, info.storage.empty() ? QString::fromStdString(dtypeName(info.dtype)) : QString::fromStdString(info.storage),
            info.bitsPerWeight > 0 ? info.bitsPerWeight : info.storage.empty() ? 8.0 * double(dtypeSize(info.dtype)) : 0.0);
    } else {
        stats_->showNumbers(numbers);
    }
    tensorView_->showNumbers(numbers);
    emit numbersShown(numbers.index);
}

bool Inspector::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == window_ && event->type() == QEvent::DragEnter) {
        auto* drag = static_cast<QDragEnterEvent*>(event);
        if (!localPathOf(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (watched == window_ && event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString path = localPathOf(drop->mimeData());
        if (!path.isEmpty()) {
            drop->acceptProposedAction();
            open(path);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace ws::ui
