// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MarkdownSample.h"

#include "sim/SimStream.h"

#include <QStringList>

namespace detour::sample {

using namespace Qt::StringLiterals;

namespace {

const QStringList words = { u"route"_s, u"provider"_s, u"latency"_s, u"the"_s, u"stream"_s,
    u"*fallback*"_s, u"model"_s, u"`429`"_s, u"retry"_s, u"cooldown"_s, u"upstream"_s, u"and"_s,
    u"**served**"_s, u"tokens"_s, u"a"_s, u"request"_s, u"[docs](https://openrouter.ai)"_s };

QString sentence(int seed, int length)
{
    QStringList picked;
    for (int i = 0; i < length; ++i)
        picked << words[(seed * 7 + i * 3) % words.size()];
    picked.first()[0] = picked.first()[0].toUpper();
    return picked.join(u' ') + u'.';
}

} // namespace

QString section(int seed)
{
    QString text = u"## Step %1\n\n"_s.arg(seed);
    text += sentence(seed, 18) + u' ' + sentence(seed + 1, 22) + u' ' + sentence(seed + 2, 14)
        + u"\n\n"_s;
    for (int item = 0; item < 4; ++item)
        text += u"- "_s + sentence(seed + item, 7) + u'\n';
    text += u"\n```cpp\n"_s;
    for (int line = 0; line < 6; ++line)
        text += u"int value%1 = route.step(%2) + retry(%1);\n"_s.arg(line).arg(seed);
    text += u"```\n\n"_s;
    return text;
}

QString reply(int tokens)
{
    QString text;
    // A section ends in whitespace, so its tokens never merge with the next one's.
    for (qsizetype count = 0, seed = 0; count < tokens; ++seed) {
        const QString next = section(int(seed));
        count += SimStream::tokenize(next).size();
        text += next;
    }
    return SimStream::tokenize(text).mid(0, tokens).join(QString());
}

} // namespace detour::sample
