// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Redactor.h"

#include <QMutex>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct GlobalState {
    QMutex mutex;
    Redactor redactor;
    QtMessageHandler previous = nullptr;
    bool installed = false;
};

GlobalState &globalState()
{
    static GlobalState state;
    return state;
}

void filterMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QtMessageHandler next = nullptr;
    Redactor redactor;
    {
        GlobalState &state = globalState();
        QMutexLocker lock(&state.mutex);
        next = state.previous;
        redactor = state.redactor;
    }
    if (next)
        next(type, context, redactor.redact(message));
}

QString jsonEscaped(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (QChar c : text) {
        // "\/" is how some encoders write a slash.
        if (c == u'"' || c == u'\\' || c == u'/')
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

} // namespace

Redactor::Redactor(const QStringList &secrets)
{
    for (const QString &secret : secrets)
        addSecret(secret);
}

QString Redactor::placeholder()
{
    return u"[redacted]"_s;
}

void Redactor::addSecret(const QString &secret)
{
    const QString trimmed = secret.trimmed();
    if (trimmed.size() < minimumSecretLength())
        return;
    const QStringList spellings { trimmed, jsonEscaped(trimmed),
        QString::fromLatin1(QUrl::toPercentEncoding(trimmed)) };
    for (const QString &spelling : spellings) {
        if (!m_secrets.contains(spelling))
            m_secrets.append(spelling);
    }
    // Longest first, so that a key containing another is replaced whole.
    std::stable_sort(m_secrets.begin(), m_secrets.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString Redactor::redact(const QString &text) const
{
    QString result = text;
    for (const QString &secret : m_secrets)
        result.replace(secret, placeholder());
    return redactPatterns(result);
}

QString Redactor::redactPatterns(const QString &text)
{
    // `\\?["']` also matches the escaped quotes of JSON inside a string (and of qDebug()).
    static const QRegularExpression authorization(
        u"(\\b(?:proxy-)?authorization\\b(?:\\\\?[\"'])?\\s*[:=,]\\s*(?:\\\\?[\"'])?)"
        "[^\"'\\\\\\r\\n]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bearer(
        u"\\b(bearer\\s+)[^\\s\"'\\\\,;]+"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression assignment(
        u"(\\b[a-z0-9_]*api[-_]?key(?:\\\\?[\"'])?\\s*[:=]\\s*(?:\\\\?[\"'])?)"
        "[^\\s\"'\\\\,;&]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression query(
        u"([?&](?:api[-_]?key|key|token|access_token)=)[^&#\\s\"'\\\\]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression shapes(
        u"\\b(?:sk-or-v1-[A-Za-z0-9_-]+|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"
        "|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,})"_s);

    QString result = text;
    const QString keepName = u"\\1"_s + placeholder();
    result.replace(authorization, keepName);
    result.replace(bearer, keepName);
    result.replace(assignment, keepName);
    result.replace(query, keepName);
    result.replace(shapes, placeholder());
    return result;
}

void Redactor::remember(const QString &secret)
{
    GlobalState &state = globalState();
    QMutexLocker lock(&state.mutex);
    state.redactor.addSecret(secret);
}

Redactor Redactor::global()
{
    GlobalState &state = globalState();
    QMutexLocker lock(&state.mutex);
    return state.redactor;
}

void Redactor::installMessageFilter()
{
    GlobalState &state = globalState();
    QMutexLocker lock(&state.mutex);
    if (state.installed)
        return;
    state.previous = qInstallMessageHandler(&filterMessage);
    state.installed = true;
}

void Redactor::removeMessageFilter()
{
    GlobalState &state = globalState();
    QMutexLocker lock(&state.mutex);
    if (!state.installed)
        return;
    const QtMessageHandler current = qInstallMessageHandler(state.previous);
    if (current != &filterMessage) {
        // A handler installed after ours forwards to ours: keep both in place.
        qInstallMessageHandler(current);
        return;
    }
    state.installed = false;
    state.previous = nullptr;
}

bool Redactor::isMessageFilterInstalled()
{
    GlobalState &state = globalState();
    QMutexLocker lock(&state.mutex);
    return state.installed;
}

} // namespace detour
