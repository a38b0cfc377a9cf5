// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/PreferencesDialog.h"

#include "shell/AppSettings.h"
#include "shell/Translations.h"

#include "util/Threads.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ws::ui {

namespace {

// Selects the item whose data is value; leaves the selection alone when there is none.
void selectData(QComboBox* combo, const QString& value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

QComboBox* namesCombo(const QStringList& names)
{
    auto* combo = new QComboBox;
    for (const QString& name : names)
        combo->addItem(name, name); // colour-map names are proper names: not translated
    return combo;
}

} // namespace

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));

    runsFolder_ = new QLineEdit;
    runsFolder_->setPlaceholderText(settings::defaultRunsFolder());
    runsFolder_->setToolTip(tr("Folder where every training run is recorded; empty for the default"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setToolTip(tr("Choose the runs folder"));
    connect(browse, &QPushButton::clicked, this, &PreferencesDialog::browseRunsFolder);
    auto* runsRow = new QHBoxLayout;
    runsRow->addWidget(runsFolder_, 1);
    runsRow->addWidget(browse);

    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("All cores (%1)").arg(hardwareThreads()));
    threads_->setToolTip(tr("Threads for training and analysis; used by what starts after the change"));

    diverging_ = namesCombo(settings::divergingColourMaps());
    diverging_->setToolTip(tr("Colour map for signed values, centred on zero"));
    sequential_ = namesCombo(settings::sequentialColourMaps());
    sequential_->setToolTip(tr("Colour map for magnitudes"));

    theme_ = new QComboBox;
    theme_->addItem(tr("System"), QStringLiteral("system"));
    theme_->addItem(tr("Light"), QStringLiteral("light"));
    theme_->addItem(tr("Dark"), QStringLiteral("dark"));
    theme_->setToolTip(tr("Light or dark colours, or those of the desktop"));

    language_ = new QComboBox;
    language_->addItem(tr("System (%1)").arg(languageName(systemLanguage())), QString());
    for (const QString& code : availableLanguages())
        language_->addItem(languageName(code), code);
    language_->setToolTip(tr("Language of the user interface"));
    languageNote_ = new QLabel(tr("The language changes when Weightscope is started again."));
    languageNote_->setWordWrap(true);
    languageNote_->setVisible(false);
    connect(language_, &QComboBox::currentIndexChanged, this, [this] {
        languageNote_->setVisible(language_->currentData().toString() != languageAtOpen_);
        // A wrapped label that appears after the dialog was laid out was clipped to one line:
        // the dialog grows to its new height-for-width.
        layout()->activate();
        const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
        if (needed > height())
            resize(width(), needed);
    });

    refresh_ = new QSpinBox;
    refresh_->setRange(1, 120);
    refresh_->setSuffix(tr(" fps"));
    refresh_->setToolTip(tr("How often live plots are redrawn while training"));

    auto* general = new QGroupBox(tr("General"));
    auto* generalForm = new QFormLayout(general);
    generalForm->addRow(tr("Runs folder:"), runsRow);
    generalForm->addRow(tr("Threads:"), threads_);

    auto* appearance = new QGroupBox(tr("Appearance"));
    auto* appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("Theme:"), theme_);
    appearanceForm->addRow(tr("Language:"), language_);
    appearanceForm->addRow(QString(), languageNote_);
    appearanceForm->addRow(tr("Diverging colour map:"), diverging_);
    appearanceForm->addRow(tr("Sequential colour map:"), sequential_);
    appearanceForm->addRow(tr("Plot refresh rate:"), refresh_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        &PreferencesDialog::restoreDefaults);
    buttons->button(QDialogButtonBox::RestoreDefaults)->setToolTip(tr("Put every control back to its default (saved with OK)"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(appearance);
    layout->addStretch(1);
    layout->addWidget(buttons);

    load();
}

void PreferencesDialog::load()
{
    runsFolder_->setText(settings::runsFolder.get());
    threads_->setValue(settings::threads.get());
    selectData(diverging_, settings::divergingColourMap.get());
    selectData(sequential_, settings::sequentialColourMap.get());
    selectData(theme_, settings::theme.get());
    languageAtOpen_ = settings::language.get();
    selectData(language_, languageAtOpen_);
    refresh_->setValue(settings::plotRefreshHz.get());
}

void PreferencesDialog::restoreDefaults()
{
    runsFolder_->setText(settings::runsFolder.defaultValue());
    threads_->setValue(settings::threads.defaultValue());
    selectData(diverging_, settings::divergingColourMap.defaultValue());
    selectData(sequential_, settings::sequentialColourMap.defaultValue());
    selectData(theme_, settings::theme.defaultValue());
    selectData(language_, settings::language.defaultValue());
    refresh_->setValue(settings::plotRefreshHz.defaultValue());
}

void PreferencesDialog::save() const
{
    settings::runsFolder.set(QDir::fromNativeSeparators(runsFolder_->text().trimmed()));
    settings::threads.set(threads_->value());
    settings::divergingColourMap.set(diverging_->currentData().toString());
    settings::sequentialColourMap.set(sequential_->currentData().toString());
    settings::theme.set(theme_->currentData().toString());
    settings::language.set(language_->currentData().toString());
    settings::plotRefreshHz.set(refresh_->value());
}

void PreferencesDialog::accept()
{
    save();
    QDialog::accept();
}

void PreferencesDialog::browseRunsFolder()
{
    const QString start = runsFolder_->text().isEmpty() ? settings::defaultRunsFolder() : runsFolder_->text();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Runs Folder"), start);
    if (!folder.isEmpty())
        runsFolder_->setText(QDir::toNativeSeparators(folder));
}

} // namespace ws::ui
