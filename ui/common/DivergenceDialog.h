// SPDX-License-Identifier: GPL-3.0-or-later
// What the user sees when training diverges (a loss or weight became NaN or infinite): the
// engine's message and three ways on. Both training panels own one. It is shown non-modally
// (show(), never exec()), so training threads and tests are never blocked by it; the panel
// acts on its signals.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace ws::ui {

class DivergenceDialog : public QDialog {
    Q_OBJECT
public:
    explicit DivergenceDialog(QWidget* parent = nullptr);

    // Shows `message`; `learningRate` is the rate in use (the first button offers a tenth of it).
    void showDivergence(const QString& message, double learningRate);
    QString message() const;
    QPushButton* lowerButton() const { return lower_; }
    QPushButton* resetButton() const { return reset_; }
    QPushButton* stopButton() const { return stop_; }

signals:
    void lowerLearningRate(); // ÷10, then continue
    void resetRequested();    // a fresh model
    void stopRequested();

private:
    QLabel* text_ = nullptr;
    QPushButton* lower_ = nullptr;
    QPushButton* reset_ = nullptr;
    QPushButton* stop_ = nullptr;
};

} // namespace ws::ui
