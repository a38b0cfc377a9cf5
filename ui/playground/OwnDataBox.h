// SPDX-License-Identifier: GPL-3.0-or-later
// "Your own data" in the Playground (#22): the points a person draws on the data plot or loads
// from a CSV file, and the tools to do it (class palette, brush size, erase, load, clear). It owns
// the points and keeps them between sessions (data/PlaygroundPoints.h, next to the runs
// folder); the panel trains on points() and redraws when pointsChanged or previewChanged. A file
// that cannot be used leaves the points as they were and says why in the box's note.
#pragma once

#include "data/Dataset.h"

#include <QPointF>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ws::ui {

class OwnDataBox : public QWidget {
    Q_OBJECT
public:
    explicit OwnDataBox(QWidget* parent = nullptr);

    std::shared_ptr<const Dataset> points() const { return points_; }
    // Why the points cannot be trained on yet ("draw points of a second class"), or empty.
    QString problem() const;
    QString note() const;

    // Where the points are kept: $XDG_DATA_HOME/weightscope/playground-points.json.
    static QString sessionFile();

public slots:
    void brushAt(QPointF point); // paints or erases around `point` (plot coordinates)
    void finishStroke();         // the stroke is over: keep the points, emit pointsChanged
    bool loadCsv(const QString& path); // false (with the note saying why) leaves the points as they were
    // The points of an opened session (#22): shown and trained on, not kept over your own drawing
    // until you draw on them; emits nothing (the panel restarts once, from the session).
    void showSessionPoints(const Dataset& points);
    void clear();
    void setDrawClass(int k);
    void setBrushSize(int size);
    void setErasing(bool on);

signals:
    void previewChanged(); // points changed during a stroke (redraw, do not retrain yet)
    void pointsChanged();  // a stroke ended, a file was loaded, the points were cleared
    void statusMessage(const QString& message);

private:
    void chooseCsv();
    void setPoints(Dataset points, bool keep);
    void setNote(const QString& text, bool error);

    std::shared_ptr<const Dataset> points_;
    QComboBox* drawClass_ = nullptr;
    QSpinBox* brush_ = nullptr;
    QCheckBox* erase_ = nullptr;
    QPushButton* load_ = nullptr;
    QPushButton* clear_ = nullptr;
    QLabel* note_ = nullptr;
    QPointF lastDab_;
    bool strokeStarted_ = false;
    bool strokeChanged_ = false;
    uint64_t dabs_ = 0; // seeds the brush's scatter, so a drawing is reproducible
};

} // namespace ws::ui
