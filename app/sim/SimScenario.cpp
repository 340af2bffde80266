// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimScenario.h"

#include "SimScenarioReader.h"
#include "protocol/EnumNames.h"
#include "protocol/JsonUtil.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

constexpr EnumNames kindNames { std::array {
    std::pair { SimScenario::Kind::Serve, "serve"_L1 },
    std::pair { SimScenario::Kind::Upstream429, "upstream_429"_L1 },
    std::pair { SimScenario::Kind::Key429, "key_429"_L1 },
    std::pair { SimScenario::Kind::ServerError, "server_error"_L1 },
    std::pair { SimScenario::Kind::Html502, "html_502"_L1 },
    std::pair { SimScenario::Kind::Unavailable, "unavailable"_L1 },
    std::pair { SimScenario::Kind::NoCredits, "no_credits"_L1 },
    std::pair { SimScenario::Kind::Unauthorized, "unauthorized"_L1 },
    std::pair { SimScenario::Kind::Moderation, "moderation"_L1 },
    std::pair { SimScenario::Kind::Error, "error"_L1 },
    std::pair { SimScenario::Kind::ErrorIn200, "error_in_200"_L1 },
    std::pair { SimScenario::Kind::ResetBeforeFirstToken, "reset_before_first_token"_L1 },
    std::pair { SimScenario::Kind::ResetAfterTokens, "reset_after_tokens"_L1 },
    std::pair { SimScenario::Kind::Stall, "stall"_L1 },
    std::pair { SimScenario::Kind::TruncatedChunk, "truncated_chunk"_L1 },
    std::pair { SimScenario::Kind::InvalidUtf8, "invalid_utf8"_L1 },
    std::pair { SimScenario::Kind::MidstreamError, "midstream_error"_L1 },
    std::pair { SimScenario::Kind::Drip, "drip"_L1 },
} };

using Reader = SimScenarioReader;

std::optional<SimScenario::Entry> readEntry(
    Reader &reader, const nlohmann::json &object, const QString &where);

// {"mix": [{"weight": W, <entry>}, ...]}: an entry that picks one of its elements.
std::optional<SimScenario::Entry> readMix(
    Reader &reader, const nlohmann::json &mix, const QString &where)
{
    if (!mix.is_array() || mix.empty()) {
        reader.fail(where, u"\"mix\" must be a non-empty array of script entries"_s);
        return std::nullopt;
    }
    QList<SimScenario::Choice> choices;
    double total = 0;
    int index = 0;
    for (const auto &item : mix) {
        const QString at = where % u".mix["_s % QString::number(index++) % u']';
        const auto entry = readEntry(reader, item, at);
        if (!entry)
            return std::nullopt;
        const double weight = item.is_object() && item.contains("weight")
            ? reader.nonNegative(item, "weight", at).value_or(0)
            : 1.0;
        if (reader.failed())
            return std::nullopt;
        total += weight;
        choices.append({ weight, *entry });
    }
    if (total <= 0) {
        reader.fail(where, u"the weights of a \"mix\" must not all be 0"_s);
        return std::nullopt;
    }
    SimScenario::Entry entry;
    entry.mix = std::make_shared<const QList<SimScenario::Choice>>(std::move(choices));
    return entry;
}

std::optional<SimScenario::Entry> readEntry(
    Reader &reader, const nlohmann::json &object, const QString &where)
{
    if (!object.is_object()) {
        reader.fail(where, u"a script entry must be an object"_s);
        return std::nullopt;
    }
    if (const auto mix = object.find("mix"); mix != object.end())
        return readMix(reader, *mix, where);
    const auto kindText = reader.string(object, "kind", where);
    if (!kindText) {
        reader.fail(where, u"\"kind\" is required"_s);
        return std::nullopt;
    }
    const auto kind = SimScenario::kindFromName(*kindText);
    if (!kind) {
        reader.fail(where, u"unknown kind \"%1\""_s.arg(*kindText));
        return std::nullopt;
    }

    SimScenario::Entry entry;
    entry.kind = *kind;
    if (const auto latency = reader.range(object, "latency_ms", where)) {
        if (latency->isFixed())
            entry.latencyMs = qint64(latency->lo);
        else
            entry.latencyRangeMs = latency;
    }
    entry.tokensPerSecond = reader.nonNegative(object, "tokens_per_second", where);
    entry.reply = reader.string(object, "reply", where);
    if (const auto keepalive = reader.number(object, "keepalive_ms", where))
        entry.keepaliveMs = int(*keepalive);
    if (const auto retryAfter = reader.range(object, "retry_after", where)) {
        if (retryAfter->isFixed())
            entry.retryAfterS = retryAfter->lo;
        else
            entry.retryAfterRangeS = retryAfter;
    }
    if (const auto retryMs = reader.range(object, "retry_after_ms", where)) {
        if (retryMs->isFixed())
            entry.retryAfterMs = qint64(retryMs->lo);
        else
            entry.retryAfterRangeMs = retryMs;
    }
    if (const auto tokens = reader.nonNegative(object, "tokens", where))
        entry.tokens = int(*tokens);
    if (const auto ms = reader.nonNegative(object, "ms", where))
        entry.stallMs = qint64(*ms);
    if (const auto phase = reader.string(object, "phase", where)) {
        if (*phase == "before_headers"_L1)
            entry.phase = SimScenario::StallPhase::BeforeHeaders;
        else if (*phase == "before_first_token"_L1)
            entry.phase = SimScenario::StallPhase::BeforeFirstToken;
        else if (*phase == "mid_stream"_L1)
            entry.phase = SimScenario::StallPhase::MidStream;
        else
            reader.fail(where, u"unknown stall phase \"%1\""_s.arg(*phase));
    }
    if (const auto rate = reader.number(object, "bytes_per_second", where)) {
        if (*rate < 1)
            reader.fail(where, u"\"bytes_per_second\" must be at least 1"_s);
        else
            entry.bytesPerSecond = int(*rate);
    }
    if (const auto status = reader.number(object, "status", where)) {
        if (*status < 100 || *status > 599)
            reader.fail(where, u"\"status\" must be an HTTP status (100-599)"_s);
        else
            entry.status = int(*status);
    }
    if (const auto body = reader.string(object, "body", where))
        entry.body = body->toUtf8();
    if (const auto type = reader.string(object, "content_type", where))
        entry.contentType = type->toUtf8();
    if (const auto headers = object.find("headers"); headers != object.end()) {
        if (!headers->is_object()) {
            reader.fail(where, u"\"headers\" must be an object"_s);
        } else {
            for (const auto &[name, value] : headers->items()) {
                const QString text = value.is_string() ? json::toQt(value.get<std::string>())
                                                       : json::scalarText(value);
                entry.headers.append({ QByteArray::fromStdString(name), text.toUtf8() });
            }
        }
    }
    if (reader.failed())
        return std::nullopt;
    return entry;
}

std::optional<SimScenario::Provider> readProvider(
    Reader &reader, const QString &name, const nlohmann::json &object)
{
    const QString where = u"providers.%1"_s.arg(name);
    if (!object.is_object()) {
        reader.fail(where, u"a provider must be an object"_s);
        return std::nullopt;
    }
    SimScenario::Provider provider;
    provider.name = name;
    if (const auto latency = reader.range(object, "latency_ms", where)) {
        provider.latencyMs = qint64((latency->lo + latency->hi) / 2);
        if (!latency->isFixed())
            provider.latencyRangeMs = latency;
    }
    if (const auto rate = reader.nonNegative(object, "tokens_per_second", where))
        provider.tokensPerSecond = *rate;
    if (const auto uptime = reader.nonNegative(object, "uptime", where))
        provider.uptime = *uptime;
    if (const auto price = reader.nonNegative(object, "price", where))
        provider.price = *price;
    if (const auto zdr = object.find("zdr"); zdr != object.end() && !zdr->is_null()) {
        if (!zdr->is_boolean())
            reader.fail(where, u"\"zdr\" must be true or false"_s);
        else
            provider.zdr = zdr->get<bool>();
    }
    provider.reply = reader.string(object, "reply", where);
    if (const auto mix = object.find("mix"); mix != object.end() && !mix->is_null()) {
        if (object.contains("script")) {
            reader.fail(where, u"\"mix\" and \"script\" exclude each other"_s);
            return std::nullopt;
        }
        const auto entry = readMix(reader, *mix, where);
        if (!entry)
            return std::nullopt;
        provider.script.append(*entry);
    }
    if (const auto script = object.find("script"); script != object.end() && !script->is_null()) {
        if (!script->is_array()) {
            reader.fail(where, u"\"script\" must be an array"_s);
            return std::nullopt;
        }
        int index = 0;
        for (const auto &item : *script) {
            const auto entry =
                readEntry(reader, item, where % u".script["_s % QString::number(index++) % u']');
            if (!entry)
                return std::nullopt;
            provider.script.append(*entry);
        }
    }
    if (provider.script.isEmpty())
        provider.script.append(SimScenario::Entry {});
    if (reader.failed())
        return std::nullopt;
    return provider;
}

std::optional<SimScenario::Model> readModel(Reader &reader, const nlohmann::json &object, int index)
{
    QString where = u"models[%1]"_s.arg(index);
    if (!object.is_object()) {
        reader.fail(where, u"a model must be an object"_s);
        return std::nullopt;
    }
    SimScenario::Model model;
    model.id = reader.string(object, "id", where).value_or(QString());
    if (model.id.isEmpty()) {
        reader.fail(where, u"\"id\" is required"_s);
        return std::nullopt;
    }
    where = u"model %1"_s.arg(model.id);
    model.name = reader.string(object, "name", where).value_or(model.id);
    model.description =
        reader.string(object, "description", where)
            .value_or(u"%1, served by Detour's simulated OpenRouter."_s.arg(model.name));
    if (const auto context = reader.nonNegative(object, "context_length", where))
        model.contextLength = qint64(*context);
    model.maxCompletionTokens = model.contextLength / 4;
    if (const auto max = reader.nonNegative(object, "max_completion_tokens", where))
        model.maxCompletionTokens = qint64(*max);
    if (const auto pricing = object.find("pricing");
        pricing != object.end() && !pricing->is_null()) {
        if (!pricing->is_object()) {
            reader.fail(where, u"\"pricing\" must be an object"_s);
        } else {
            model.pricingPrompt = reader.price(*pricing, "prompt", where);
            model.pricingCompletion = reader.price(*pricing, "completion", where);
        }
    }
    if (const auto providers = object.find("providers"); providers != object.end()) {
        if (!providers->is_array()) {
            reader.fail(where, u"\"providers\" must be an array of names"_s);
        } else {
            for (const auto &name : *providers) {
                if (!name.is_string()) {
                    reader.fail(where, u"\"providers\" must be an array of names"_s);
                    break;
                }
                const QString text = json::toQt(name.get<std::string>());
                if (!model.providers.contains(text))
                    model.providers.append(text);
            }
        }
    }
    if (const auto modalities = object.find("input_modalities"); modalities != object.end()) {
        if (!modalities->is_array() || modalities->empty()
            || !std::all_of(modalities->begin(), modalities->end(),
                [](const auto &each) { return each.is_string(); })) {
            reader.fail(where, u"\"input_modalities\" must be a non-empty array of names"_s);
        } else {
            model.inputModalities.clear();
            for (const auto &name : *modalities)
                model.inputModalities.append(json::toQt(name.template get<std::string>()));
        }
    }
    if (const auto distillable = object.find("distillable");
        distillable != object.end() && !distillable->is_null()) {
        if (!distillable->is_boolean())
            reader.fail(where, u"\"distillable\" must be true or false"_s);
        else
            model.distillable = distillable->get<bool>();
    }
    if (reader.failed())
        return std::nullopt;
    return model;
}

} // namespace

QString SimScenario::kindName(Kind kind)
{
    return kindNames.name(kind);
}

std::optional<SimScenario::Kind> SimScenario::kindFromName(const QString &name)
{
    return kindNames.value(name);
}

Result<SimScenario> SimScenario::fromJson(QByteArrayView json)
{
    const auto fail = [](const QString &message) { return Error(message); };

    const auto document = json::parse(json);
    if (!document)
        return fail(u"the scenario is not valid JSON"_s);
    if (!document->is_object())
        return fail(u"the scenario must be a JSON object"_s);

    Reader reader;
    SimScenario scenario;
    const QString top = u"scenario"_s;

    if (const auto providers = document->find("providers");
        providers != document->end() && !providers->is_null()) {
        if (!providers->is_object())
            return fail(u"scenario: \"providers\" must be an object"_s);
        for (const auto &[name, object] : providers->items()) {
            const auto provider = readProvider(reader, json::toQt(name), object);
            if (!provider)
                return fail(reader.error());
            scenario.m_providers.append(*provider);
        }
    }

    if (const auto models = document->find("models");
        models != document->end() && !models->is_null()) {
        if (!models->is_array())
            return fail(u"scenario: \"models\" must be an array"_s);
        int index = 0;
        for (const auto &object : *models) {
            const auto model = readModel(reader, object, index++);
            if (!model)
                return fail(reader.error());
            if (scenario.model(model->id))
                return fail(u"model %1: listed twice"_s.arg(model->id));
            for (const QString &name : model->providers) {
                if (!scenario.provider(name))
                    return fail(
                        u"model %1: provider \"%2\" is not defined under \"providers\""_s.arg(
                            model->id, name));
            }
            scenario.m_models.append(*model);
        }
    }

    if (const auto presets = document->find("presets");
        presets != document->end() && !presets->is_null()) {
        if (!presets->is_object())
            return fail(u"scenario: \"presets\" must be an object"_s);
        for (const auto &[slug, model] : presets->items()) {
            if (!model.is_string() || !scenario.model(json::toQt(model.get<std::string>())))
                return fail(
                    u"preset %1: must name a model of the scenario"_s.arg(json::toQt(slug)));
            scenario.m_presets.insert(json::toQt(slug), json::toQt(model.get<std::string>()));
        }
    }

    scenario.m_reply = reader.string(*document, "reply", top)
                           .value_or(u"Hello from Detour's simulated OpenRouter."_s);
    if (const auto translations = document->find("reply_translations");
        translations != document->end() && !translations->is_null()) {
        if (!translations->is_object())
            return fail(u"scenario: \"reply_translations\" must be an object"_s);
        for (const auto &[language, text] : translations->items()) {
            const auto reply = reader.string(*translations, language.c_str(), top);
            if (reply)
                scenario.m_replyTranslations.insert(json::toQt(language), *reply);
        }
    }
    if (const auto byQuestion = document->find("reply_by_question");
        byQuestion != document->end() && !byQuestion->is_null()) {
        if (!byQuestion->is_boolean())
            return fail(u"scenario: \"reply_by_question\" must be true or false"_s);
        scenario.m_replyByQuestion = byQuestion->get<bool>();
    }
    if (const auto keepalive = reader.number(*document, "keepalive_ms", top))
        scenario.m_keepaliveMs = int(*keepalive);
    if (const auto lag = reader.nonNegative(*document, "generation_lag_ms", top))
        scenario.m_generationLagMs = qint64(*lag);
    scenario.m_requireKey = reader.string(*document, "require_key", top);
    if (const auto require = document->find("require");
        require != document->end() && !require->is_null()) {
        auto requirement = SimRequirement::fromJson(*require);
        if (!requirement)
            return fail(requirement.error());
        scenario.m_requirement = *requirement;
    }
    if (const auto seed = reader.nonNegative(*document, "seed", top))
        scenario.m_seed = quint64(*seed);
    if (const auto allowance = reader.nonNegative(*document, "free_requests_per_day", top))
        scenario.m_freeRequestsPerDay = qint64(*allowance);
    if (reader.failed())
        return fail(reader.error());
    return scenario;
}

bool SimScenario::Model::isFree() const
{
    return id.endsWith(u":free"_s)
        || (pricingPrompt.toDouble() == 0 && pricingCompletion.toDouble() == 0);
}

QString SimScenario::reply() const
{
    const QString language = QLocale().name().section(u'_', 0, 0);
    return m_replyTranslations.value(language, m_reply);
}

const SimScenario::Model *SimScenario::model(const QString &id) const
{
    for (const Model &model : m_models) {
        if (model.id == id)
            return &model;
    }
    return nullptr;
}

const SimScenario::Provider *SimScenario::provider(const QString &name) const
{
    for (const Provider &provider : m_providers) {
        if (provider.name == name)
            return &provider;
    }
    return nullptr;
}

QStringList SimScenario::providerNames() const
{
    QStringList names;
    for (const Provider &provider : m_providers)
        names.append(provider.name);
    return names;
}

bool SimScenario::setScript(const QString &providerName, const QList<Entry> &script)
{
    if (script.isEmpty())
        return false;
    for (Provider &provider : m_providers) {
        if (provider.name == providerName) {
            provider.script = script;
            m_cursor.remove(providerName);
            return true;
        }
    }
    return false;
}

SimScenario::Entry SimScenario::takeEntry(const QString &providerName)
{
    const Provider *provider = this->provider(providerName);
    if (!provider || provider->script.isEmpty())
        return {};
    int &cursor = m_cursor[providerName];
    Entry entry = provider->script.at(qMin(cursor, provider->script.size() - 1));
    if (cursor < provider->script.size() - 1)
        ++cursor;

    auto random = m_random.find(providerName);
    if (random == m_random.end())
        random = m_random.insert(providerName, SimRandom(m_seed, providerName));
    while (entry.mix) {
        const auto choices = entry.mix; // entry is overwritten below
        QList<double> weights;
        for (const Choice &choice : *choices)
            weights.append(choice.weight);
        entry = choices->at(random->pick(weights)).entry;
    }
    const auto draw = [&random](const Range &range) { return random->uniform(range.lo, range.hi); };
    if (entry.latencyRangeMs)
        entry.latencyMs = qint64(draw(*entry.latencyRangeMs));
    else if (!entry.latencyMs && provider->latencyRangeMs)
        entry.latencyMs = qint64(draw(*provider->latencyRangeMs));
    if (entry.retryAfterRangeS)
        entry.retryAfterS = draw(*entry.retryAfterRangeS);
    if (entry.retryAfterRangeMs)
        entry.retryAfterMs = qint64(draw(*entry.retryAfterRangeMs));
    entry.latencyRangeMs.reset();
    entry.retryAfterRangeS.reset();
    entry.retryAfterRangeMs.reset();
    return entry;
}

bool SimScenario::countFreeRequest(qint64 nowMs)
{
    if (!m_freeRequestsPerDay)
        return true;
    constexpr qint64 msPerDay = 24 * 60 * 60 * 1000;
    const qint64 day = nowMs / msPerDay;
    if (day != m_freeRequestsDay) {
        m_freeRequestsDay = day;
        m_freeRequestsUsed = 0;
    }
    if (m_freeRequestsUsed >= *m_freeRequestsPerDay)
        return false;
    ++m_freeRequestsUsed;
    return true;
}

} // namespace detour
