// SPDX-License-Identifier: GPL-3.0-or-later
// One typed place per setting key (Tiled's Preference<T>): declare the key and its default next
// to the code that uses it, and read/write through the type instead of spelling keys twice.
// QCoreApplication's organisation and application names must be set before the first use.
#pragma once

#include <QSettings>
#include <QVariant>

namespace ws::ui {

template <class T> class Preference {
public:
    Preference(const char* key, T defaultValue = {}) : key_(key), default_(std::move(defaultValue)) {}

    T get() const
    {
        const QVariant value = QSettings().value(QLatin1String(key_));
        return value.isValid() && value.canConvert<T>() ? value.value<T>() : default_;
    }
    void set(const T& value) const { QSettings().setValue(QLatin1String(key_), QVariant::fromValue(value)); }
    const T& defaultValue() const { return default_; }

private:
    const char* key_;
    T default_;
};

} // namespace ws::ui
