// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the translations for the chosen language: Qt's own (qtbase_*.qm from Qt's translations
// folder, Debian's qt6-translations-l10n) and Weightscope's, compiled into the binary under
// :/i18n by qt_add_translations (translations/*.ts).
#pragma once

#include <QString>
#include <QStringList>

namespace ws::ui {

// Languages Weightscope is translated into, as codes ("en" is the source language).
QStringList availableLanguages();
// The language's own name ("Deutsch"), so people can find theirs in a foreign interface.
QString languageName(const QString& code);

// The first of the user's preferred languages (QLocale::system().uiLanguages()) that Weightscope
// has, or "en".
QString systemLanguage();

// Replaces the translators installed by an earlier call. language: a code from
// availableLanguages(), or empty (or unknown) for systemLanguage(). Returns the code of
// the Weightscope translation that was loaded, or "en" when the source strings are used.
QString installTranslations(const QString& language);

} // namespace ws::ui
