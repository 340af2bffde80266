// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QtGlobal>

namespace detour {

class ConversationStore;

namespace sample {

// What a real conversation leaves in the store, `messages` long: each question,
// then its Markdown reply (MarkdownSample) with the turn that served it.
// Returns the conversation's id.
Result<qint64> writeConversation(ConversationStore &store, int messages);

} // namespace sample
} // namespace detour
