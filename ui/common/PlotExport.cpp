// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/PlotExport.h"

#include "util/AtomicWrite.h"
#include "util/Error.h"

#include "shell/AppSettings.h"

#include <qcustomplot.h>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSvgGenerator>

namespace ws::ui {

QString PlotExport::fileFilter()
{
    return QStringList{ tr("PNG image (*.png)"), tr("SVG image (*.svg)"), tr("PDF document (*.pdf)") }.join(QStringLiteral(";;"));
}

QString PlotExport::save(QCustomPlot* plot, const QString& path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext != QLatin1String("png") && ext != QLatin1String("pdf") && ext != QLatin1String("svg"))
        return tr("%1: unknown image type; use .png, .svg or .pdf").arg(QDir::toNativeSeparators(path));
    const int w = std::max(1, plot->width()), h = std::max(1, plot->height());
    // Drawn into a temporary file renamed over the target: a failure keeps an existing image.
    const auto draw = [&](const QString& into) {
        bool ok = false;
        if (ext == QLatin1String("png")) {
            ok = plot->savePng(into, w, h, 2.0); // twice the screen's resolution
        } else if (ext == QLatin1String("pdf")) {
            ok = plot->savePdf(into, w, h);
        } else {
            QSvgGenerator svg;
            svg.setFileName(into);
            svg.setSize(QSize(w, h));
            svg.setViewBox(QRect(0, 0, w, h));
            svg.setTitle(QFileInfo(path).completeBaseName());
            svg.setDescription(tr("Plot exported by Weightscope"));
            QCPPainter painter;
            if (painter.begin(&svg)) {
                plot->toPainter(&painter, w, h);
                ok = painter.end();
            }
            ok = ok && QFileInfo(into).size() > 0;
        }
        if (!ok)
            throw Error(path.toStdString() + ": cannot write the file");
    };
    try {
        writeAtomically(path.toStdString(), [&](const std::string& tmp) { draw(QString::fromStdString(tmp)); });
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString PlotExport::saveWithDialog(QCustomPlot* plot, QWidget* parent, const QString& suggestedName)
{
    const QString start = QDir(settings::lastFolder(QStringLiteral("export"))).filePath(suggestedName + QStringLiteral(".png"));
    QString selected;
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Plot"), start, fileFilter(), &selected);
    if (path.isEmpty())
        return {};
    settings::rememberFolder(QStringLiteral("export"), path);
    if (QFileInfo(path).suffix().isEmpty()) { // the chosen filter's type, as "(*.svg)" names it
        const QString ext = selected.section(QLatin1String("(*"), 1);
        path += ext.size() > 1 ? ext.chopped(1) : QStringLiteral(".png");
    }
    const QString error = save(plot, path);
    if (!error.isEmpty()) {
        QMessageBox::warning(parent, tr("Export Plot"), error);
        return {};
    }
    return path;
}

void PlotExport::addContextMenu(QCustomPlot* plot, const QString& suggestedName)
{
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, suggestedName](const QPoint& pos) {
        QMenu menu(plot);
        menu.addAction(tr("Export Plot…"), plot, [plot, suggestedName] { saveWithDialog(plot, plot, suggestedName); });
        menu.exec(plot->mapToGlobal(pos));
    });
}

} // namespace ws::ui
