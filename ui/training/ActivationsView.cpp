// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ActivationsView.h"

#include "common/Format.h"
#include "training/ActivationPlots.h"
#include "training/DrawCanvas.h"
#include "training/SampleImages.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ws::ui {

namespace {

constexpr int kSampleSide = 96; // the sample's picture, in pixels

} // namespace

ActivationsView::ActivationsView(QWidget* parent) : QWidget(parent)
{
    sample_ = new QSpinBox;
    sample_->setRange(0, 0);
    sample_->setToolTip(tr("Index of the test sample"));
    sample_->setKeyboardTracking(false);
    drawButton_ = new QPushButton(tr("Draw"));
    drawButton_->setCheckable(true);
    drawButton_->setToolTip(tr("Draw your own sample instead of taking one from the test set"));
    clearButton_ = new QPushButton(tr("Clear"));
    clearButton_->setToolTip(tr("Erase the drawing"));
    auto* refresh = new QPushButton(tr("Refresh"));
    refresh->setToolTip(tr("Take the model as it is now (also while paused) and compute again"));
    sampleImage_ = new QLabel;
    sampleImage_->setFixedSize(kSampleSide, kSampleSide);
    sampleImage_->setAlignment(Qt::AlignCenter);
    sampleCaption_ = new QLabel;
    sampleCaption_->setWordWrap(true);
    canvas_ = new DrawCanvas;
    canvas_->setFixedSize(2 * kSampleSide, 2 * kSampleSide);
    canvas_->hide();
    probabilities_ = new ProbabilityBars;
    status_ = new QLabel(tr("Train for an epoch (or pause and press Refresh) to see the activations."));
    status_->setWordWrap(true);

    // Left: the input and what the model makes of it; right: every layer, scrolled.
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Test sample:")));
    controls->addWidget(sample_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(drawButton_);
    buttons->addWidget(clearButton_);
    buttons->addWidget(refresh);
    buttons->addStretch(1);

    auto* left = new QWidget;
    left->setMaximumWidth(320);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(controls);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(sampleImage_, 0, Qt::AlignHCenter);
    leftLayout->addWidget(canvas_, 0, Qt::AlignHCenter);
    leftLayout->addWidget(sampleCaption_);
    leftLayout->addWidget(new QLabel(tr("<b>Class probabilities</b>")));
    leftLayout->addWidget(probabilities_);
    leftLayout->addWidget(status_);
    leftLayout->addStretch(1);
    auto* leftScroll = new QScrollArea;
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setWidget(left);
    leftScroll->setMaximumWidth(340);
    leftScroll->setMinimumWidth(240);

    auto* layersWidget = new QWidget;
    layersLayout_ = new QVBoxLayout(layersWidget);
    layersLayout_->addStretch(1);
    scroll_ = new QScrollArea;
    scroll_->setWidgetResizable(true);
    scroll_->setWidget(layersWidget);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(leftScroll);
    layout->addWidget(scroll_, 1);

    connect(sample_, &QSpinBox::valueChanged, this, [this] {
        setDrawing(false);
        showSample();
        emit inputChanged();
    });
    connect(drawButton_, &QPushButton::toggled, this, [this](bool on) {
        setDrawing(on);
        emit inputChanged();
    });
    connect(clearButton_, &QPushButton::clicked, canvas_, &DrawCanvas::clear);
    connect(canvas_, &DrawCanvas::changed, this, [this] {
        if (drawing_)
            emit inputChanged();
    });
    connect(refresh, &QPushButton::clicked, this, &ActivationsView::refreshRequested);
    setDrawing(false);
}

void ActivationsView::setTestSet(std::shared_ptr<const Dataset> test, const QStringList& classNames)
{
    const bool same = test == test_;
    test_ = std::move(test);
    classNames_ = classNames;
    if (same)
        return;
    {
        const QSignalBlocker block(sample_);
        sample_->setRange(0, int(std::max<int64_t>(1, test_ ? test_->size() : 0) - 1));
    }
    const Shape s = test_ ? test_->sampleShape() : Shape {};
    const bool drawable = s.size() == 3 && s[2] == 1 && s[0] <= 64 && s[1] <= 64;
    if (drawable)
        canvas_->setGrid(int(s[0]), int(s[1]));
    drawButton_->setEnabled(drawable);
    if (!drawable)
        setDrawing(false);
    showSample();
}

void ActivationsView::setSample(qint64 index)
{
    drawButton_->setChecked(false);
    sample_->setValue(int(index)); // emits inputChanged when it changes
}

void ActivationsView::setDrawing(bool on)
{
    drawing_ = on;
    {
        const QSignalBlocker block(drawButton_);
        drawButton_->setChecked(on);
    }
    canvas_->setVisible(on);
    clearButton_->setVisible(on);
    sampleImage_->setVisible(!on);
    sampleCaption_->setText(on ? tr("your drawing") : QString());
    if (!on)
        showSample();
}

void ActivationsView::showSample()
{
    if (drawing_ || !test_ || test_->size() == 0) {
        sampleImage_->clear();
        return;
    }
    const int64_t i = sample_->value();
    const QImage image = sampleImage(*test_, i);
    if (image.isNull())
        sampleImage_->setText(tr("sample %1").arg(i));
    else
        sampleImage_->setPixmap(QPixmap::fromImage(image.scaled(kSampleSide, kSampleSide, Qt::KeepAspectRatio, Qt::FastTransformation)));
    QString caption;
    if (test_->isClassification()) {
        const int label = test_->labels[size_t(i)];
        caption = tr("#%1: %2").arg(i).arg(label < classNames_.size() ? classNames_[label] : QString::number(label));
    } else {
        caption = tr("#%1").arg(i);
    }
    sampleCaption_->setText(caption);
}

qint64 ActivationsView::sampleIndex() const
{
    return drawing_ ? -1 : sample_->value();
}

std::vector<float> ActivationsView::drawing() const
{
    return canvas_->ink();
}

void ActivationsView::setStatus(const QString& text)
{
    status_->setText(text);
}

void ActivationsView::showResult(const ActivationsResult& result)
{
    if (!result.error.isEmpty()) {
        status_->setText(result.error);
        return;
    }
    const auto& layers = result.activations.layers;
    if (plots_.size() != layers.size()) {
        for (LayerPlot* plot : plots_)
            delete plot;
        for (QLabel* header : headers_)
            delete header;
        plots_.clear();
        headers_.clear();
        for (size_t i = 0; i < layers.size(); ++i) {
            auto* header = new QLabel;
            auto* plot = new LayerPlot;
            connect(plot, &LayerPlot::unitClicked, this, [this, i](int64_t unit) { emit unitClicked(i, unit); });
            layersLayout_->insertWidget(layersLayout_->count() - 1, header);
            layersLayout_->insertWidget(layersLayout_->count() - 1, plot);
            headers_.push_back(header);
            plots_.push_back(plot);
        }
    }
    const auto& off = result.mask.units();
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerActivation& a = layers[i];
        const bool last = i + 1 == layers.size(); // switching off an output logit would not remove its class
        const auto it = off.find(i);
        plots_[i]->setActivation(a, it == off.end() ? std::set<int64_t> {} : it->second, !last);
        const QString what = plots_[i]->showsMaps() ? tr("%n feature map(s)", nullptr, plots_[i]->unitCount())
                                                    : tr("%n unit(s)", nullptr, plots_[i]->unitCount());
        headers_[i]->setText(tr("<b>%1</b> · %2 %3 · %4").arg(QString::fromStdString(a.name).toHtmlEscaped(),
            QString::fromStdString(a.type), formatShape(a.shape), what));
    }
    const SampleActivations& s = result.activations;
    probabilities_->setProbabilities(s.probabilities, classNames_, s.predicted, result.trueClass);
    const QString predicted = s.predicted >= 0 && s.predicted < classNames_.size() ? classNames_[s.predicted] : QString::number(s.predicted);
    QString text = s.predicted >= 0 ? tr("Predicted: <b>%1</b>.").arg(predicted.toHtmlEscaped()) : QString();
    if (result.mask.count() > 0)
        text += QLatin1Char(' ') + tr("%n unit(s) switched off.", nullptr, int(result.mask.count()));
    text += QLatin1Char(' ') + tr("Click a feature map or a bar to switch that unit off or on.");
    status_->setText(text);
}

} // namespace ws::ui
