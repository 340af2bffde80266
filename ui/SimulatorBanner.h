// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

namespace detour {

// The strip at the top of the chat pane while Detour runs on its simulator:
// says so plainly and offers to add a key.
class SimulatorBanner final : public QFrame {
    Q_OBJECT

public:
    explicit SimulatorBanner(QWidget *parent = nullptr);

Q_SIGNALS:
    void addKeyRequested();
};

} // namespace detour
