// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ResponseParser.h"

#include "JsonUtil.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

constexpr qsizetype quoteLimit = 120;

// The start of `bytes` for an error message: at most quoteLimit bytes, cut at a
// UTF-8 character boundary, control characters made visible as spaces.
QString quoteStart(QByteArrayView bytes)
{
    qsizetype length = qMin(bytes.size(), quoteLimit);
    if (length < bytes.size()) {
        // Do not cut a multi-byte sequence in half: step back over continuation bytes.
        qsizetype cut = length;
        while (cut > 0 && cut > length - 4 && (uchar(bytes[cut]) & 0xC0) == 0x80)
            --cut;
        length = cut;
    }
    QString text = QString::fromUtf8(bytes.first(length));
    for (QChar &ch : text) {
        if (ch.unicode() < 0x20 || ch.unicode() == 0x7F)
            ch = u' ';
    }
    return u'"' + text + (length < bytes.size() ? u"\"..."_s : u"\""_s);
}

// Collects the position and message of nlohmann's first syntax error; used only
// after a parse has failed, to say what was wrong.
class ErrorLocator final : public nlohmann::json_sax<Json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t &) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(
        std::size_t position, const std::string &, const nlohmann::detail::exception &ex) override
    {
        m_position = position;
        m_message = ex.what();
        return false;
    }

    std::size_t m_position = 0;
    std::string m_message;
};

// "it ends early, after 70 bytes (truncated)" / "syntax error while parsing
// value - invalid literal at byte 1": nlohmann's message without its prefix and
// without the token echo (which can be as long as the input). `inputSize` is
// the size of the bytes as received (the parsed ones may have been repaired).
QString describeSyntaxError(QByteArrayView bytes, qsizetype inputSize)
{
    ErrorLocator locator;
    Json::sax_parse(bytes.begin(), bytes.end(), &locator);
    std::string message = locator.m_message;
    if (message.empty())
        return u"it is not well-formed"_s;

    // An error at the very end (an open string, object or array) means the text was cut.
    if (locator.m_position >= std::size_t(bytes.size())
        || message.find("unexpected end of input") != std::string::npos)
        return u"it ends early, after "_s + QString::number(inputSize) + u" bytes (truncated)"_s;

    if (const auto colon = message.find(": "); colon != std::string::npos)
        message.erase(0, colon + 2);
    if (const auto echo = message.find("; last read:"); echo != std::string::npos)
        message.erase(echo);
    constexpr std::size_t messageLimit = 160;
    if (message.size() > messageLimit)
        message.resize(messageLimit);
    return QString::fromUtf8(message.data(), qsizetype(message.size())) + u" at byte "_s
        + QString::number(qulonglong(locator.m_position));
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The code unit of the backslash-u escape (six bytes) at `pos`, or -1.
int escapedUnit(const QByteArray &bytes, qsizetype pos)
{
    if (pos + 6 > bytes.size() || bytes[pos] != '\\' || bytes[pos + 1] != 'u')
        return -1;
    int unit = 0;
    for (qsizetype i = pos + 2; i < pos + 6; ++i) {
        const int digit = hexDigit(bytes[i]);
        if (digit < 0)
            return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

// nlohmann rejects an escaped high surrogate (backslash-u D83D) without its low half (servers that
// cut a string inside an emoji send these); replace each unpaired surrogate escape by U+FFFD.
QByteArray replaceLoneSurrogateEscapes(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype slash = bytes.indexOf('\\', pos);
        if (slash < 0) {
            out.append(QByteArrayView(bytes).sliced(pos));
            break;
        }
        out.append(QByteArrayView(bytes).sliced(pos, slash - pos));
        const int unit = escapedUnit(bytes, slash);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int low = escapedUnit(bytes, slash + 6);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                out.append(QByteArrayView(bytes).sliced(slash, 12));
                pos = slash + 12;
            } else {
                out.append("\\ufffd");
                pos = slash + 6;
            }
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            out.append("\\ufffd");
            pos = slash + 6;
        } else {
            // Any other escape, including an escaped backslash, is copied whole.
            const qsizetype length = qMin<qsizetype>(unit >= 0 ? 6 : 2, bytes.size() - slash);
            out.append(QByteArrayView(bytes).sliced(slash, length));
            pos = slash + length;
        }
    }
    return out;
}

// Counts and durations: whole numbers from 0 to 2^53. Anything else (negative,
// or too large for a double to hold exactly, where converting it to an integer
// could overflow) is nonsense from the server and reads as absent.
std::optional<qint64> countAt(const Json &object, const char *key)
{
    constexpr double largestExactInteger = 9007199254740992.0; // 2^53
    const std::optional<double> value = json::numberAt(object, key);
    if (!value || !(*value >= 0 && *value <= largestExactInteger))
        return std::nullopt;
    return qRound64(*value);
}

qint64 integerAt(const Json &object, const char *key)
{
    return countAt(object, key).value_or(0);
}

std::optional<Usage> usageFrom(const Json &root)
{
    const auto it = root.find("usage");
    if (it == root.end() || !it->is_object())
        return std::nullopt;
    const Json &usage = *it;
    Usage result;
    result.promptTokens = integerAt(usage, "prompt_tokens");
    result.completionTokens = integerAt(usage, "completion_tokens");
    result.totalTokens = integerAt(usage, "total_tokens");
    if (const auto details = usage.find("completion_tokens_details");
        details != usage.end() && details->is_object())
        result.reasoningTokens = integerAt(*details, "reasoning_tokens");
    result.cost = json::numberAt(usage, "cost");
    result.isByok = json::boolAt(usage, "is_byok");
    return result;
}

// Fills everything but the content fields, which differ between a streamed
// chunk (`delta`) and a whole completion (`message`).
CompletionChunk commonFields(const Json &root)
{
    CompletionChunk chunk;
    chunk.id = json::stringAt(root, "id");
    chunk.model = json::stringAt(root, "model");
    chunk.provider = json::stringAt(root, "provider");
    chunk.usage = usageFrom(root);
    if (const auto it = root.find("openrouter_metadata"); it != root.end() && !it->is_null()) {
        chunk.routerMetadata = *it;
        chunk.routerAttempts = ResponseParser::routerAttempts(*it);
    }
    if (const auto it = root.find("error"); it != root.end() && !it->is_null())
        chunk.error = *it;
    return chunk;
}

const Json *firstChoice(const Json &root)
{
    const auto it = root.find("choices");
    if (it == root.end() || !it->is_array() || it->empty() || !it->front().is_object())
        return nullptr;
    return &it->front();
}

// `reasoning` (OpenRouter) or `reasoning_content` (DeepSeek-style servers).
QString reasoningOf(const Json &object)
{
    const QString reasoning = json::stringAt(object, "reasoning");
    return reasoning.isEmpty() ? json::stringAt(object, "reasoning_content") : reasoning;
}

Result<CompletionChunk> parse(QByteArrayView bytes, const QString &subject, const char *contentKey)
{
    const Result<Json> root = ResponseParser::parseObject(bytes, subject);
    if (!root)
        return Error(root.error());

    CompletionChunk chunk = commonFields(*root);
    if (const Json *choice = firstChoice(*root)) {
        if (const auto it = choice->find(contentKey); it != choice->end() && it->is_object()) {
            chunk.content = json::stringAt(*it, "content");
            chunk.reasoning = reasoningOf(*it);
        }
        chunk.finishReason = json::stringAt(*choice, "finish_reason");
    }
    return chunk;
}

} // namespace

Result<CompletionChunk> ResponseParser::parseChunk(QByteArrayView json)
{
    return parse(json, u"Stream chunk"_s, "delta");
}

Result<CompletionChunk> ResponseParser::parseCompletion(QByteArrayView json)
{
    return parse(json, u"Completion body"_s, "message");
}

QList<ServerAttempt> ResponseParser::routerAttempts(const nlohmann::json &routerMetadata)
{
    QList<ServerAttempt> attempts;
    if (!routerMetadata.is_object())
        return attempts;
    const auto list = routerMetadata.find("attempts");
    if (list == routerMetadata.end() || !list->is_array())
        return attempts;
    for (const Json &item : *list) {
        if (!item.is_object())
            continue;
        ServerAttempt attempt;
        attempt.sources = { ServerAttempt::Source::RouterMetadata };
        attempt.provider = json::stringAt(item, "provider");
        attempt.model = json::stringAt(item, "model");
        if (const qint64 status = integerAt(item, "status"); status < 1000)
            attempt.status = int(status);
        if (const auto code = item.find("code"); code != item.end())
            attempt.code = json::scalarText(*code);
        for (const char *key : { "latency_ms", "latency" }) {
            if (const auto latency = countAt(item, key)) {
                attempt.latencyMs = latency;
                break;
            }
        }
        attempt.isByok = json::boolAt(item, "is_byok");
        attempts.append(attempt);
    }
    return attempts;
}

Result<nlohmann::json> ResponseParser::parseObject(QByteArrayView bytes, const QString &subject)
{
    auto fail = [&](const QString &why) { return Error(subject + u' ' + why); };

    if (bytes.trimmed().isEmpty())
        return fail(u"is empty; expected a JSON object"_s);
    if (json::nestsDeeperThan(bytes, json::maxDepth)) {
        return fail(
            u"nests arrays and objects deeper than %1 levels; it begins "_s.arg(json::maxDepth)
            + quoteStart(bytes));
    }

    std::optional<Json> value = json::parse(bytes);
    QByteArray repaired;
    if (!value) {
        // nlohmann rejects invalid UTF-8 inside strings and unpaired surrogate
        // escapes. Decoding and re-encoding turns each invalid sequence into
        // U+FFFD, and lone surrogate escapes become an escaped U+FFFD; if that changed
        // anything, try again.
        repaired = replaceLoneSurrogateEscapes(QString::fromUtf8(bytes).toUtf8());
        if (QByteArrayView(repaired) != bytes)
            value = json::parse(repaired);
    }
    if (!value) {
        const QByteArrayView parsed = repaired.isNull() ? bytes : QByteArrayView(repaired);
        return fail(u"is not valid JSON: "_s + describeSyntaxError(parsed, bytes.size())
            + u"; it begins "_s + quoteStart(bytes));
    }
    if (!value->is_object()) {
        return fail(u"is a JSON "_s + QString::fromUtf8(value->type_name()) + u", not an object: "_s
            + quoteStart(bytes));
    }
    return *std::move(value);
}

} // namespace detour
