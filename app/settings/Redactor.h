// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>

namespace detour {

// Replaces secrets in text meant for people or logs (logs, reports, request
// previews, exports) with "[redacted]": every known key (also JSON-escaped and
// percent-encoded), and whatever looks like a credential whether known or not:
// `Bearer <token>`, Authorization header values, `api_key=...` / `"api_key": "..."`,
// `?key=` in URLs, and OpenRouter / OpenAI / Groq key shapes (`sk-or-v1-...`).
//
// A process-wide set of known keys backs the Qt message filter: KeyRing adds
// every key it learns with remember(), and installMessageFilter() passes all
// qDebug / qWarning / ... output through it.
class Redactor final {
public:
    Redactor() = default;
    explicit Redactor(const QStringList &secrets);

    // Secrets shorter than minimumSecretLength() are ignored (they would blank
    // out ordinary words and are no credential anyway).
    void addSecret(const QString &secret);
    QStringList secrets() const { return m_secrets; }

    QString redact(const QString &text) const;
    bool containsSecret(const QString &text) const { return redact(text) != text; }

    static QString placeholder(); // "[redacted]"
    static constexpr qsizetype minimumSecretLength() { return 6; }
    // Only the credential shapes, no known keys.
    static QString redactPatterns(const QString &text);

    // The process-wide set (thread-safe).
    static void remember(const QString &secret);
    static Redactor global();

    // Routes every Qt message through global() before the handler that was
    // installed before it. Idempotent; removeMessageFilter() restores that handler.
    static void installMessageFilter();
    static void removeMessageFilter();
    static bool isMessageFilterInstalled();

private:
    QStringList m_secrets; // every spelling of every key, longest first
};

} // namespace detour
