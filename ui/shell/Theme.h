// SPDX-License-Identifier: GPL-3.0-or-later
// Light, dark or the system's look. Dark and light use Qt's Fusion style with an explicit
// palette so that they look the same on every desktop; "system" restores what Qt chose at start.
#pragma once

#include <QString>

namespace ws::ui {

// theme: "system", "light" or "dark"; anything else counts as "system".
void applyTheme(const QString& theme);

} // namespace ws::ui
