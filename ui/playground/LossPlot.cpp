#include "playground/LossPlot.h"

#include <algorithm>

namespace ws::ui {

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(320, 160);
    setAntialiasedElements(QCP::aePlottables);
    train_ = addGraph();
    train_->setName(tr("Training loss"));
    train_->setPen(QPen(QColor(0x55, 0x55, 0x55), 1.8));
    test_ = addGraph();
    test_->setName(tr("Test loss"));
    test_->setPen(QPen(QColor(0x08, 0x77, 0xbd), 1.8));
    xAxis->setLabel(tr("Epoch"));
    yAxis->setLabel(tr("Loss (MSE)"));
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 210));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    clear();
}

void LossPlot::addPoint(double epoch, double trainLoss, double testLoss)
{
    train_->addData(epoch, trainLoss);
    test_->addData(epoch, testLoss);
}

void LossPlot::clear()
{
    train_->data()->clear();
    test_->data()->clear();
    xAxis->setRange(0, 1);
    yAxis->setRange(0, 1);
}

void LossPlot::rescale()
{
    bool found = false;
    const QCPRange x = train_->getKeyRange(found);
    if (!found)
        return;
    xAxis->setRange(0, std::max(1.0, x.upper));
    QCPRange y = train_->getValueRange(found);
    bool testFound = false;
    const QCPRange yTest = test_->getValueRange(testFound);
    if (testFound)
        y.expand(yTest);
    yAxis->setRange(0, std::max(1e-3, y.upper * 1.05));
}

} // namespace ws::ui
