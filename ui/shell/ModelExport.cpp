// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/ModelExport.h"

#include "shell/AppSettings.h"
#include "formats/WeightExport.h"
#include "nn/Sequential.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QWidget>

namespace ws::ui {

namespace {

std::map<std::string, std::string> producer()
{
    return { { "producer", std::string("Weightscope ") + WS_VERSION } };
}

QString askPath(QWidget* parent, const QString& title, const QString& name, const QString& filters)
{
    const QString start = QDir(settings::lastFolder(QStringLiteral("export"))).filePath(name);
    // The filter of the suggested name's type, so that "playground.onnx" is not offered under *.h5.
    QString selected;
    for (const QString& filter : filters.split(QStringLiteral(";;")))
        if (selected.isEmpty() && filter.contains(QStringLiteral("*.") + QFileInfo(name).suffix()))
            selected = filter;
    QString path = QFileDialog::getSaveFileName(parent, title, start, filters, &selected);
    if (!path.isEmpty())
        settings::rememberFolder(QStringLiteral("export"), path);
    return path;
}

} // namespace

ModelExport::ModelExport(QWidget* parent) : QObject(parent), parent_(parent) {}

void ModelExport::exportTrained(std::shared_ptr<Sequential> model, const QString& name)
{
    const QString path = askPath(parent_, tr("Export Trained Model"), name,
        tr("Weightscope model (*.h5);;ONNX (*.onnx);;safetensors (*.safetensors);;NumPy archive (*.npz)"));
    if (!path.isEmpty())
        writeTrained(std::move(model), path);
}

void ModelExport::exportFile(std::shared_ptr<const WeightFile> file)
{
    const QString path = askPath(parent_, tr("Export Weights"), QStringLiteral("weights.safetensors"),
        tr("safetensors (*.safetensors);;NumPy archive (*.npz)"));
    if (!path.isEmpty())
        writeFile(std::move(file), path);
}

void ModelExport::writeTrained(std::shared_ptr<Sequential> model, const QString& path)
{
    run(path, [model, to = path.toStdString()] { exportModel(to, *model, producer()); });
}

void ModelExport::writeFile(std::shared_ptr<const WeightFile> file, const QString& path)
{
    run(path, [file, to = path.toStdString()] {
        auto meta = producer();
        meta["source"] = file->path();
        exportWeightFile(to, *file, meta);
    });
}

ModelExport::~ModelExport()
{
    // A file being written is finished, not cut off: closing the window waits for it.
    for (std::thread& t : threads_)
        t.join();
}

void ModelExport::run(const QString& path, std::function<void()> job)
{
    // A thread of our own, not QThreadPool: its start orders the hand-over of `job` in a way
    // ThreadSanitizer sees (Qt's pool hands it over under a futex TSan cannot see); the result
    // comes back through the HandOff.
    auto post = inbox_.poster();
    threads_.emplace_back([this, post, path, job = std::move(job)] {
        QString error;
        try {
            job();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        post([this, path, error] { emit finished(path, error); });
    });
}

} // namespace ws::ui
