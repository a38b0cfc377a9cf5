// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Export Trained Model… and File ▸ Export Weights…: a save dialog, then the file is
// written on a thread of its own (the GUI never waits on I/O; core/formats/WeightExport.h writes it
// atomically), and finished() says how it went.
#pragma once

#include "threads/HandOff.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

class QWidget;

namespace ws {
class Sequential;
class WeightFile;
}

namespace ws::ui {

class ModelExport : public QObject {
    Q_OBJECT
public:
    explicit ModelExport(QWidget* parent);
    ~ModelExport() override; // waits for the files being written

    // Ask for a file name (.h5, .onnx, .safetensors, .npz; `name` first), then write. `model`: a
    // copy nobody trains.
    void exportTrained(std::shared_ptr<Sequential> model, const QString& name = QStringLiteral("model.h5"));
    // Ask for a file name (.safetensors, .npz), then write every tensor of `file`.
    void exportFile(std::shared_ptr<const WeightFile> file);
    // Without the dialog (and for tests).
    void writeTrained(std::shared_ptr<Sequential> model, const QString& path);
    void writeFile(std::shared_ptr<const WeightFile> file, const QString& path);

signals:
    void finished(const QString& path, const QString& error); // error empty: written

private:
    void run(const QString& path, std::function<void()> job);

    QWidget* parent_ = nullptr;
    std::vector<std::thread> threads_; // joined by the destructor
    HandOff inbox_ { this }; // last: destroyed first, so late results are dropped
};

} // namespace ws::ui
