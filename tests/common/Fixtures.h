// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>

// Real-shaped OpenRouter samples in tests/fixtures (copied from the design's fixtures).
namespace fixtures {

inline QString path(const QString &name)
{
    return QDir(QStringLiteral(DETOUR_FIXTURES_DIR)).filePath(name);
}

inline QByteArray read(const QString &name)
{
    QFile file(path(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

inline QStringList names(const QString &pattern)
{
    return QDir(QStringLiteral(DETOUR_FIXTURES_DIR))
        .entryList({ pattern }, QDir::Files, QDir::Name);
}

} // namespace fixtures

namespace fixtures {

// JSON written with single quotes so that it reads well inside C++ strings
// (and raw string literals, which Qt 6.4's moc mis-parses, are not needed).
inline QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

} // namespace fixtures
