// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimulatorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace detour {

using namespace Qt::StringLiterals;

SimulatorBanner::SimulatorBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"simulatorBanner"_s);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    // Amber, like a notice; the text stays in the palette's own colour for contrast.
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xff, 0xf1, 0xc7));
    colours.setColor(QPalette::WindowText, QColor(0x3d, 0x2e, 0x00));
    setPalette(colours);

    auto *text = new QLabel(tr("<b>Simulated</b> — you are on the simulated OpenRouter: nothing "
                               "leaves this computer."),
        this);
    text->setObjectName(u"simulatorBannerText"_s);
    text->setWordWrap(true);
    auto *addKey = new QPushButton(tr("Add a key…"), this);
    addKey->setObjectName(u"addKeyButton"_s);
    connect(addKey, &QPushButton::clicked, this, &SimulatorBanner::addKeyRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(text, 1);
    layout->addWidget(addKey);
}

} // namespace detour
