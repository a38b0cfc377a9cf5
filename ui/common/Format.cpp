// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Format.h"

#include <QLocale>
#include <QStringList>

#include <cmath>

namespace ws::ui {

// IEC names for powers of 1024, as core's byteSize and the CLI write them: the "traditional"
// format wrote kB and MB for powers of 1024. The number follows the locale (1,5 MiB in German).
QString formatBytes(quint64 bytes) { return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat); }

QString formatCount(qint64 n) { return QLocale().toString(n); }

QString formatShape(const Shape& shape)
{
    QStringList parts;
    for (int64_t d : shape)
        parts << QString::number(d);
    return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + (shape.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

QString formatLoss(double loss) { return std::isfinite(loss) ? QString::number(loss, 'f', 4) : QStringLiteral("–"); }

} // namespace ws::ui
