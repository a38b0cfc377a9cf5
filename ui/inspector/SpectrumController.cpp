// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpectrumController.h"

#include "common/Format.h"
#include "InspectorWorker.h"
#include "SpectrumPanel.h"

#include <QDockWidget>

namespace ws::ui {

SpectrumController::SpectrumController(SpectrumPanel* panel, QDockWidget* dock, QObject* parent)
    : QObject(parent), panel_(panel), dock_(dock)
{
    thread_ = startInspectorWorker(worker_, "inspector-spectrum");
    inbox_.connect(worker_, &InspectorWorker::spectrumProgress, [this](quint64 ticket, double fraction) {
        if (ticket == ticket_)
            panel_->setProgress(fraction);
    });
    inbox_.connect(worker_, &InspectorWorker::spectrumReady, this, &SpectrumController::onResult);
    connect(panel_, &SpectrumPanel::computeRequested, this, [this] {
        cancelled_ = -1;
        request();
    });
    connect(panel_, &SpectrumPanel::cancelRequested, this, &SpectrumController::cancel);
    connect(dock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            showCurrent();
    });
}

SpectrumController::~SpectrumController() { shutdown(); }

void SpectrumController::shutdown()
{
    if (worker_)
        worker_->supersede(~quint64(0)); // the running job stops at its next block
    thread_.reset(); // the eigensolver, once started, finishes first (bounded by kSpectrumMaxSide)
    worker_ = nullptr;
}

void SpectrumController::setFile(std::shared_ptr<const WeightFile> file)
{
    file_ = std::move(file);
    current_ = -1;
    cache_.clear();
    cancelled_ = -1;
    ticket_ = 0;
    worker_->supersede(0);
    panel_->setTensor({}, {});
    panel_->setProperty("tensor", -1); // a new file may sit at the old one's address
}

void SpectrumController::showCurrent()
{
    if (current_ < 0 || !file_)
        return;
    const TensorInfo& info = file_->tensors()[size_t(current_)];
    const bool sameTensor = panel_->property("tensor").toInt() == current_ && panel_->property("file").value<const void*>() == file_.get();
    if (!sameTensor) {
        panel_->setProperty("tensor", current_);
        panel_->setProperty("file", QVariant::fromValue<const void*>(file_.get()));
        QString note;
        try {
            const SpectrumMatrix m = spectrumMatrix(info.shape, guessConvLayout(file_->format()));
            if (m.reshaped)
                note = tr("The 4-D kernel %1 is seen as the %2 × %3 matrix (out, in·kh·kw).").arg(formatShape(info.shape)).arg(m.shownRows).arg(m.shownCols);
        } catch (const std::exception&) {
        }
        panel_->setTensor(QString::fromStdString(info.name), note);
        ticket_ = 0; // the spectrum of the previous tensor is no longer wanted
        worker_->supersede(0);
    }
    if (const auto hit = cache_.constFind(current_); hit != cache_.constEnd()) {
        if (!panel_->hasResult())
            panel_->showResult(*hit);
        emit shown(current_);
        return;
    }
    if (dock_->isVisible() && !panel_->isComputing() && cancelled_ != current_)
        request();
}

void SpectrumController::request()
{
    if (current_ < 0 || !file_)
        return;
    const TensorInfo& info = file_->tensors()[size_t(current_)];
    const ConvLayout layout = guessConvLayout(file_->format());
    try {
        spectrumMatrix(info.shape, layout); // shape and size bound: refused at once, nothing read
    } catch (const std::exception& e) {
        SpectrumResult refused;
        refused.index = current_;
        refused.error = QString::fromStdString(info.name) + QStringLiteral(": ") + QString::fromStdString(e.what());
        cache_.insert(current_, refused);
        panel_->showResult(refused);
        emit shown(current_);
        return;
    }
    SpectrumRequest request;
    request.ticket = ticket_ = ++tickets_;
    request.file = file_;
    request.index = current_;
    request.layout = layout;
    worker_->supersede(request.ticket);
    panel_->setComputing(true);
    InspectorWorker* worker = worker_;
    worker->post([worker, request] { worker->computeSpectrum(request); });
}

void SpectrumController::cancel()
{
    if (!ticket_)
        return;
    ticket_ = 0;
    worker_->supersede(0); // the worker stops at its next block and answers nothing
    cancelled_ = current_;
    panel_->showMessage(tr("Cancelled. Press Compute to start again."));
}

void SpectrumController::onResult(const SpectrumResult& result)
{
    if (result.ticket != ticket_)
        return;
    ticket_ = 0;
    ++computations_;
    cache_.insert(result.index, result);
    if (result.index == current_)
        panel_->showResult(result);
    emit shown(result.index);
}

} // namespace ws::ui
