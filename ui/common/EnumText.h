// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's lists of engine choices come from core's enum tables (core/util/EnumNames.h): the
// values and their labels; only the translation is the GUI's. Every label is translated in one
// context, "ws::EnumLabels": EnumText.cpp names each label for lupdate, and a test checks that
// every label of every enum the GUI lists is among them, so a label added to a core table cannot
// reach the screen untranslated.
#pragma once

#include "util/EnumNames.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QString>

#include <initializer_list>
#include <string>
#include <string_view>

namespace ws::ui {

// The label of `value`, translated.
template <NamedEnum E> QString enumText(E value)
{
    return QCoreApplication::translate("ws::EnumLabels", std::string(enumLabel(value)).c_str());
}

// Adds `values` to `box` in the order given (all of E's values in table order when empty): text
// the translated label, data int(value).
template <NamedEnum E> void addEnumItems(QComboBox* box, std::initializer_list<E> values = {})
{
    if (values.size() == 0) {
        for (const E v : enumValues<E>())
            box->addItem(enumText(v), int(v));
        return;
    }
    for (const E v : values)
        box->addItem(enumText(v), int(v));
}

// True when EnumText.cpp names `label` for translation.
bool isTranslatedEnumLabel(std::string_view label);

} // namespace ws::ui
