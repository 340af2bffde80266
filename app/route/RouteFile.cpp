// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteFile.h"

#include "protocol/AuthorityFile.h"
#include "protocol/JsonUtil.h"
#include "protocol/ModelVariant.h"
#include "protocol/RequestBuilder.h"

#include <QCoreApplication>
#include <limits>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(RouteFile)
};

const QUrl openRouterUrl(u"https://openrouter.ai/api/v1"_s);

// Limits that keep the policy's arithmetic (backoff doubling, deadlines, timer
// intervals in int milliseconds) far from overflow; Settings caps retries alike.
constexpr std::chrono::milliseconds longestDuration = std::chrono::days(7);
constexpr int mostRetries = 1000;

// Reads one object, remembering the first problem with its JSON path.
class Reader {
public:
    QString error;

    bool fail(const QString &message)
    {
        if (error.isEmpty())
            error = message;
        return false;
    }

    bool expectObject(const Json &value, const QString &where)
    {
        return value.is_object() || fail(Text::tr("%1 must be a JSON object.").arg(where));
    }

    QString string(const Json &object, const char *key, const QString &where)
    {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null())
            return {};
        if (!it->is_string()) {
            fail(Text::tr("%1.%2 must be a string.").arg(where, QLatin1StringView(key)));
            return {};
        }
        return json::toQt(it->get<std::string>());
    }

    QStringList strings(const Json &object, const char *key, const QString &where)
    {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null())
            return {};
        bool ok = it->is_array();
        for (const Json &item : ok ? *it : Json::array())
            ok = ok && item.is_string();
        if (!ok) {
            fail(Text::tr("%1.%2 must be a list of strings.").arg(where, QLatin1StringView(key)));
            return {};
        }
        return json::stringListAt(object, key);
    }

    // A non-negative number; a whole one for integral T, at most `max`.
    template<typename T>
    std::optional<T> number(const Json &object, const char *key, const QString &where,
        T max = std::numeric_limits<T>::max())
    {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null())
            return std::nullopt;
        if (!it->is_number() || (std::is_integral_v<T> && !it->is_number_integer())
            || it->get<double>() < 0) {
            fail(Text::tr("%1.%2 must be a non-negative number.")
                     .arg(where, QLatin1StringView(key)));
            return std::nullopt;
        }
        if constexpr (std::is_integral_v<T>) {
            // Compared before converting: a larger value would wrap around.
            if (it->get<quint64>() > quint64(max)) {
                fail(Text::tr("%1.%2 must be at most %3.")
                         .arg(where, QLatin1StringView(key))
                         .arg(max));
                return std::nullopt;
            }
        }
        return it->get<T>();
    }

    std::optional<bool> boolean(const Json &object, const char *key, const QString &where)
    {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null())
            return std::nullopt;
        if (!it->is_boolean()) {
            fail(Text::tr("%1.%2 must be true or false.").arg(where, QLatin1StringView(key)));
            return std::nullopt;
        }
        return it->get<bool>();
    }

    void milliseconds(const Json &object, const char *key, const QString &where,
        std::chrono::milliseconds &target)
    {
        if (const auto value = number<qint64>(object, key, where, longestDuration.count()))
            target = std::chrono::milliseconds(*value);
    }
};

// preferred_min_throughput / preferred_max_latency: a non-negative number, or an object of
// p50 / p75 / p90 / p99 cut-offs and nothing else.
// https://openrouter.ai/docs/guides/routing/provider-selection
PerformanceCutoffs readCutoffs(
    Reader &reader, const Json &object, const char *key, const QString &where)
{
    PerformanceCutoffs cutoffs;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return cutoffs;
    const QString field = where + u'.' + QLatin1StringView(key);
    if (it->is_number()) {
        cutoffs.p50 = reader.number<double>(object, key, where);
        return cutoffs;
    }
    if (!it->is_object()) {
        reader.fail(Text::tr("%1 must be a number or an object of percentile cut-offs "
                             "(p50, p75, p90, p99).")
                        .arg(field));
        return cutoffs;
    }
    for (const auto &[name, value] : it->items()) {
        if (name != "p50" && name != "p75" && name != "p90" && name != "p99") {
            reader.fail(Text::tr("%1: \"%2\" is not a percentile; use p50, p75, p90 or p99.")
                            .arg(field, json::toQt(name)));
            return cutoffs;
        }
    }
    cutoffs.asObject = true;
    cutoffs.p50 = reader.number<double>(*it, "p50", field);
    cutoffs.p75 = reader.number<double>(*it, "p75", field);
    cutoffs.p90 = reader.number<double>(*it, "p90", field);
    cutoffs.p99 = reader.number<double>(*it, "p99", field);
    return cutoffs;
}

// provider.sort: "price" | "throughput" | "latency", or {"by": one of them, "partition":
// "model" | "none"}. https://openrouter.ai/docs/guides/routing/provider-selection
void readSort(
    Reader &reader, const Json &object, const QString &where, ProviderPreferences &provider)
{
    const auto it = object.find("sort");
    if (it == object.end() || it->is_null())
        return;
    const QStringList sorts { u"price"_s, u"throughput"_s, u"latency"_s };
    const QString field = where + u".sort"_s;
    if (it->is_object()) {
        for (const auto &[name, value] : it->items()) {
            if (name != "by" && name != "partition") {
                reader.fail(Text::tr("%1: \"%2\" is not a field of sort; use by and partition.")
                                .arg(field, json::toQt(name)));
                return;
            }
        }
        provider.sortAsObject = true;
        provider.sort = reader.string(*it, "by", field);
        provider.sortPartition = reader.string(*it, "partition", field);
        if (!provider.sortPartition.isEmpty() && provider.sortPartition != "model"_L1
            && provider.sortPartition != "none"_L1)
            reader.fail(Text::tr("%1.partition must be \"model\" or \"none\".").arg(field));
    } else if (it->is_string()) {
        provider.sort = reader.string(object, "sort", where);
    } else {
        reader.fail(Text::tr("%1 must be a string or an object with by and partition.").arg(field));
        return;
    }
    if (!provider.sort.isEmpty() && !sorts.contains(provider.sort))
        reader.fail(Text::tr("%1: \"%2\" is not one of price, throughput, latency.")
                        .arg(field, provider.sort));
}

// "headers" / "query": {"Name": "value" | {"env": "VAR"} | {"keyring": "entry"}}, in the
// file's order.
EndpointParams readParams(Reader &reader, const Json &object, const char *key, const QString &where)
{
    EndpointParams params;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return params;
    const QString listWhere = where + u'.' + QLatin1StringView(key);
    if (!reader.expectObject(*it, listWhere))
        return params;
    for (const auto &[name, value] : it->items()) {
        EndpointParam param;
        param.name = json::toQt(name);
        if (value.is_string()) {
            param.value = json::toQt(value.get<std::string>());
        } else if (value.is_object() && value.size() == 1 && value.begin().value().is_string()
            && EndpointParam::sourceFromName(json::toQt(value.begin().key()))
                    .value_or(EndpointParam::Source::Value)
                != EndpointParam::Source::Value) {
            param.source = *EndpointParam::sourceFromName(json::toQt(value.begin().key()));
            param.value = json::toQt(value.begin().value().get<std::string>());
        } else {
            reader.fail(Text::tr("%1.%2 must be a string, {\"env\": \"VARIABLE\"} or "
                                 "{\"keyring\": \"entry\"}.")
                            .arg(listWhere, param.name));
            return params;
        }
        params.append(param);
    }
    return params;
}

Json paramsJson(const EndpointParams &params)
{
    // nlohmann's objects keep their keys sorted: the parameters come back in name order.
    Json object = Json::object();
    for (const EndpointParam &param : params) {
        object[json::toStd(param.name)] = param.isSecret()
            ? Json { { json::toStd(EndpointParam::sourceName(param.source)),
                json::toStd(param.value) } }
            : Json(json::toStd(param.value));
    }
    return object;
}

ProviderPreferences readProvider(Reader &reader, const Json &object, const QString &where)
{
    ProviderPreferences provider;
    if (!reader.expectObject(object, where))
        return provider;
    provider.order = reader.strings(object, "order", where);
    provider.allowFallbacks = reader.boolean(object, "allow_fallbacks", where);
    provider.only = reader.strings(object, "only", where);
    provider.ignore = reader.strings(object, "ignore", where);
    readSort(reader, object, where, provider);
    if (const auto it = object.find("max_price"); it != object.end() && !it->is_null()) {
        const QString priceWhere = where + u".max_price"_s;
        if (reader.expectObject(*it, priceWhere)) {
            provider.maxPricePrompt = reader.number<double>(*it, "prompt", priceWhere);
            provider.maxPriceCompletion = reader.number<double>(*it, "completion", priceWhere);
        }
    }
    provider.dataCollection = reader.string(object, "data_collection", where);
    provider.requireParameters = reader.boolean(object, "require_parameters", where);
    provider.quantizations = reader.strings(object, "quantizations", where);
    provider.preferredMinThroughput =
        readCutoffs(reader, object, "preferred_min_throughput", where);
    provider.preferredMaxLatency = readCutoffs(reader, object, "preferred_max_latency", where);
    provider.zdr = reader.boolean(object, "zdr", where);
    provider.enforceDistillableText = reader.boolean(object, "enforce_distillable_text", where);
    return provider;
}

RoutePolicy readPolicy(Reader &reader, const Json &object)
{
    const QString where = u"policy"_s;
    RoutePolicy policy;
    if (!reader.expectObject(object, where))
        return policy;
    policy.maxRetries =
        reader.number<int>(object, "max_retries", where, mostRetries).value_or(policy.maxRetries);
    policy.retryEveryStep = reader.boolean(object, "retry_every_step", where).value_or(false);
    reader.milliseconds(object, "backoff_base_ms", where, policy.backoffBase);
    reader.milliseconds(object, "backoff_cap_ms", where, policy.backoffCap);
    reader.milliseconds(object, "cooldown_ms", where, policy.cooldownDefault);
    reader.milliseconds(object, "cooldown_cap_ms", where, policy.cooldownCap);
    policy.keyFailuresFallThroughToOtherEndpoints =
        reader.boolean(object, "key_failures_fall_through", where).value_or(true);
    if (object.contains("fall_through")) {
        policy.fallThrough.clear();
        for (const QString &name : reader.strings(object, "fall_through", where)) {
            if (const auto outcome = outcomeFromName(name))
                policy.fallThrough.append(*outcome);
            else
                reader.fail(Text::tr("policy.fall_through: \"%1\" is not an outcome.").arg(name));
        }
    }
    if (const QString sort = reader.string(object, "sort", where); !sort.isEmpty()) {
        if (const auto value = routeSortFromName(sort))
            policy.sort = *value;
        else
            reader.fail(Text::tr("policy.sort: \"%1\" is not one of none, throughput, latency, "
                                 "success_rate.")
                            .arg(sort));
    }
    if (const auto it = object.find("hedge_after_ms"); it != object.end() && !it->is_null()) {
        if (it->is_number())
            reader.milliseconds(object, "hedge_after_ms", where, policy.hedgeAfter);
        else if (it->is_string() && it->get<std::string>() == "auto")
            policy.hedgeAuto = true;
        else
            reader.fail(Text::tr("policy.hedge_after_ms must be 0 (off), a number of milliseconds "
                                 "or \"auto\", not %1.")
                            .arg(QString::fromStdString(it->dump())));
    }
    if (const auto it = object.find("timeouts_ms"); it != object.end()) {
        const QString timeoutsWhere = u"policy.timeouts_ms"_s;
        if (reader.expectObject(*it, timeoutsWhere)) {
            reader.milliseconds(*it, "connect", timeoutsWhere, policy.connectTimeout);
            reader.milliseconds(*it, "first_token", timeoutsWhere, policy.firstTokenTimeout);
            reader.milliseconds(*it, "idle", timeoutsWhere, policy.idleTimeout);
            reader.milliseconds(*it, "total", timeoutsWhere, policy.totalTimeout);
        }
    }
    return policy;
}

Json policyJson(const RoutePolicy &policy)
{
    auto fallThrough = Json::array();
    for (Outcome outcome : policy.fallThrough)
        fallThrough.push_back(json::toStd(outcomeName(outcome)));
    Json written = {
        { "max_retries", policy.maxRetries },
        { "retry_every_step", policy.retryEveryStep },
        { "backoff_base_ms", policy.backoffBase.count() },
        { "backoff_cap_ms", policy.backoffCap.count() },
        { "fall_through", fallThrough },
        { "key_failures_fall_through", policy.keyFailuresFallThroughToOtherEndpoints },
        { "timeouts_ms",
            { { "connect", policy.connectTimeout.count() },
                { "first_token", policy.firstTokenTimeout.count() },
                { "idle", policy.idleTimeout.count() },
                { "total", policy.totalTimeout.count() } } },
        { "cooldown_ms", policy.cooldownDefault.count() },
        { "cooldown_cap_ms", policy.cooldownCap.count() },
        { "sort", json::toStd(routeSortName(policy.sort)) },
    };
    // Off (0) is left out, as it was before hedging existed.
    if (policy.hedgeAuto)
        written["hedge_after_ms"] = "auto";
    else if (policy.hedgeAfter.count() > 0)
        written["hedge_after_ms"] = policy.hedgeAfter.count();
    return written;
}

// The conversation settings' own JSON (ConversationSettings::parametersJson) plus
// "system_prompt"; parameters out of shape are left out as a conversation's are.
ConversationSettings readDefaults(Reader &reader, const Json &object)
{
    ConversationSettings defaults;
    if (!reader.expectObject(object, u"defaults"_s))
        return defaults;
    defaults.systemPrompt = reader.string(object, "system_prompt", u"defaults"_s);
    defaults.readParameters(object);
    return defaults;
}

Json defaultsJson(const ConversationSettings &defaults)
{
    Json object = defaults.parametersJson();
    if (!defaults.systemPrompt.trimmed().isEmpty())
        object["system_prompt"] = json::toStd(defaults.systemPrompt);
    return object;
}

} // namespace

Result<RoutePlan> RouteFile::read(QByteArrayView bytes)
{
    const auto setError = [](const QString &message) { return Error(message); };
    if (json::nestsDeeperThan(bytes, json::maxDepth)) {
        return setError(Text::tr("The route file nests lists and objects deeper than %1 levels.")
                            .arg(json::maxDepth));
    }
    const std::optional<Json> document = json::parse(bytes);
    if (!document)
        return setError(Text::tr("The route file is not valid JSON."));
    Reader reader;
    if (!reader.expectObject(*document, Text::tr("The route file")))
        return setError(reader.error);

    RoutePlan plan;
    plan.name = reader.string(*document, "name", u"route"_s);
    if (const auto it = document->find("endpoints"); it != document->end()) {
        if (!it->is_array())
            reader.fail(Text::tr("endpoints must be a list."));
        for (std::size_t i = 0; it->is_array() && i < it->size(); ++i) {
            const QString where = u"endpoints[%1]"_s.arg(i);
            const Json &object = (*it)[i];
            if (!reader.expectObject(object, where))
                break;
            Endpoint endpoint;
            endpoint.id = reader.string(object, "id", where);
            const QString kind = reader.string(object, "kind", where);
            if (const auto parsedKind =
                    endpointKindFromName(kind.isEmpty() ? u"openrouter"_s : kind))
                endpoint.kind = *parsedKind;
            else
                reader.fail(Text::tr("%1.kind must be \"openrouter\" or \"openai\".").arg(where));
            const QString baseUrl = reader.string(object, "base_url", where);
            endpoint.baseUrl = baseUrl.isEmpty() && endpoint.kind == EndpointKind::OpenRouter
                ? openRouterUrl
                : QUrl(baseUrl, QUrl::StrictMode);
            endpoint.keyEnv = reader.string(object, "key_env", where);
            endpoint.caFile = reader.string(object, "ca_file", where);
            // Checked on reading, so a typo in the path is a clear error now rather
            // than a refused certificate at the first turn.
            if (!endpoint.caFile.isEmpty()) {
                if (const auto authorities = AuthorityFile::load(endpoint.caFile); !authorities)
                    reader.fail(u"%1.ca_file: %2"_s.arg(where, authorities.error()));
            }
            const QString proxy = reader.string(object, "proxy", where);
            if (proxy == "direct"_L1)
                endpoint.direct = true;
            else if (!proxy.isEmpty())
                reader.fail(Text::tr("%1.proxy must be \"direct\" or absent.").arg(where));
            endpoint.headers = readParams(reader, object, "headers", where);
            endpoint.query = readParams(reader, object, "query", where);
            plan.endpoints.append(endpoint);
        }
    } else {
        plan.endpoints.append(
            { u"openrouter"_s, EndpointKind::OpenRouter, openRouterUrl, u"OPENROUTER_API_KEY"_s });
    }

    const auto steps = document->find("steps");
    if (steps == document->end() || !steps->is_array() || steps->empty())
        reader.fail(Text::tr("steps must be a non-empty list."));
    for (std::size_t i = 0; steps != document->end() && steps->is_array() && i < steps->size();
         ++i) {
        const QString where = u"steps[%1]"_s.arg(i);
        const Json &object = (*steps)[i];
        if (!reader.expectObject(object, where))
            break;
        RouteStep step;
        step.endpointId = reader.string(object, "endpoint", where);
        if (step.endpointId.isEmpty() && !plan.endpoints.isEmpty())
            step.endpointId = plan.endpoints.first().id;
        step.target.model = reader.string(object, "model", where);
        step.target.fallbackModels = reader.strings(object, "models", where);
        if (const auto provider = object.find("provider"); provider != object.end())
            step.target.provider = readProvider(reader, *provider, where + u".provider"_s);
        step.enabled = reader.boolean(object, "enabled", where).value_or(true);
        // The Auto Router's allowed models (the auto-router plugin's allowed_models).
        step.target.autoAllowedModels = reader.strings(object, "allowed_models", where);
        if (!step.target.autoAllowedModels.isEmpty()
            && step.target.model != ModelVariant::autoRouter())
            reader.fail(Text::tr("%1.allowed_models applies only to the model %2.")
                            .arg(where, ModelVariant::autoRouter()));
        step.target.pdfEngine = reader.string(object, "pdf_engine", where);
        if (!step.target.pdfEngine.isEmpty() && !pdfEngines().contains(step.target.pdfEngine))
            reader.fail(Text::tr("%1.pdf_engine must be \"pdf-text\", \"mistral-ocr\" or "
                                 "\"native\".")
                            .arg(where));
        plan.steps.append(step);
    }
    if (const auto policy = document->find("policy"); policy != document->end())
        plan.policy = readPolicy(reader, *policy);
    if (const auto defaults = document->find("defaults"); defaults != document->end())
        plan.defaults = readDefaults(reader, *defaults);

    if (!reader.error.isEmpty())
        return setError(reader.error);
    if (const QStringList problems = plan.validate(); !problems.isEmpty())
        return setError(problems.first());
    return plan;
}

QStringList RouteFile::pdfEngines()
{
    return { u"pdf-text"_s, u"mistral-ocr"_s, u"native"_s };
}

QByteArray RouteFile::write(const RoutePlan &plan)
{
    Json document = Json::object();
    if (!plan.name.isEmpty())
        document["name"] = json::toStd(plan.name);
    auto endpoints = Json::array();
    for (const Endpoint &endpoint : plan.endpoints) {
        Json object = { { "id", json::toStd(endpoint.id) },
            { "kind", json::toStd(endpointKindName(endpoint.kind)) },
            // Fully encoded: the pretty form decodes "%20" to a space, which
            // the strict reading above refuses.
            { "base_url", json::toStd(endpoint.baseUrl.toString(QUrl::FullyEncoded)) } };
        if (!endpoint.keyEnv.isEmpty())
            object["key_env"] = json::toStd(endpoint.keyEnv);
        if (!endpoint.caFile.isEmpty())
            object["ca_file"] = json::toStd(endpoint.caFile);
        if (endpoint.direct)
            object["proxy"] = "direct";
        if (!endpoint.headers.isEmpty())
            object["headers"] = paramsJson(endpoint.headers);
        if (!endpoint.query.isEmpty())
            object["query"] = paramsJson(endpoint.query);
        endpoints.push_back(object);
    }
    document["endpoints"] = endpoints;
    auto steps = Json::array();
    for (const RouteStep &step : plan.steps) {
        Json object = { { "endpoint", json::toStd(step.endpointId) },
            { "model", json::toStd(step.target.model) } };
        if (!step.target.fallbackModels.isEmpty())
            object["models"] = json::fromStringList(step.target.fallbackModels);
        if (!step.target.provider.isEmpty())
            object["provider"] = RequestBuilder::providerObject(step.target.provider);
        if (!step.target.autoAllowedModels.isEmpty())
            object["allowed_models"] = json::fromStringList(step.target.autoAllowedModels);
        if (!step.target.pdfEngine.isEmpty())
            object["pdf_engine"] = json::toStd(step.target.pdfEngine);
        if (!step.enabled)
            object["enabled"] = false;
        steps.push_back(object);
    }
    document["steps"] = steps;
    document["policy"] = policyJson(plan.policy);
    if (!plan.defaults.isEmpty())
        document["defaults"] = defaultsJson(plan.defaults);
    return QByteArray::fromStdString(document.dump(2)) + '\n';
}

RoutePlan RouteFile::demo(const QUrl &simulatorBaseUrl)
{
    RoutePlan plan;
    plan.name = u"demo"_s;
    plan.endpoints.append(
        { u"simulated"_s, EndpointKind::OpenRouter, simulatorBaseUrl, QString() });
    plan.steps.append({ u"simulated"_s, { u"moonshotai/kimi-k2:free"_s, {}, {} }, true });
    plan.steps.append({ u"simulated"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
    return plan;
}

} // namespace detour
