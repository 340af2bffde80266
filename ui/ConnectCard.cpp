// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConnectCard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ConnectCard::ConnectCard(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"connectCard"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *title = new QLabel(tr("<b>Chat with real models</b>"), this);
    title->setObjectName(u"connectCardTitle"_s);
    auto *text = new QLabel(tr("Add your OpenRouter key and Detour sends your messages along "
                               "your route. Until then it answers from its built-in simulator, "
                               "which shows a rate limit and the way around it."),
        this);
    text->setObjectName(u"connectCardText"_s);
    text->setWordWrap(true);
    auto *addKey = new QPushButton(tr("Add your key…"), this);
    addKey->setObjectName(u"connectCardAddKey"_s);
    addKey->setDefault(false);
    auto *stay = new QPushButton(tr("Keep the simulator"), this);
    stay->setObjectName(u"connectCardKeepSimulator"_s);
    stay->setToolTip(tr("Stay on the simulator; Connection ▸ Connection… adds a key later."));
    connect(addKey, &QPushButton::clicked, this, &ConnectCard::addKeyRequested);
    connect(stay, &QPushButton::clicked, this, &ConnectCard::simulatorChosen);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addKey);
    buttons->addWidget(stay);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addLayout(buttons);
}

} // namespace detour
