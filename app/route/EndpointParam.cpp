// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EndpointParam.h"

#include "Endpoint.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(EndpointParam)
};

// Headers Detour sets itself or that belong to the connection (RFC 9110 / 9112):
// sending them from a route would break the request or contradict Detour.
const QSet<QString> &reservedHeaders()
{
    static const QSet<QString> names { u"host"_s, u"content-length"_s, u"content-type"_s,
        u"transfer-encoding"_s, u"connection"_s, u"keep-alive"_s, u"upgrade"_s, u"te"_s,
        u"trailer"_s, u"expect"_s, u"proxy-authorization"_s, u"proxy-connection"_s, u"accept"_s,
        u"accept-encoding"_s, u"user-agent"_s, u"cookie"_s };
    return names;
}

QString placeText(EndpointParam::Place place)
{
    return place == EndpointParam::Place::Header ? Text::tr("header") : Text::tr("query parameter");
}

} // namespace

QString EndpointParam::sourceName(Source source)
{
    switch (source) {
    case Source::Value:
        return u"value"_s;
    case Source::Environment:
        return u"env"_s;
    case Source::Keyring:
        return u"keyring"_s;
    }
    return {};
}

std::optional<EndpointParam::Source> EndpointParam::sourceFromName(const QString &text)
{
    for (Source source : { Source::Value, Source::Environment, Source::Keyring }) {
        if (sourceName(source) == text)
            return source;
    }
    return std::nullopt;
}

QString EndpointParam::keychainAccount(const QString &entry)
{
    return u"secret:"_s + entry;
}

bool EndpointParam::isToken(const QString &text)
{
    // token = 1*tchar; tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "."
    //       / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA   (RFC 9110, 5.6.2)
    static const QRegularExpression token(u"^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$"_s);
    return token.match(text).hasMatch();
}

bool EndpointParam::looksLikeCredential(const QString &text)
{
    // Whole words, so "x-max-tokens" or "x-ratelimit-limit-tokens" are no credentials.
    static const QRegularExpression words(
        u"(^|[-_.])(api-?key|apikey|key|auth|authorization|token|secret|password|passwd|"
        "credentials?|signature|sig)($|[-_.])"_s,
        QRegularExpression::CaseInsensitiveOption);
    return words.match(text).hasMatch();
}

QString EndpointParam::problem(const EndpointParam &param, Place place, const Endpoint &endpoint)
{
    const QString where =
        Text::tr("Endpoint \"%1\", %2 \"%3\"").arg(endpoint.id, placeText(place), param.name);
    if (param.name.isEmpty())
        return Text::tr("Endpoint \"%1\" has a %2 without a name.")
            .arg(endpoint.id, placeText(place));
    if (place == Place::Header) {
        if (!isToken(param.name))
            return Text::tr("%1: a header name is letters, digits and !#$%&'*+-.^_`|~ only.")
                .arg(where);
        const QString lower = param.name.toLower();
        if (reservedHeaders().contains(lower))
            return Text::tr("%1: Detour sets this header itself.").arg(where);
        if (lower == "authorization"_L1 && !endpoint.keyEnv.isEmpty())
            return Text::tr("%1: the endpoint's key already goes in this header; leave key_env "
                            "empty to set it here.")
                .arg(where);
    } else {
        for (QChar c : param.name) {
            if (c.category() == QChar::Other_Control || c == u'#')
                return Text::tr("%1: the name has a character a URL cannot carry.").arg(where);
        }
    }
    switch (param.source) {
    case Source::Value:
        for (QChar c : param.value) {
            if (c == u'\r' || c == u'\n' || c == QChar::Null)
                return Text::tr("%1: the value has a line break.").arg(where);
        }
        if (looksLikeCredential(param.name) && !param.value.isEmpty())
            return Text::tr("%1 looks like a credential: take its value from an environment "
                            "variable or the keyring, not from the route file.")
                .arg(where);
        break;
    case Source::Environment: {
        static const QRegularExpression variable(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
        if (!variable.match(param.value).hasMatch())
            return Text::tr("%1: \"%2\" is not an environment variable's name.")
                .arg(where, param.value);
        break;
    }
    case Source::Keyring: {
        static const QRegularExpression entry(u"^[A-Za-z0-9][A-Za-z0-9._-]*$"_s);
        if (!entry.match(param.value).hasMatch())
            return Text::tr("%1: a keyring entry is named with letters, digits, '.', '_' and "
                            "'-'.")
                .arg(where);
        break;
    }
    }
    return {};
}

QString EndpointParam::problemOf(const Endpoint &endpoint)
{
    for (Place place : { Place::Header, Place::Query }) {
        const EndpointParams &params = place == Place::Header ? endpoint.headers : endpoint.query;
        QSet<QString> seen;
        for (const EndpointParam &param : params) {
            if (const QString sentence = EndpointParam::problem(param, place, endpoint);
                !sentence.isEmpty())
                return sentence;
            // Header names are case-insensitive; query names are not.
            const QString key = place == Place::Header ? param.name.toLower() : param.name;
            if (seen.contains(key))
                return Text::tr("Endpoint \"%1\" names the %2 \"%3\" twice.")
                    .arg(endpoint.id, placeText(place), param.name);
            seen.insert(key);
        }
    }
    return {};
}

} // namespace detour
