// SPDX-License-Identifier: GPL-3.0-or-later
// Every plot of the program saves as PNG, SVG or PDF through here: one file-dialog filter, one
// writer that picks the format by the file's extension, and a right-click "Export Plot…" menu
// for plots without an export button. PNG and PDF are QCustomPlot's own; SVG renders the plot
// through QCustomPlot::toPainter into a QSvgGenerator (Qt SVG), so lines stay vectors.
#pragma once

#include <QCoreApplication>
#include <QString>

class QCustomPlot;
class QWidget;

namespace ws::ui {

class PlotExport {
    Q_DECLARE_TR_FUNCTIONS(ws::ui::PlotExport)
public:
    // "PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"
    static QString fileFilter();
    // Writes `plot` at its on-screen size (PNG at twice its resolution) to `path`; the format
    // follows the extension (.png, .svg, .pdf; anything else is refused). Returns an error
    // message naming the file, or an empty string when written.
    static QString save(QCustomPlot* plot, const QString& path);
    // Asks for a file (in the folder last exported to; `suggestedName` without extension),
    // writes it, and shows a message box when that fails. Returns the path written, or empty.
    static QString saveWithDialog(QCustomPlot* plot, QWidget* parent, const QString& suggestedName);
    // A right-click menu with "Export Plot…" on `plot`.
    static void addContextMenu(QCustomPlot* plot, const QString& suggestedName);
};

} // namespace ws::ui
