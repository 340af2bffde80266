// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

class QWidget;

namespace detour {

class ChatView;

// What the benchmarks do to the real chat pane, as a person would.
namespace chatdriver {

// Runs the event loop until `widget` has painted and that paint was flushed.
void waitForPaint(QWidget *widget);
// The same for the chat pane (its content widget, which covers the viewport).
void waitForPaint(ChatView *view);
// Pages through the whole conversation at 60 pages a second, up then down.
void scrollEndToEnd(ChatView *view);

} // namespace chatdriver
} // namespace detour
