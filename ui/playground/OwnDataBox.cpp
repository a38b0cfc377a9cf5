// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/OwnDataBox.h"

#include "common/ClassColours.h"
#include "data/Playground.h"
#include "data/PlaygroundPoints.h"
#include "shell/AppSettings.h"
#include "train/PlaygroundRecipe.h"
#include "util/Rng.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace ws::ui {

namespace {

// A dab of size s scatters s points over a disc of radius kSpread (s - 1); the eraser's radius
// grows alike. Along a drag a new dab needs the pointer kDabSpacing away from the last one, so a
// slow stroke does not pile hundreds of points on one spot.
constexpr double kSpread = 0.15;
constexpr double kEraseRadius = 0.3;
constexpr double kDabSpacing = 0.4;

QIcon swatch(const QColor& colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(colour);
    return QIcon(pixmap);
}

} // namespace

OwnDataBox::OwnDataBox(QWidget* parent) : QWidget(parent)
{
    drawClass_ = new QComboBox;
    drawClass_->setObjectName(QStringLiteral("drawClass"));
    drawClass_->setToolTip(tr("The class of the points you draw"));
    for (int k = 0; k < kMaxPlaygroundClasses; ++k)
        drawClass_->addItem(swatch(classColour(k)), tr("Class %1").arg(k), k);
    brush_ = new QSpinBox;
    brush_->setObjectName(QStringLiteral("brushSize"));
    brush_->setRange(1, 10);
    brush_->setValue(3);
    brush_->setToolTip(tr("Points per dab of the brush, scattered wider as the size grows"));
    erase_ = new QCheckBox(tr("Erase"));
    erase_->setObjectName(QStringLiteral("erase"));
    erase_->setToolTip(tr("Remove the points under the brush instead of drawing"));
    load_ = new QPushButton(tr("Load CSV…"));
    load_->setToolTip(tr("Two feature columns and a label column (numbers or text), up to %1 points and %2 classes")
                          .arg(kMaxPlaygroundPoints)
                          .arg(kMaxPlaygroundClasses));
    clear_ = new QPushButton(tr("Clear"));
    clear_->setToolTip(tr("Remove all your points"));
    note_ = new QLabel;
    note_->setWordWrap(true);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(new QLabel(tr("Draw:")), 0, 0);
    grid->addWidget(drawClass_, 0, 1);
    grid->addWidget(new QLabel(tr("Brush:")), 1, 0);
    grid->addWidget(brush_, 1, 1);
    grid->addWidget(erase_, 1, 2);
    grid->addWidget(load_, 2, 0, 1, 2);
    grid->addWidget(clear_, 2, 2);
    grid->addWidget(note_, 3, 0, 1, 3);

    connect(load_, &QPushButton::clicked, this, &OwnDataBox::chooseCsv);
    connect(clear_, &QPushButton::clicked, this, &OwnDataBox::clear);

    points_ = std::make_shared<const Dataset>(emptyPlaygroundPoints(2));
    const QString file = sessionFile();
    if (QFileInfo::exists(file)) {
        try {
            setPoints(loadPlaygroundPoints(file.toStdString()), false);
        } catch (const std::exception& e) {
            // The file stays as it is (a newer version's may be read by that version again).
            setNote(tr("Your points were not restored: %1").arg(QString::fromStdString(e.what())), true);
        }
    }
    if (note_->text().isEmpty())
        setNote(problem(), false);
}

QString OwnDataBox::sessionFile()
{
    return QDir::cleanPath(settings::defaultRunsFolder() + QStringLiteral("/../playground-points.json"));
}

QString OwnDataBox::problem() const
{
    try {
        checkPlaygroundPoints(*points_, "your points");
        return {};
    } catch (const std::exception& e) {
        return tr("Draw at least %1 points of two classes or more on the plot, or load a CSV file.")
            .arg(kMinPlaygroundPoints)
            + (points_->size() ? QStringLiteral(" (%1)").arg(QString::fromStdString(e.what())) : QString());
    }
}

QString OwnDataBox::note() const { return note_->text(); }

void OwnDataBox::setNote(const QString& text, bool error)
{
    note_->setText(text);
    note_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
}

void OwnDataBox::setDrawClass(int k) { drawClass_->setCurrentIndex(drawClass_->findData(k)); }

void OwnDataBox::setBrushSize(int size) { brush_->setValue(size); }

void OwnDataBox::setErasing(bool on) { erase_->setChecked(on); }

void OwnDataBox::brushAt(QPointF at)
{
    if (strokeStarted_ && std::hypot(at.x() - lastDab_.x(), at.y() - lastDab_.y()) < kDabSpacing)
        return;
    strokeStarted_ = true;
    lastDab_ = at;
    const int size = brush_->value();
    const Dataset& old = *points_;
    Dataset next = emptyPlaygroundPoints(0);
    next.classNames = old.classNames;
    next.numClasses = old.numClasses;
    std::vector<float> xy;
    xy.reserve(size_t(2 * old.size() + 2 * size));
    for (int64_t i = 0; i < old.size(); ++i) {
        const float x = old.x[2 * i], y = old.x[2 * i + 1];
        if (erase_->isChecked() && std::hypot(x - at.x(), y - at.y()) <= kEraseRadius * size)
            continue;
        xy.push_back(x);
        xy.push_back(y);
        next.labels.push_back(old.labels[size_t(i)]);
    }
    if (!erase_->isChecked()) {
        if (old.size() + size > kMaxPlaygroundPoints) {
            setNote(tr("%1 points is the most the Playground takes.").arg(kMaxPlaygroundPoints), true);
            return;
        }
        const int k = drawClass_->currentData().toInt();
        // Classes 0..k exist from now on, so that a colour keeps its class (drawing in colours 0
        // and 3 trains a four-class softmax in which 1 and 2 have no points).
        while (next.numClasses <= k)
            next.classNames.push_back(std::to_string(next.numClasses++));
        Rng rng(++dabs_);
        for (int j = 0; j < size; ++j) {
            // Uniform over the disc: radius as the square root of a uniform.
            const double r = kSpread * (size - 1) * std::sqrt(rng.uniform());
            const double a = rng.uniform(0.0, 2.0 * 3.14159265358979323846);
            xy.push_back(float(std::clamp(at.x() + r * std::cos(a), -kPlaygroundExtent, kPlaygroundExtent)));
            xy.push_back(float(std::clamp(at.y() + r * std::sin(a), -kPlaygroundExtent, kPlaygroundExtent)));
            next.labels.push_back(k);
        }
    }
    if (int64_t(next.labels.size()) == old.size() && erase_->isChecked())
        return; // nothing under the eraser
    next.x = Tensor(Shape { int64_t(next.labels.size()), 2 });
    std::copy(xy.begin(), xy.end(), next.x.data());
    strokeChanged_ = true;
    points_ = std::make_shared<const Dataset>(std::move(next));
    emit previewChanged();
}

void OwnDataBox::finishStroke()
{
    strokeStarted_ = false;
    if (!std::exchange(strokeChanged_, false))
        return;
    setPoints(*points_, true);
}

void OwnDataBox::clear() { setPoints(emptyPlaygroundPoints(2), true); }

void OwnDataBox::chooseCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load 2-D points"), settings::lastFolder(QStringLiteral("playgroundCsv")),
        tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    settings::rememberFolder(QStringLiteral("playgroundCsv"), path);
    loadCsv(path);
}

bool OwnDataBox::loadCsv(const QString& path)
{
    Dataset loaded;
    try {
        loaded = readPlaygroundCsv(path.toStdString());
    } catch (const std::exception& e) {
        const QString message = tr("Not loaded, your points are unchanged: %1").arg(QString::fromStdString(e.what()));
        setNote(message, true);
        emit statusMessage(message);
        return false;
    }
    setPoints(std::move(loaded), true);
    const QString message = tr("Loaded %n point(s) of %1 classes from %2, scaled into the plot.", nullptr, int(points_->size()))
                                .arg(points_->numClasses)
                                .arg(QFileInfo(path).fileName());
    setNote(message, false);
    emit statusMessage(message);
    return true;
}

void OwnDataBox::showSessionPoints(const Dataset& points) { setPoints(points, false); }

void OwnDataBox::setPoints(Dataset points, bool keep)
{
    points_ = std::make_shared<const Dataset>(std::move(points));
    for (int k = 0; k < drawClass_->count(); ++k) // the CSV's class names in the palette
        drawClass_->setItemText(k, k < int(points_->classNames.size()) && points_->classNames[size_t(k)] != std::to_string(k)
                ? tr("Class %1: %2").arg(k).arg(QString::fromStdString(points_->classNames[size_t(k)]))
                : tr("Class %1").arg(k));
    setNote(problem(), false);
    if (keep) {
        try {
            QDir().mkpath(QFileInfo(sessionFile()).absolutePath());
            savePlaygroundPoints(*points_, sessionFile().toStdString());
        } catch (const std::exception& e) {
            setNote(tr("Your points could not be kept for the next session: %1").arg(QString::fromStdString(e.what())), true);
        }
        emit pointsChanged();
    }
}

} // namespace ws::ui
