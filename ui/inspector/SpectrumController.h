// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the inspector's Spectrum dock: computes the singular values of the selected tensor on a
// thread of its own (a long spectrum holds up no picture), only while the dock is shown or when
// asked, and keeps every answer per tensor of the open file. The Inspector owns it and tells it
// which file is open and which tensor is selected; the SpectrumPanel only draws what it is given.
#pragma once

#include "InspectorTypes.h"
#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"

#include <QHash>
#include <QObject>

#include <memory>

class QDockWidget;

namespace ws::ui {

class InspectorWorker;
class SpectrumPanel;

class SpectrumController : public QObject {
    Q_OBJECT
public:
    SpectrumController(SpectrumPanel* panel, QDockWidget* dock, QObject* parent);
    ~SpectrumController() override;

    // A newly opened file: the cache is dropped and a running computation stops.
    void setFile(std::shared_ptr<const WeightFile> file);
    void setTensor(int index) { current_ = index; } // of the file; -1: none
    void showCurrent(); // from the cache, or computed when the dock is visible
    int computations() const { return computations_; } // answers computed, not cached
    void shutdown(); // joins the thread; call while the panel still exists

signals:
    void shown(int index); // a result or a message for the tensor

private:
    void request();
    void cancel();
    void onResult(const SpectrumResult& result);

    SpectrumPanel* panel_;
    QDockWidget* dock_;
    std::shared_ptr<const WeightFile> file_;
    int current_ = -1;          // tensor selected in the inspector, -1: none
    ThreadPtr thread_;
    InspectorWorker* worker_ = nullptr;
    quint64 ticket_ = 0;        // the spectrum being computed; 0: none
    quint64 tickets_ = 0;       // last ticket handed out
    QHash<int, SpectrumResult> cache_; // per tensor of file_
    int cancelled_ = -1;        // tensor whose spectrum the user cancelled: not restarted by itself
    int computations_ = 0;
    HandOff inbox_ { this }; // the worker's results arrive through it; last, so destroyed first
};

} // namespace ws::ui
