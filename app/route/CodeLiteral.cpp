// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CodeLiteral.h"

#include "RouteCodeExporter.h"
#include "protocol/JsonUtil.h"

#include <QSet>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
// Literals keep the order in which they are built ("model" first), not sorted keys.
using OrderedJson = nlohmann::ordered_json;

namespace {

// Characters shown as they are inside string literals; the rest (controls,
// format characters, unusual spaces, line separators) are written as escapes.
bool isVisible(char32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

QString fromCodePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

QString hex(uint value, int width)
{
    return u"%1"_s.arg(value, width, 16, QChar(u'0'));
}

// The words of an endpoint id, for variable names: ASCII letters and digits only.
QStringList idWords(const QString &id)
{
    QStringList words;
    QString word;
    for (const QChar c : id) {
        if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')) {
            word += c.toLower();
        } else if (!word.isEmpty()) {
            words << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        words << word;
    if (words.isEmpty() || words.front().front().isDigit())
        words.prepend(u"endpoint"_s);
    return words;
}

int indentWidth(CodeLiteral::Syntax syntax)
{
    return syntax == CodeLiteral::Syntax::Python ? 4 : 2;
}

} // namespace

// ---------------------------------------------------------------------------
// Text

QString CodeLiteral::commentText(const QString &text)
{
    QString out;
    for (const char32_t c : text.toUcs4())
        out += isVisible(c) ? fromCodePoint(c) : u" "_s;
    return out;
}

QString CodeLiteral::quoted(const QString &text, Syntax syntax)
{
    QString out = u"\""_s;
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'\\':
            out += u"\\\\"_s;
            continue;
        case U'"':
            out += u"\\\""_s;
            continue;
        case U'\n':
            out += u"\\n"_s;
            continue;
        case U'\r':
            out += u"\\r"_s;
            continue;
        case U'\t':
            out += u"\\t"_s;
            continue;
        default:
            break;
        }
        if (isVisible(c))
            out += fromCodePoint(c);
        else if (c < 0x100)
            out += u"\\x"_s + hex(c, 2);
        else if (c < 0x10000)
            out += u"\\u"_s + hex(c, 4);
        else if (syntax == Syntax::Python)
            out += u"\\U"_s + hex(c, 8);
        else
            out += u"\\u"_s + hex(0xd800 + ((c - 0x10000) >> 10), 4) + u"\\u"_s
                + hex(0xdc00 + ((c - 0x10000) & 0x3ff), 4);
    }
    return out + u'"';
}

bool CodeLiteral::isAsciiIdentifier(const QString &text, bool allowDollar)
{
    if (text.isEmpty() || text.front().isDigit())
        return false;
    for (const QChar c : text) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'_' || (allowDollar && c == u'$');
        if (!ok)
            return false;
    }
    return true;
}

bool CodeLiteral::isShellName(const QString &variable)
{
    return variable.isEmpty() || isAsciiIdentifier(variable, false);
}

QString CodeLiteral::shellQuoted(const QString &text)
{
    QString out = text;
    out.replace(u'\'', u"'\\''"_s);
    return u'\'' + out + u'\'';
}

QString CodeLiteral::urlText(const QUrl &url)
{
    return QString::fromLatin1(url.toEncoded(QUrl::RemovePassword));
}

QList<QString> CodeLiteral::clientNames(const QList<const Endpoint *> &endpoints, Syntax syntax)
{
    QList<QString> names;
    QSet<QString> used;
    for (const Endpoint *endpoint : endpoints) {
        QStringList words = idWords(endpoint->id);
        QString name;
        if (syntax == Syntax::Python) {
            name = words.join(u'_') + u"_client"_s;
        } else {
            name = words.takeFirst();
            for (const QString &word : std::as_const(words))
                name += word.front().toUpper() + word.mid(1);
            name += u"Client"_s;
        }
        QString unique = name;
        for (int n = 2; used.contains(unique); ++n)
            unique = name + (syntax == Syntax::Python ? u"_"_s : QString()) + QString::number(n);
        used.insert(unique);
        names << unique;
    }
    return names;
}

QString CodeLiteral::pythonKeyArgument(const Endpoint &endpoint, const QString &name)
{
    const QString variable = RouteCodeExporter::keyVariable(endpoint);
    if (variable.isEmpty())
        return name + u"=\"unused\",  # keyless endpoint: any value will do"_s;
    return name + u"=os.environ["_s + quoted(variable, Syntax::Python) + u"],"_s;
}

QString CodeLiteral::javaScriptKeyArgument(const Endpoint &endpoint, const QString &name)
{
    // A keyless endpoint still gets a value: the SDKs refuse to start without one
    // ("Missing credentials"), and such a server ignores it.
    const QString variable = RouteCodeExporter::keyVariable(endpoint);
    if (variable.isEmpty())
        return name + u": \"unused\", // keyless endpoint: any value will do"_s;
    if (isAsciiIdentifier(variable, true))
        return name + u": process.env."_s + variable + u',';
    return name + u": process.env["_s + quoted(variable, Syntax::TypeScript) + u"],"_s;
}

// ---------------------------------------------------------------------------
// JSON values as Python / TypeScript literals

int CodeLiteral::lineLimit(Syntax syntax)
{
    return syntax == Syntax::Python ? 88 : 80;
}

QString CodeLiteral::keyText(const std::string &key, Syntax syntax)
{
    const QString text = json::toQt(key);
    if (syntax == Syntax::TypeScript && isAsciiIdentifier(text, true))
        return text;
    return quoted(text, syntax);
}

QString CodeLiteral::flatLiteral(const OrderedJson &value, Syntax syntax)
{
    const bool python = syntax == Syntax::Python;
    switch (value.type()) {
    case OrderedJson::value_t::null:
        return python ? u"None"_s : u"null"_s;
    case OrderedJson::value_t::boolean:
        if (value.get<bool>())
            return python ? u"True"_s : u"true"_s;
        return python ? u"False"_s : u"false"_s;
    case OrderedJson::value_t::string:
        return quoted(json::toQt(value.get_ref<const std::string &>()), syntax);
    case OrderedJson::value_t::array: {
        QStringList items;
        for (const OrderedJson &item : value)
            items << flatLiteral(item, syntax);
        return u'[' + items.join(u", "_s) + u']';
    }
    case OrderedJson::value_t::object: {
        if (value.empty())
            return u"{}"_s;
        QStringList items;
        for (auto it = value.begin(); it != value.end(); ++it)
            items << keyText(it.key(), syntax) + u": "_s + flatLiteral(it.value(), syntax);
        if (python)
            return u'{' + items.join(u", "_s) + u'}';
        return u"{ "_s + items.join(u", "_s) + u" }"_s;
    }
    case OrderedJson::value_t::number_float:
        // JSON has no NaN or infinity: the request carries null there.
        if (!std::isfinite(value.get<double>()))
            return python ? u"None"_s : u"null"_s;
        return QString::fromStdString(value.dump());
    default: // integers; JSON number syntax is valid in both languages
        return QString::fromStdString(value.dump());
    }
}

// `value` written at `column` of a line indented by `indent`.
QString CodeLiteral::literal(
    const OrderedJson &value, Syntax syntax, qsizetype indent, qsizetype column)
{
    const QString flat = flatLiteral(value, syntax);
    if (!value.is_structured() || value.empty() || column + flat.size() + 1 <= lineLimit(syntax))
        return flat;
    const qsizetype inner = indent + indentWidth(syntax);
    QString out = value.is_array() ? u"[\n"_s : u"{\n"_s;
    for (auto it = value.begin(); it != value.end(); ++it) {
        QString prefix = QString(inner, u' ');
        if (value.is_object())
            prefix += keyText(it.key(), syntax) + u": "_s;
        out += prefix + literal(it.value(), syntax, inner, prefix.size()) + u",\n"_s;
    }
    return out + QString(indent, u' ') + (value.is_array() ? u']' : u'}');
}

QString CodeLiteral::assignment(
    const QString &prefix, const OrderedJson &value, Syntax syntax, qsizetype indent)
{
    return prefix + literal(value, syntax, indent, prefix.size());
}

OrderedJson CodeLiteral::ordered(const nlohmann::json &value)
{
    return OrderedJson::parse(value.dump());
}

OrderedJson CodeLiteral::parameters(const nlohmann::json &body)
{
    OrderedJson out = OrderedJson::object();
    if (body.contains("model"))
        out["model"] = ordered(body.at("model"));
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != "messages" && it.key() != "model")
            out[it.key()] = ordered(it.value());
    }
    return out;
}

} // namespace detour
