// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace ws::ui {

namespace {

const QString kResourceDir = QStringLiteral(":/i18n");

// Owned here for the life of the process; QCoreApplication only keeps pointers.
std::unique_ptr<QTranslator>& qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator>& ownTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

void replace(std::unique_ptr<QTranslator>& slot, std::unique_ptr<QTranslator> next)
{
    if (slot)
        QCoreApplication::removeTranslator(slot.get());
    slot = std::move(next);
    if (slot)
        QCoreApplication::installTranslator(slot.get());
}

} // namespace

QStringList availableLanguages() { return { QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr") }; }

QString languageName(const QString& code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English"); // QLocale("en") is en_US, whose name is "American English"
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name[0].toUpper(); // "français" -> "Français" in a list of names
    return name.isEmpty() ? code : name;
}

QString systemLanguage()
{
    // The user's preferred languages in order (LANGUAGE, LC_MESSAGES, ...): the first one we
    // have wins, and English, the source language, counts as one we have.
    const QStringList available = availableLanguages();
    for (const QString& tag : QLocale::system().uiLanguages()) {
        const QString code = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (available.contains(code))
            return code;
    }
    return QStringLiteral("en");
}

QString installTranslations(const QString& language)
{
    const QString wanted = availableLanguages().contains(language) ? language : systemLanguage();

    auto ours = std::make_unique<QTranslator>();
    if (wanted == QLatin1String("en") || !ours->load(QStringLiteral("weightscope_") + wanted, kResourceDir))
        ours.reset();
    const QString loaded = ours ? wanted : QStringLiteral("en");

    // Qt's own strings (standard buttons, file dialogs) in the same language as ours, so a
    // dialog never mixes two languages. Missing when qt6-translations-l10n is not installed.
    auto qt = std::make_unique<QTranslator>();
    if (!ours || !qt->load(QStringLiteral("qtbase_") + loaded, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qt.reset();

    replace(qtTranslator(), std::move(qt));
    replace(ownTranslator(), std::move(ours));
    return loaded;
}

} // namespace ws::ui
