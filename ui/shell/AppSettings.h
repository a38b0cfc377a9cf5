// SPDX-License-Identifier: GPL-3.0-or-later
// The application-wide settings the Preferences dialog edits, one typed key each (Preference.h).
// Settings that belong to one panel (its splitter, its last dataset) stay next to that panel.
#pragma once

#include "shell/Preference.h"

#include <QString>

namespace ws::ui::settings {

// Where training runs are recorded; empty means defaultRunsFolder().
inline const Preference<QString> runsFolder("preferences/runsFolder");
// Threads for training and analysis started from the GUI; 0 means all cores.
inline const Preference<int> threads("preferences/threads", 0);
// Colour-map names for the tensor views: signed data (centred on zero) and magnitudes.
inline const Preference<QString> divergingColourMap("preferences/divergingColourMap", QStringLiteral("RdBu"));
inline const Preference<QString> sequentialColourMap("preferences/sequentialColourMap", QStringLiteral("viridis"));
// "system", "light" or "dark" (Theme.h).
inline const Preference<QString> theme("preferences/theme", QStringLiteral("system"));
// A language code ("de", "fr", "en") or empty for the system's language (Translations.h).
inline const Preference<QString> language("preferences/language");
// View ▸ Inspector Follows Training: the inspector shows the Training panel's model after each epoch.
inline const Preference<bool> inspectorFollowsTraining("view/inspectorFollowsTraining", false);
// How often live plots are redrawn, in frames per second.
inline const Preference<int> plotRefreshHz("preferences/plotRefreshHz", 30);
// The Playground's dataset (PlaygroundKind's name), so that your own points come back with it.
inline const Preference<QString> playgroundDataset("playground/dataset", QStringLiteral("spiral"));

QString defaultRunsFolder(); // $XDG_DATA_HOME/weightscope/runs, as weightscope-cli
QString effectiveRunsFolder(); // the setting, or the default when it is empty; GUI trainings record there

// The folder a file dialog for `purpose` ("weights", "export", "dataset") showed last, so the
// next one starts there (empty the first time: the dialog's own default); remember() stores the
// folder of the file or folder the user picked.
QString lastFolder(const QString& purpose);
void rememberFolder(const QString& purpose, const QString& picked);

QStringList divergingColourMaps();
QStringList sequentialColourMaps();

} // namespace ws::ui::settings
