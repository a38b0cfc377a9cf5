// SPDX-License-Identifier: GPL-3.0-or-later
#include "HealthController.h"

#include "HealthPanel.h"

#include "analysis/ModelHealth.h"
#include "io/WeightFile.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QPushButton>

#include <chrono>

namespace ws::ui {

HealthController::HealthController(HealthPanel* panel, QDockWidget* dock, QObject* parent)
    : QObject(parent), panel_(panel), dock_(dock)
{
    connect(panel_, &HealthPanel::computeRequested, this, &HealthController::start);
    connect(panel_, &HealthPanel::cancelRequested, this, &HealthController::cancel);
    // Computed only when somebody looks: a whole-model report reads every weight.
    connect(dock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && file_ && !done_ && !running() && !userCancelled_)
            start();
    });
}

HealthController::~HealthController() { shutdown(); }

void HealthController::shutdown()
{
    if (cancel_)
        *cancel_ = true;
    ++generation_; // whatever is still posted is stale
    running_ = 0;
    for (std::thread& t : threads_)
        t.join();
    threads_.clear();
}

void HealthController::setFile(std::shared_ptr<const WeightFile> file)
{
    if (cancel_)
        *cancel_ = true;
    ++generation_;
    running_ = 0;
    done_ = false;
    userCancelled_ = false;
    file_ = std::move(file);
    index_.clear();
    if (!file_) {
        panel_->clear(tr("Open a file to see its health report."));
        return;
    }
    for (size_t i = 0; i < file_->tensors().size(); ++i)
        index_.insert(QString::fromStdString(file_->tensors()[i].name), int(i));
    panel_->clear(tr("%1: press Compute for the health report.").arg(QFileInfo(QString::fromStdString(file_->path())).fileName()));
    panel_->computeButton()->setEnabled(true);
    if (dock_->isVisible())
        start();
}

void HealthController::start()
{
    if (!file_ || running())
        return;
    userCancelled_ = false;
    done_ = false;
    const quint64 generation = ++generation_;
    running_ = generation;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    int matrices = 0;
    for (const TensorInfo& t : file_->tensors())
        matrices += (t.shape.size() == 2 || t.shape.size() == 4) && t.numel() > 0;
    panel_->start(QFileInfo(QString::fromStdString(file_->path())).fileName(), matrices);

    // A thread of our own, not QThreadPool, so that ThreadSanitizer sees the hand-over (ModelExport).
    auto post = inbox_.poster();
    threads_.emplace_back([this, post, generation, file = file_, cancel = cancel_, dir = defaultHealthCacheDir()] {
        using Clock = std::chrono::steady_clock;
        auto shown = Clock::now() - std::chrono::seconds(1);
        try {
            const HealthReport report = computeHealth(*file, dir, {}, [cancel] { return cancel->load(); },
                [&](double fraction, const std::string& tensor) {
                    if (Clock::now() - shown < std::chrono::milliseconds(100)) // the GUI redraws ~10 times a second
                        return;
                    shown = Clock::now();
                    post([this, generation, fraction, name = QString::fromStdString(tensor)] {
                        if (generation == running_)
                            panel_->setProgress(fraction, name);
                    });
                },
                [&](const HealthRow& row, size_t) { post([this, generation, row] { onRow(generation, row); }); });
            QString summary = tr("%1: %n row(s), one a weight matrix or kernel", nullptr, int(report.rows.size()))
                                  .arg(QFileInfo(QString::fromStdString(report.path)).fileName());
            if (report.randomized > 0)
                summary += tr("; %n randomized (top k)", nullptr, int(report.randomized));
            if (report.cached > 0)
                summary += tr("; %n from the cache", nullptr, int(report.cached));
            if (report.failed > 0)
                summary += tr("; %n not analysed", nullptr, int(report.failed));
            if (report.otherTensors > 0)
                summary += tr("; %n tensor(s) of other ranks (biases, norms) without a spectrum", nullptr, int(report.otherTensors));
            if (!report.cacheNote.empty())
                summary += QStringLiteral(" (") + QString::fromStdString(report.cacheNote) + QStringLiteral(")");
            post([this, generation, summary] { onEnd(generation, summary, true); });
        } catch (const Cancelled&) {
            post([this, generation] { onEnd(generation, tr("Cancelled: the rows so far are shown and cached; Compute resumes."), false); });
        } catch (const std::exception& e) {
            post([this, generation, message = QString::fromStdString(e.what())] { onEnd(generation, message, false); });
        }
    });
}

void HealthController::cancel()
{
    if (!running())
        return;
    *cancel_ = true;
    userCancelled_ = true;
}

void HealthController::onRow(quint64 generation, const HealthRow& row)
{
    if (generation != running_)
        return;
    panel_->addRow(row, index_.value(QString::fromStdString(row.name), -1));
}

void HealthController::onEnd(quint64 generation, const QString& message, bool complete)
{
    if (generation != running_)
        return;
    running_ = 0;
    done_ = complete;
    if (complete)
        panel_->finish(message);
    else
        panel_->stop(message);
    emit finished();
}

} // namespace ws::ui
