// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/TransportBar.h"

#include <QAction>
#include <QGridLayout>
#include <QPushButton>

namespace ws::ui {

TransportBar::TransportBar(Kind kind, QWidget* parent) : QWidget(parent), kind_(kind)
{
    start_ = addButton(tr("Start"), tr("Start training, or resume it after a pause"), &TransportBar::startClicked);
    pause_ = addButton(tr("Pause"), tr("Pause the training"), &TransportBar::pauseClicked);
    step_ = addButton(kind == Kind::Run ? tr("Step") : tr("Step batch"), tr("Train on one batch, then pause"),
        &TransportBar::stepClicked);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    if (kind == Kind::Run) {
        stop_ = addButton(tr("Stop"), tr("End the run and evaluate the model on the test set"), &TransportBar::stopClicked);
        grid->addWidget(start_, 0, 0);
        grid->addWidget(pause_, 0, 1);
        grid->addWidget(step_, 1, 0);
        grid->addWidget(stop_, 1, 1);
    } else {
        stepEpoch_ = addButton(tr("Step epoch"), tr("Train for one epoch, then pause"), &TransportBar::stepEpochClicked);
        reset_ = addButton(tr("Reset"), tr("Start again from new random weights"), &TransportBar::resetClicked);
        grid->addWidget(start_, 0, 0);
        grid->addWidget(pause_, 0, 1);
        grid->addWidget(reset_, 0, 2);
        grid->addWidget(step_, 1, 0, 1, 1);
        grid->addWidget(stepEpoch_, 1, 1, 1, 2);
    }
    // Keys for the panel that holds the bar (see addShortcutsTo): Space starts or pauses as the
    // buttons allow, Ctrl+. steps, Ctrl+R resets (Playground) and Ctrl+Shift+. stops (Training).
    addKey(tr("Start or pause training"), QKeySequence(Qt::Key_Space), [this] {
        if (pause_->isEnabled())
            pause_->click();
        else if (start_->isEnabled())
            start_->click();
    });
    addKey(tr("Train one batch"), QKeySequence(Qt::CTRL | Qt::Key_Period), [this] { step_->click(); });
    if (kind == Kind::Run)
        addKey(tr("Stop the run"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period), [this] { stop_->click(); });
    else
        addKey(tr("Reset the weights"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { reset_->click(); });
}

void TransportBar::addKey(const QString& text, const QKeySequence& key, std::function<void()> press)
{
    auto* action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, std::move(press)); // click() does nothing on a disabled button
    keys_ << action;
}

void TransportBar::addShortcutsTo(QWidget* panel) { panel->addActions(keys_); }

QPushButton* TransportBar::addButton(const QString& text, const QString& tip, void (TransportBar::*clicked)())
{
    auto* button = new QPushButton(text);
    button->setToolTip(tip);
    connect(button, &QPushButton::clicked, this, clicked);
    return button;
}

void TransportBar::setState(bool alive, bool runActive, bool running, bool ready)
{
    if (kind_ == Kind::Loop)
        runActive = true; // the Playground always has a model, paused or training
    start_->setEnabled(alive && (runActive ? !running : ready));
    pause_->setEnabled(alive && runActive && running);
    step_->setEnabled(alive && (runActive || ready));
    if (kind_ == Kind::Run) {
        start_->setText(runActive ? tr("Resume") : tr("Start"));
        stop_->setEnabled(alive && runActive);
    } else {
        stepEpoch_->setEnabled(alive);
        reset_->setEnabled(alive);
    }
}

} // namespace ws::ui
