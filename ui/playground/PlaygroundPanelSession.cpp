// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground panel's sessions (#22, keep and share): saving the live run to a file and
// opening one again. Apart from PlaygroundPanel.cpp so that the panel's own file stays about its
// controls and drawing; the file format and its checks are core's (core/run/PlaygroundSession.h).
#include "playground/PlaygroundPanel.h"

#include "common/TransportBar.h"
#include "playground/NetworkSettings.h"
#include "playground/NetworkView.h"
#include "playground/OwnDataBox.h"
#include "playground/PlaygroundWorker.h"
#include "run/PlaygroundSession.h"
#include "shell/AppSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>

namespace ws::ui {

namespace {

// Picks the entry of a number menu holding `value`; a value the menu does not list (a session
// written by hand) is added, so that the run gets exactly the session's number. Compared as the
// float the recipe holds: the menu's 0.03 is the recipe's 0.03f.
void selectNumber(QComboBox* box, double value)
{
    for (int i = 0; i < box->count(); ++i) {
        if (float(box->itemData(i).toDouble()) == float(value)) {
            box->setCurrentIndex(i);
            return;
        }
    }
    box->addItem(QLocale().toString(value, 'g', 9), value);
    box->setCurrentIndex(box->count() - 1);
}

} // namespace

void PlaygroundPanel::chooseSaveSession()
{
    const QString start = QDir(settings::lastFolder(QStringLiteral("playground")))
                              .filePath(QStringLiteral("playground") + QString::fromLatin1(kPlaygroundSessionExtension));
    QString path = QFileDialog::getSaveFileName(this, tr("Save Playground Session"), start,
        tr("Playground sessions (*%1)").arg(QString::fromLatin1(kPlaygroundSessionExtension)));
    if (path.isEmpty())
        return;
    if (!looksLikePlaygroundSession(path.toStdString()))
        path += QString::fromLatin1(kPlaygroundSessionExtension); // File ▸ Open knows it by its extension
    settings::rememberFolder(QStringLiteral("playground"), path);
    saveSession(path);
}

void PlaygroundPanel::saveSession(const QString& path)
{
    if (!worker_ || generation_ == 0) {
        onSessionSaved(path, tr("There is no training to save yet."));
        return;
    }
    worker_->saveSession(QFileInfo(path).absoluteFilePath());
}

void PlaygroundPanel::copyNetwork()
{
    if (worker_)
        worker_->copyNetwork();
}

void PlaygroundPanel::onSessionSaved(const QString& path, const QString& error)
{
    if (error.isEmpty())
        emit statusMessage(tr("Saved the Playground session to %1").arg(QDir::toNativeSeparators(path)));
    else
        emit statusMessage(tr("The Playground session was not saved: %1").arg(error));
    emit sessionSaved(path, error);
}

void PlaygroundPanel::openSession(const QString& path)
{
    if (!thread_)
        return; // shut down
    if (sessionReader_.joinable())
        sessionReader_.join(); // the previous file: at most kMaxPlaygroundSessionBytes, soon read
    // Read and checked off the GUI thread; the answer comes back through the inbox, dropped if the
    // panel is gone by then.
    sessionReader_ = std::thread([post = inbox_.poster(), this, path] {
        auto session = std::make_shared<PlaygroundSession>();
        QString error;
        bool recordThere = false;
        try {
            *session = loadPlaygroundSession(path.toStdString());
            // Whether the run it came from is still recorded (#22), asked here, off the GUI
            // thread; a run still being written before its first epoch is "<run>.h5.part".
            const QString record = QString::fromStdString(session->runRecord);
            recordThere = !record.isEmpty()
                && (QFileInfo::exists(record) || QFileInfo::exists(record + QStringLiteral(".part")));
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        post([this, path, session, error, recordThere] {
            if (!error.isEmpty()) {
                emit statusMessage(tr("The Playground session was not opened: %1").arg(error));
                emit sessionOpened(path, error);
                return;
            }
            applySession(path, *session, recordThere);
        });
    });
}

void PlaygroundPanel::applySession(const QString& path, const PlaygroundSession& session, bool recordThere)
{
    if (!worker_)
        return;
    const PlaygroundRecipe& r = session.recipe;
    {
        // The controls take the session's settings without restarting once per control: one run
        // below goes on from the session's state.
        const QSignalBlocker blocks[] = { QSignalBlocker(problem_), QSignalBlocker(dataset_), QSignalBlocker(noise_),
            QSignalBlocker(trainShare_), QSignalBlocker(optimizer_), QSignalBlocker(learningRate_), QSignalBlocker(momentum_),
            QSignalBlocker(nesterov_), QSignalBlocker(weightDecay_), QSignalBlocker(warmup_), QSignalBlocker(regularization_),
            QSignalBlocker(regularizationRate_), QSignalBlocker(batchSize_), QSignalBlocker(speed_),
            QSignalBlocker(beta1_), QSignalBlocker(beta2_), QSignalBlocker(epsilon_), QSignalBlocker(rho_),
            QSignalBlocker(schedule_), QSignalBlocker(scheduleEpochs_), QSignalBlocker(stepGamma_),
            QSignalBlocker(cosineMinLr_) };
        problem_->setCurrentIndex(problem_->findData(isRegression(r.dataset)));
        fillDatasets();
        dataset_->setCurrentIndex(dataset_->findData(int(r.dataset)));
        if (r.points)
            ownData_->showSessionPoints(*r.points);
        noise_->setValue(int(std::lround(r.noise * 100.0)));
        trainShare_->setValue(int(std::lround((1.0 - r.testShare) * 100.0)));
        networkSettings_->setFeatures(r.features);
        networkSettings_->setHiddenLayers(r.hidden);
        networkSettings_->setActivation(r.activation);
        optimizer_->setCurrentIndex(optimizer_->findData(int(r.optimizer)));
        selectNumber(learningRate_, r.learningRate);
        selectNumber(momentum_, r.momentum);
        nesterov_->setChecked(r.nesterov);
        selectNumber(weightDecay_, r.weightDecay);
        selectNumber(warmup_, double(r.warmupSteps));
        selectNumber(beta1_, r.beta1); // #22
        selectNumber(beta2_, r.beta2);
        selectNumber(epsilon_, r.epsilon);
        selectNumber(rho_, r.rho);
        schedule_->setCurrentIndex(schedule_->findData(int(r.schedule)));
        selectNumber(scheduleEpochs_, r.scheduleEpochs);
        selectNumber(stepGamma_, r.stepGamma);
        selectNumber(cosineMinLr_, r.cosineMinLr);
        regularization_->setCurrentIndex(regularization_->findData(int(r.regularization)));
        selectNumber(regularizationRate_, r.regularizationRate);
        batchSize_->setValue(r.batchSize);
        selectNumber(speed_, session.epochsPerSecond);
    }
    // What the blocked signals would have done: which controls apply, the drawing's inputs.
    const bool sgd = r.optimizer == OptimizerKind::SGD;
    momentum_->setEnabled(sgd);
    nesterov_->setEnabled(sgd && r.momentum > 0.0f);
    regularizationRate_->setEnabled(r.regularization != Regularization::None);
    showSettingsInUse();
    network_->setInputNames(networkSettings_->featureNames());
    datasetChosen();
    worker_->setEpochsPerSecond(session.epochsPerSecond);

    dataSeed_ = r.dataSeed;
    modelSeed_ = r.modelSeed; // "Same initialisation" goes back to the weights the session began with
    openedState_ = std::make_shared<const TrainerState>(session.state);
    openedSessionPath_ = QFileInfo(path).absoluteFilePath().toStdString();
    openedSessionRun_ = session.runRecord;
    running_ = false;
    restart(false);
    QString message = tr("Opened the Playground session %1 at epoch %2, paused. Training on from it is recorded as a new run.")
                          .arg(QDir::toNativeSeparators(path))
                          .arg(session.state.epoch);
    // Which run it was saved from (#22): its record's file, and whether the Runs dock still has it.
    const QString record = QDir::toNativeSeparators(QString::fromStdString(session.runRecord));
    if (!record.isEmpty())
        message += QLatin1Char(' ')
            + (recordThere ? tr("It was saved from the run %1.").arg(record)
                           : tr("It was saved from the run %1, whose record is gone.").arg(record));
    emit statusMessage(message);
    emit sessionOpened(path, {});
}

} // namespace ws::ui
