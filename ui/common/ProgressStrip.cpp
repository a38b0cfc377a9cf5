// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ProgressStrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace ws::ui {

ProgressStrip::ProgressStrip(QWidget* parent) : QWidget(parent)
{
    label_ = new QLabel;
    bar_ = new QProgressBar;
    bar_->setTextVisible(true);
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setToolTip(tr("Stop this job; what was read so far is kept, a file being written is not"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_, 1);
    layout->addWidget(cancel_);
    connect(cancel_, &QPushButton::clicked, this, &ProgressStrip::cancelRequested);
    hide();
}

void ProgressStrip::showProgress(const QString& text, qint64 done, qint64 total)
{
    label_->setText(text);
    // QProgressBar counts in int; a per-mille scale holds any total.
    bar_->setRange(0, total > 0 ? 1000 : 0);
    bar_->setValue(total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0);
    bar_->setFormat(total > 0 ? tr("%1 of %2").arg(done).arg(total) : QString());
    show();
}

void ProgressStrip::finish() { hide(); }

QString ProgressStrip::text() const { return label_->text(); }

} // namespace ws::ui
