// The built-in 2-D playground (TensorFlow Playground's datasets and controls): settings on the
// left, the decision boundary with the data in the middle, loss curves on the right. Training
// runs in a TrainingWorker on a thread this panel owns; its snapshots are coalesced and drawn on
// a ~30 Hz timer, never once per batch.
#pragma once

#include "ThreadPtr.h"
#include "playground/PlaygroundTypes.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace ws::ui {

class BoundaryPlot;
class LossPlot;
class TrainingWorker;

class PlaygroundPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlaygroundPanel(QWidget* parent = nullptr);
    ~PlaygroundPanel() override;

    PlaygroundConfig config() const; // from the controls
    bool isRunning() const { return running_; }

public slots:
    void start();    // resumes the current model (Start button)
    void pause();
    void step();     // one batch, then paused
    void reset();    // a fresh model (new initial weights) on the chosen data, paused
    void shutdown(); // stops training and joins the thread; the panel stays inert afterwards
    void setRefreshRate(int hz); // redraws per second of the plots (Preferences)

signals:
    void progressed(qint64 step); // every snapshot of the current run, before coalescing
    void statusMessage(const QString& message);

private:
    QWidget* makeControls();
    void restartKeepingState(); // after a setting that needs a new model changed
    void onData(const PlaygroundData& data);
    void onSnapshot(const PlaygroundSnapshot& snapshot);
    void onRunEnded(quint64 generation, const QString& message);
    void redraw(); // on the timer
    void updateButtons();

    // Controls.
    QComboBox* dataset_ = nullptr;
    QSpinBox* noise_ = nullptr;
    QLineEdit* hidden_ = nullptr;
    QComboBox* activation_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QComboBox* learningRate_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QCheckBox* showTest_ = nullptr;
    QComboBox* speed_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* pauseButton_ = nullptr;
    QPushButton* stepButton_ = nullptr;
    QPushButton* resetButton_ = nullptr;
    QLabel* stats_ = nullptr;
    BoundaryPlot* boundary_ = nullptr;
    LossPlot* loss_ = nullptr;
    QTimer* redrawTimer_ = nullptr;

    // Training. The worker lives on thread_ and is deleted when the thread finishes.
    ThreadPtr thread_;
    QPointer<TrainingWorker> worker_;
    quint64 generation_ = 0; // the run whose signals we draw
    uint64_t modelSeed_ = 0; // incremented for every new model
    std::vector<int> runHidden_; // the hidden layers of the current run
    bool running_ = false;   // what the user asked for: training, or paused/idle
    bool dirty_ = false;     // a snapshot arrived since the last redraw
    bool haveSnapshot_ = false;
    PlaygroundSnapshot latest_;
};

} // namespace ws::ui
