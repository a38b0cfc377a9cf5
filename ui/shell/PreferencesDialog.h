// SPDX-License-Identifier: GPL-3.0-or-later
// Edit ▸ Preferences: the application-wide settings of AppSettings.h. The dialog reads them when
// it opens and writes them when accepted; the main window then applies what can change live
// (theme, plot refresh rate) and the rest takes effect where it is next used.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ws::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    void accept() override; // saves, then closes
    void save() const;      // the controls into the settings

    // The controls, for tests.
    QLineEdit* runsFolderEdit() const { return runsFolder_; }
    QSpinBox* threadsSpin() const { return threads_; }
    QComboBox* divergingCombo() const { return diverging_; }
    QComboBox* sequentialCombo() const { return sequential_; }
    QComboBox* themeCombo() const { return theme_; }
    QComboBox* languageCombo() const { return language_; }
    QSpinBox* refreshSpin() const { return refresh_; }

private:
    void load(); // the settings into the controls
    void restoreDefaults();
    void browseRunsFolder();

    QLineEdit* runsFolder_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QComboBox* diverging_ = nullptr;
    QComboBox* sequential_ = nullptr;
    QComboBox* theme_ = nullptr;
    QComboBox* language_ = nullptr;
    QLabel* languageNote_ = nullptr;
    QSpinBox* refresh_ = nullptr;
    QString languageAtOpen_;
};

} // namespace ws::ui
