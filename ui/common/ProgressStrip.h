// SPDX-License-Identifier: GPL-3.0-or-later
// A line that says what a worker is doing (scanning a runs folder, reading runs, writing a CSV):
// its text, a bar (done of total) and Cancel. Hidden while nothing runs. It only shows and
// forwards: the worker checks its own cancel flag (#19: long work over many runs stays off the
// GUI thread and can be stopped).
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ws::ui {

class ProgressStrip : public QWidget {
    Q_OBJECT
public:
    explicit ProgressStrip(QWidget* parent = nullptr);

    void showProgress(const QString& text, qint64 done, qint64 total); // total 0: busy, no bar
    void finish(); // hides it
    QPushButton* cancelButton() const { return cancel_; }
    QString text() const;

signals:
    void cancelRequested();

private:
    QLabel* label_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QPushButton* cancel_ = nullptr;
};

} // namespace ws::ui
