// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/PlotExport.h"

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
    const int w = std::max(1, plot->width()), h = std::max(1, plot->height());
    bool ok = false;
    if (ext == QLatin1String("png")) {
        ok = plot->savePng(path, w, h, 2.0); // twice the screen's resolution
    } else if (ext == QLatin1String("pdf")) {
        ok = plot->savePdf(path, w, h);
    } else if (ext == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(QFileInfo(path).completeBaseName());
        svg.setDescription(tr("Plot exported by Weightscope"));
        QCPPainter painter;
        if (painter.begin(&svg)) {
            plot->toPainter(&painter, w, h);
            ok = painter.end();
        }
        ok = ok && QFileInfo(path).size() > 0;
    } else {
        return tr("%1: unknown image type; use .png, .svg or .pdf").arg(QDir::toNativeSeparators(path));
    }
    return ok ? QString() : tr("%1: cannot write the file").arg(QDir::toNativeSeparators(path));
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
