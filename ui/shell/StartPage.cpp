// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/StartPage.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace ws::ui {

namespace {

QPushButton* bigButton(const QString& title, const QString& text)
{
    auto* button = new QPushButton(title);
    button->setToolTip(text);
    button->setMinimumHeight(44);
    QFont f = button->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    button->setFont(f);
    return button;
}

QLabel* note(const QString& text)
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent)
{
    auto* title = new QLabel(tr("<h1>Weightscope</h1>"));
    auto* subtitle = note(tr("A workbench for neural-network weights. Nothing from a file is ever executed."));

    auto* open = bigButton(tr("Open a Model…"), tr("Look inside a weight file: safetensors (also sharded folders), GGUF, ONNX, "
                                                     "PyTorch, Keras, NumPy or a Weightscope model"));
    auto* train = bigButton(tr("Train a Network"), tr("Train on Fashion-MNIST or your own data and watch it learn"));
    auto* runs = bigButton(tr("Compare Runs"), tr("Every training is recorded: compare their curves, seeds and settings"));
    auto* demo = new QPushButton(tr("Watch the Playground demo"));
    demo->setToolTip(tr("A small network learns to separate a spiral, live"));
    connect(open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(train, &QPushButton::clicked, this, &StartPage::trainRequested);
    connect(runs, &QPushButton::clicked, this, &StartPage::runsRequested);
    connect(demo, &QPushButton::clicked, this, &StartPage::demoRequested);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->addWidget(open, 0, 0);
    grid->addWidget(note(tr("Its architecture as a graph, every tensor as heatmap, histogram and statistics, "
                            "and the difference between two files. Or drop a file here.")),
        1, 0, Qt::AlignTop);
    grid->addWidget(train, 0, 1);
    grid->addWidget(note(tr("Build a model, train it on a worker thread with live curves, then look at its "
                            "activations and switch units off.")),
        1, 1, Qt::AlignTop);
    grid->addWidget(runs, 0, 2);
    grid->addWidget(note(tr("Curves side by side, seeds as bands, which hyper-parameter mattered.")), 1, 2, Qt::AlignTop);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);

    recent_ = new QListWidget;
    recent_->setToolTip(tr("Double-click to open"));
    recent_->setMaximumHeight(160);
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openFileRequested(item->data(Qt::UserRole).toString());
    });

    auto* column = new QVBoxLayout;
    column->addStretch(1);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(16);
    column->addLayout(grid);
    column->addSpacing(16);
    column->addWidget(new QLabel(tr("<b>Recent files</b>")));
    column->addWidget(recent_);
    column->addSpacing(8);
    column->addWidget(demo, 0, Qt::AlignLeft);
    column->addStretch(2);
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 8);
    outer->addStretch(1);
    setRecentFiles({});
}

void StartPage::setRecentFiles(const QStringList& paths)
{
    recent_->clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(QFileInfo(path).fileName() + QStringLiteral("  —  ") + QDir::toNativeSeparators(
                                                                                              QFileInfo(path).absolutePath()),
            recent_);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    if (paths.isEmpty()) {
        auto* none = new QListWidgetItem(tr("None yet: open a file, and it is listed here."), recent_);
        none->setFlags(Qt::NoItemFlags);
    }
}

} // namespace ws::ui
