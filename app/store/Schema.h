// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringView>

namespace detour::schema {

// Scripts written without spaces between words (Chinese, Japanese, Korean,
// Thai, ...). Messages containing any of them are also indexed by trigrams
// (table message_cjk), since a word tokenizer would see a whole sentence as
// one word; searches containing them use that index. Migration 3 froze this
// set into its GLOB pattern: changing it needs a new migration.
bool isSubstringScript(char32_t codePoint);
bool needsSubstringSearch(QStringView text);
// The same set as an SQLite GLOB pattern: '*[...]*'.
QString substringScriptGlob();

} // namespace detour::schema
