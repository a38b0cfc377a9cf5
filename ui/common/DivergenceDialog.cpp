// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/DivergenceDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ws::ui {

DivergenceDialog::DivergenceDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Training diverged"));
    setModal(false);
    text_ = new QLabel;
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text_->setMinimumWidth(380);
    lower_ = new QPushButton;
    lower_->setDefault(true);
    reset_ = new QPushButton(tr("Reset"));
    reset_->setToolTip(tr("Start again from fresh initial weights"));
    stop_ = new QPushButton(tr("Stop"));
    stop_->setToolTip(tr("End the run here (the Playground stays paused)"));
    lower_->setToolTip(tr("Continue at a tenth of the learning rate"));
    auto* buttons = new QDialogButtonBox;
    buttons->addButton(lower_, QDialogButtonBox::AcceptRole);
    buttons->addButton(reset_, QDialogButtonBox::ResetRole);
    buttons->addButton(stop_, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_);
    layout->addWidget(buttons);
    connect(lower_, &QPushButton::clicked, this, [this] {
        hide();
        emit lowerLearningRate();
    });
    connect(reset_, &QPushButton::clicked, this, [this] {
        hide();
        emit resetRequested();
    });
    connect(stop_, &QPushButton::clicked, this, [this] {
        hide();
        emit stopRequested();
    });
    // Closing the window (Esc, the title bar) is Stop: the run must not wait unseen.
    connect(this, &QDialog::rejected, this, &DivergenceDialog::stopRequested);
}

void DivergenceDialog::showDivergence(const QString& message, double learningRate)
{
    text_->setText(tr("%1\n\nTraining is paused.").arg(message));
    lower_->setText(tr("Lower the learning rate to %1 and continue").arg(learningRate / 10.0, 0, 'g', 3));
    show();
    raise();
}

QString DivergenceDialog::message() const { return text_->text(); }

} // namespace ws::ui
