// SPDX-License-Identifier: GPL-3.0-or-later
// The inspector's worker: opens files and computes pictures, statistics and comparisons on its
// own thread (moved there by the owner, which holds the thread in a ThreadPtr). The inspector runs
// three of these, one per kind of job, so a slow load never holds up a tensor's picture.
// supersede() is thread-safe: it tells the running job that its ticket is stale, and the job
// stops at its next chunk (ws::Cancelled) without answering.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "InspectorTypes.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <map>
#include <utility>

namespace ws::ui {

class InspectorWorker : public QObject {
    Q_OBJECT
public:
    void supersede(quint64 ticket) { latest_.store(ticket); }
    // Any thread: runs f (one of the calls below, say) on the worker's thread.
    void post(std::function<void()> f) { inbox_.post(std::move(f)); }

    // Run these on the worker's thread (through post()).
    void open(quint64 ticket, const QString& path);
    void openFile(quint64 ticket, std::shared_ptr<const WeightFile> file); // already open (a live model)
    void computeTensor(const ws::ui::TensorRequest& request);
    // Singular values and power-law fit; progress (0..1) in steps of at least 1 %.
    void computeSpectrum(const ws::ui::SpectrumRequest& request);
    void compare(quint64 ticket, std::shared_ptr<const ws::WeightFile> a, std::shared_ptr<const ws::WeightFile> b);
    // The block errors and the scatter of one compare row (analysis/QuantBlockError.h, PairScatter.h).
    void computeLens(quint64 ticket, int rowIndex, const ws::DiffRow& row, std::shared_ptr<const ws::WeightFile> a,
        std::shared_ptr<const ws::WeightFile> b);

    // The tensor as .npy (whole, float32) or its 2-D view as CSV; `request` names the tensor and
    // the view (a difference when request.other is set).
    void exportTensor(const ws::ui::TensorRequest& request, const QString& path, bool csv);

    // Used by open() and by tests: the tree and architecture boxes of an opened file.
    static LoadedModel describe(std::shared_ptr<const WeightFile> file);

signals:
    void opened(quint64 ticket, const ws::ui::LoadedModel& model);
    void openFailed(quint64 ticket, const QString& message);
    void pictureReady(const ws::ui::TensorPicture& picture);
    void numbersReady(const ws::ui::TensorNumbers& numbers);
    void compareMatched(const ws::ui::CompareResult& result); // rows without statistics
    void compareRowDone(quint64 ticket, int row, const ws::DiffStats& stats);
    void compareFinished(const ws::ui::CompareResult& result); // rows with notes, and the totals
    void exported(const QString& path, const QString& error); // error empty: written
    void spectrumProgress(quint64 ticket, double fraction);
    void spectrumReady(const ws::ui::SpectrumResult& result);
    void lensReady(const ws::ui::LensResult& result);

private:
    bool stale(quint64 ticket) const { return latest_.load() != ticket; }

    std::atomic<quint64> latest_{ 0 };
    // Statistics and percentiles per tensor of the last file asked about (the cache holds the
    // file, so its address cannot be reused while it is a key).
    std::shared_ptr<const WeightFile> cachedFile_;
    std::map<int, std::pair<TensorStats, Percentiles>> cache_;
    std::map<int, Histogram> histogramCache_; // the last bin count asked for, per tensor
    HandOff inbox_ { this }; // last, so destroyed first
};

// A new worker on a new thread called `name`, started; the worker is deleted when the thread
// finishes. Each of the inspector's kinds of job gets one.
ThreadPtr startInspectorWorker(InspectorWorker*& worker, const char* name);

} // namespace ws::ui
