// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QTextStream;

namespace detour {

// `detour --export LANGUAGE --route FILE [--ask TEXT] [--system TEXT]`: prints
// the route as a program (RouteCodeExporter, the window's "Copy as"), asking
// TEXT ("Hello!" without --ask) under the route's defaults.
class ExportCommand final {
public:
    enum Exit { Printed = 0, Refused = 2 }; // Refused: an unknown language or a bad route file

    struct Options {
        QString language; // curl, python, langchain, langchain-js, typescript
        QString routeFile;
        QString question;
        QString systemPrompt;
    };

    static int run(const Options &options, QTextStream &out, QTextStream &err);
};

} // namespace detour
