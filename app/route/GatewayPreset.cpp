// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "GatewayPreset.h"

#include <QCoreApplication>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(GatewayPreset)
};

EndpointParam value(const QString &name, const QString &text)
{
    return { name, EndpointParam::Source::Value, text };
}

EndpointParam fromEnvironment(const QString &name, const QString &variable)
{
    return { name, EndpointParam::Source::Environment, variable };
}

Endpoint gatewayEndpoint(const QString &id, const QString &baseUrl, const QString &keyEnv)
{
    Endpoint e;
    e.id = id;
    e.kind = EndpointKind::OpenAiCompatible; // every gateway below speaks OpenAI's dialect
    e.baseUrl = QUrl(baseUrl);
    e.keyEnv = keyEnv;
    return e;
}

QList<GatewayPreset> makePresets()
{
    QList<GatewayPreset> presets;

    // Portkey: "x-portkey-api-key" authenticates at Portkey; the provider comes from
    // "x-portkey-provider" (+ the provider's own key as Authorization) or a saved
    // "x-portkey-config". Without either Portkey answers 400 "Either x-portkey-config or
    // x-portkey-provider header is required" (tests/fixtures/corpus).
    // https://portkey.ai/docs/api-reference/inference-api/headers
    GatewayPreset portkey { u"portkey"_s, Text::tr("Portkey AI gateway"), u"Portkey"_s,
        gatewayEndpoint(u"portkey"_s, u"https://api.portkey.ai/v1"_s, u"OPENROUTER_API_KEY"_s),
        Text::tr("Set PORTKEY_API_KEY to your Portkey key and OPENROUTER_API_KEY to the key of "
                 "the provider Portkey calls (here OpenRouter; change x-portkey-provider for "
                 "another, or use x-portkey-config instead)."),
        u"https://portkey.ai/docs/api-reference/inference-api/headers"_s };
    portkey.endpoint.headers = { fromEnvironment(u"x-portkey-api-key"_s, u"PORTKEY_API_KEY"_s),
        value(u"x-portkey-provider"_s, u"openrouter"_s) };
    presets.append(portkey);

    // Helicone's proxy: OpenAI's base URL replaced by oai.helicone.ai, the OpenAI key as
    // usual, and "Helicone-Auth: Bearer <Helicone key>".
    // https://docs.helicone.ai/getting-started/integration-method/openai-proxy
    GatewayPreset helicone { u"helicone"_s, Text::tr("Helicone"), u"Helicone"_s,
        gatewayEndpoint(u"helicone"_s, u"https://oai.helicone.ai/v1"_s, u"OPENAI_API_KEY"_s),
        Text::tr("Set OPENAI_API_KEY to your OpenAI key and HELICONE_AUTH to \"Bearer \" followed "
                 "by your Helicone key."),
        u"https://docs.helicone.ai/getting-started/integration-method/openai-proxy"_s };
    helicone.endpoint.headers = { fromEnvironment(u"Helicone-Auth"_s, u"HELICONE_AUTH"_s) };
    presets.append(helicone);

    // Cloudflare AI Gateway's OpenAI-compatible endpoint ({account}/{gateway}/compat,
    // models named "provider/model"); the provider key in the request's Authorization, and
    // on an authenticated gateway "cf-aig-authorization: Bearer <Cloudflare API token>".
    // https://developers.cloudflare.com/ai-gateway/get-started
    GatewayPreset cloudflare { u"cloudflare"_s, Text::tr("Cloudflare AI Gateway"),
        u"Cloudflare AI Gateway"_s,
        gatewayEndpoint(u"cloudflare"_s,
            u"https://gateway.ai.cloudflare.com/v1/ACCOUNT_ID/GATEWAY_ID/compat"_s,
            u"OPENAI_API_KEY"_s),
        Text::tr("Replace ACCOUNT_ID and GATEWAY_ID in the base URL; name models "
                 "\"openai/gpt-4o-mini\"; set CF_AIG_AUTHORIZATION to \"Bearer \" followed by a "
                 "Cloudflare API token when the gateway is authenticated."),
        u"https://developers.cloudflare.com/ai-gateway/get-started"_s };
    cloudflare.endpoint.headers = { fromEnvironment(
        u"cf-aig-authorization"_s, u"CF_AIG_AUTHORIZATION"_s) };
    presets.append(cloudflare);

    // Azure OpenAI: {resource}.openai.azure.com/openai/deployments/{deployment}/chat/completions
    // with the key in an "api-key" header (not Authorization) and a required "api-version"
    // query parameter; 2024-10-21 is the latest GA data-plane inference version.
    // https://learn.microsoft.com/en-us/azure/ai-services/openai/reference
    GatewayPreset azure { u"azure"_s, Text::tr("Azure OpenAI"), u"Azure OpenAI"_s,
        gatewayEndpoint(u"azure"_s,
            u"https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT"_s, QString()),
        Text::tr("Replace RESOURCE and DEPLOYMENT in the base URL and set AZURE_OPENAI_API_KEY."),
        u"https://learn.microsoft.com/en-us/azure/ai-services/openai/reference"_s };
    azure.endpoint.headers = { fromEnvironment(u"api-key"_s, u"AZURE_OPENAI_API_KEY"_s) };
    azure.endpoint.query = { value(u"api-version"_s, u"2024-10-21"_s) };
    presets.append(azure);

    // A LiteLLM proxy (port 4000 by default) takes its master key, or a virtual key made
    // with it, as "Authorization: Bearer sk-…": the endpoint's own key.
    // https://docs.litellm.ai/docs/proxy/virtual_keys
    GatewayPreset litellm { u"litellm"_s, Text::tr("LiteLLM proxy"), u"LiteLLM"_s,
        gatewayEndpoint(u"litellm"_s, u"http://localhost:4000/v1"_s, u"LITELLM_MASTER_KEY"_s),
        Text::tr("Change the host if the proxy runs elsewhere (https:// for another computer) "
                 "and set LITELLM_MASTER_KEY to its master key or a virtual key."),
        u"https://docs.litellm.ai/docs/proxy/virtual_keys"_s };
    presets.append(litellm);
    return presets;
}

bool hasHeaderStartingWith(const Endpoint &endpoint, QLatin1StringView prefix)
{
    for (const EndpointParam &header : endpoint.headers) {
        if (header.name.startsWith(prefix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

QList<GatewayPreset> GatewayPreset::all()
{
    // Made on each call: the texts follow the language chosen meanwhile.
    return makePresets();
}

std::optional<GatewayPreset> GatewayPreset::find(const QString &id)
{
    for (const GatewayPreset &preset : makePresets()) {
        if (preset.id == id)
            return preset;
    }
    return std::nullopt;
}

QString GatewayPreset::recognize(const Endpoint &endpoint)
{
    const QString host = endpoint.baseUrl.host().toLower();
    if (host == "api.portkey.ai"_L1 || hasHeaderStartingWith(endpoint, "x-portkey-"_L1))
        return u"Portkey"_s;
    if (host.endsWith("helicone.ai"_L1) || hasHeaderStartingWith(endpoint, "helicone-"_L1))
        return u"Helicone"_s;
    if (host == "gateway.ai.cloudflare.com"_L1 || hasHeaderStartingWith(endpoint, "cf-aig-"_L1))
        return u"Cloudflare AI Gateway"_s;
    if (host.endsWith(".openai.azure.com"_L1))
        return u"Azure OpenAI"_s;
    return {};
}

} // namespace detour
