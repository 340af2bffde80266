// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

namespace detour {

// The first start's offer, shown above an empty chat on the simulator: add an
// OpenRouter key to chat with real models, or keep the simulator (and not be
// asked again).
class ConnectCard final : public QFrame {
    Q_OBJECT

public:
    explicit ConnectCard(QWidget *parent = nullptr);

Q_SIGNALS:
    void addKeyRequested();
    void simulatorChosen();
};

} // namespace detour
