// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimReplies.h"

#include "protocol/JsonUtil.h"

#include <QRegularExpression>
#include <QStringList>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

bool mentions(const QString &lowered, const QString &alternatives)
{
    // Whole words only: "vs" is not in "canvas", "list" not in "realistic".
    const QRegularExpression pattern(u"(?<![\\w+])(?:"_s + alternatives + u")(?![\\w+])"_s);
    return pattern.match(lowered).hasMatch();
}

// FNV-1a: unlike qHash, the same in every process, so the same question gets the same reply.
quint32 stableHash(const QString &text)
{
    quint32 hash = 2166136261u;
    for (const char byte : text.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return hash;
}

QString normalized(const QString &question)
{
    return question.simplified().toLower();
}

// The question, shortened and without Markdown's active characters, to quote in a reply.
QString topicOf(const QString &question)
{
    QString topic = question.simplified();
    static const QRegularExpression active(u"[*_`#<>\\[\\]|\\\\]"_s);
    topic.remove(active);
    if (topic.size() > 80)
        topic = topic.left(79).trimmed() + u'…';
    return topic;
}

struct Sample {
    QString language; // the fence's info string
    QString name; // for the intro
    QString code;
};

Sample codeSample(const QString &lowered)
{
    if (mentions(lowered, u"c\\+\\+|cpp"_s)) {
        return { u"cpp"_s, u"C++"_s, uR"(#include <iostream>
#include <string>
#include <vector>

struct Step {
    std::string model;
    int status; // what the provider answered
};

// The first step that did not refuse (429) or fail (5xx) serves the turn.
const Step *serving(const std::vector<Step> &route)
{
    for (const Step &step : route) {
        if (step.status == 429 || step.status >= 500)
            continue; // fall back to the next step
        return &step;
    }
    return nullptr;
}

int main()
{
    const std::vector<Step> route { { "moonshotai/kimi-k2:free", 429 },
        { "moonshotai/kimi-k2", 200 } };
    if (const Step *step = serving(route))
        std::cout << "served by " << step->model << '\n';
})"_s };
    }
    if (mentions(lowered, u"javascript|typescript|js|ts|node"_s)) {
        return { u"javascript"_s, u"JavaScript"_s, uR"(async function ask(messages, models, key) {
  for (const model of models) {
    const response = await fetch("https://openrouter.ai/api/v1/chat/completions", {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model, messages }),
    });
    if (response.status === 429 || response.status >= 500) continue; // fall back
    if (!response.ok) throw new Error(await response.text());
    return (await response.json()).choices[0].message.content;
  }
  throw new Error("every model refused");
})"_s };
    }
    if (mentions(lowered, u"bash|shell|sh|curl"_s)) {
        return { u"bash"_s, u"shell"_s, uR"(#!/bin/sh
# One request; OpenRouter itself falls back along the "models" list.
curl -s https://openrouter.ai/api/v1/chat/completions \
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"models": ["moonshotai/kimi-k2:free", "moonshotai/kimi-k2"],
       "provider": {"sort": "throughput"},
       "messages": [{"role": "user", "content": "Hello"}]}')"_s };
    }
    return { u"python"_s, u"Python"_s, uR"(import requests

def ask(messages, models, key):
    """Tries each model in turn; falls back on 429 and 5xx."""
    for model in models:
        response = requests.post(
            "https://openrouter.ai/api/v1/chat/completions",
            headers={"Authorization": f"Bearer {key}"},
            json={"model": model, "messages": messages},
            timeout=60,
        )
        if response.status_code == 429 or response.status_code >= 500:
            continue  # fall back to the next model
        response.raise_for_status()
        return response.json()["choices"][0]["message"]["content"]
    raise RuntimeError("every model refused")

print(ask([{"role": "user", "content": "Hello"}],
          ["moonshotai/kimi-k2:free", "moonshotai/kimi-k2"], "sk-or-..."))"_s };
}

QString codeReply(const QString &lowered, const QString &model, const QString &provider)
{
    const Sample sample = codeSample(lowered);
    return u"Here is a short %1 example that falls back from one model to the next when a "
           "provider answers 429 or 5xx. It was served by **%2** (`%3`) through Detour's "
           "simulated OpenRouter:\n\n```%4\n%5\n```\n\n"
           "Detour does the same for you, step by step, and shows every refusal in the "
           "inspector."_s.arg(sample.name, provider, model, sample.language, sample.code);
}

QString tableReply(quint32 hash, const QString &model, const QString &provider)
{
    if (hash % 2 == 0) {
        return u"Here is how the demo's providers compare — %1 served this answer for `%2` on "
               "Detour's simulated OpenRouter:\n\n"
               "| Provider | Model | Latency | Throughput | In the demo |\n"
               "|---|---|---:|---:|---|\n"
               "| Chutes | kimi-k2:free | — | — | 429, rate-limited upstream |\n"
               "| Cerebras | kimi-k2 | 120 ms | 1800 tok/s | 429, rate-limited upstream |\n"
               "| Groq | kimi-k2 | 250 ms | 120 tok/s | serves |\n"
               "| Together | llama-3.3-70b | 400 ms | 80 tok/s | serves |\n\n"
               "Latency is to the first token; the provider health panel keeps these "
               "figures for real providers."_s.arg(provider, model);
    }
    return u"Here are OpenRouter's routing knobs side by side (served by %1 for `%2`, "
           "simulated):\n\n"
           "| Setting | What it does | Good for |\n"
           "|---|---|---|\n"
           "| `models: [...]` | OpenRouter tries the next model when one fails | one request, "
           "several models |\n"
           "| `provider.order` | tries providers in your order | a favourite provider |\n"
           "| `sort: \"throughput\"` / `:nitro` | fastest providers first | long answers |\n"
           "| `sort: \"price\"` / `:floor` | cheapest providers first | batch work |\n"
           "| `allow_fallbacks: false` | only the providers you named | data policies |\n\n"
           "The route editor sets all of them without hand-written JSON."_s.arg(provider, model);
}

QString listReply(const QString &lowered, const QString &model, const QString &provider)
{
    if (mentions(lowered, u"steps?|step by step|how to|how do|how can|how should"_s)) {
        return u"Sure — %1 served this (`%2`, on Detour's simulated OpenRouter). The steps:\n\n"
               "1. Open the route editor and add the model you want first.\n"
               "2. Add a second step with a paid variant or another provider.\n"
               "3. Set the policy: retries per step, backoff, which failures fall through.\n"
               "4. Send a message and watch the attempts line under the reply.\n"
               "5. Open the inspector on any refusal to see who said no and why."_s.arg(
                   provider, model);
    }
    return u"A few things worth knowing (served by %1 for `%2`, simulated):\n\n"
           "- A 429 that names a provider is the *provider's* limit, not yours.\n"
           "- Your own key at that provider (BYOK) gives you its limits to yourself.\n"
           "- A paid variant usually has more providers to fall back to.\n"
           "- `Retry-After` says how long a provider wants you to wait.\n"
           "- A cooled-down step is skipped without a wasted request."_s.arg(provider, model);
}

QString longReply(const QString &topic, const QString &model, const QString &provider)
{
    return u"## On %1\n\n"
           "This is a long answer from Detour's **simulated OpenRouter**, served by %2 for "
           "`%3`. No model read your question: the simulator writes a few paragraphs so that "
           "you can watch a long reply stream in, token by token, while the chat pane lays out "
           "only the part that is still changing.\n\n"
           "When you send a message through OpenRouter, the request names a model, and "
           "OpenRouter picks one of the providers that host it. Free variants are popular, so "
           "their providers often run out of capacity. What comes back is a 429 whose body "
           "says \"Provider returned error\" and whose metadata names the provider that "
           "refused. That limit is not yours and not OpenRouter's: it belongs to the upstream "
           "provider, and waiting a little, adding your own key at that provider, or picking a "
           "paid variant are the things that help.\n\n"
           "Fallback is the other answer. OpenRouter can try the next model of a `models` "
           "list, or the next provider of a model, inside one request; Detour can try the next "
           "step of your route when a whole request fails. Both kinds of fallback only make "
           "sense before the first token arrives: once text has started, switching providers "
           "would splice two different answers together, so Detour keeps the partial text, "
           "marks the turn interrupted and offers to continue or retry elsewhere.\n\n"
           "Every request of a turn becomes an attempt with its provider, status, timings and "
           "outcome. The badge under a reply sums them up — who served, after how many "
           "fallbacks, how long it took and what it cost — and the slim line beneath it shows "
           "each refusal with a cross and the serving step with a tick. The inspector explains "
           "each refusal in one sentence and offers only the fixes that would help.\n\n"
           "A provider that just refused is cooled down for the time it asked for, so the next "
           "turn skips it without a wasted request. Over time the provider health panel shows "
           "which providers are reliable for the models you use, and the route editor lets you "
           "move them up or down by drag and drop, then export the route as code for "
           "LangChain, LiteLLM or plain HTTP.\n\n"
           "That is the whole idea: rate limits will happen, so the client should route "
           "around them, tell you plainly who refused and why, and never lose what was "
           "already written."_s.arg(
               topic.isEmpty() ? u"rate limits and fallback"_s : topic, provider, model);
}

QString shortReply(
    quint32 hash, const QString &topic, const QString &model, const QString &provider)
{
    static const QString templates[] = {
        u"You asked about “%1”. I am %2 serving `%3` on Detour's **simulated OpenRouter**, "
        "so this is not a real answer — but the route that brought it here is real: look at "
        "the attempts line below."_s,
        u"Good question! “%1” deserves a real model; this reply comes from %2 (`%3`) on "
        "Detour's *simulated* OpenRouter. Ask for code, a table, a list or a long answer to "
        "see how each one renders."_s,
        u"%2 here, answering for `%3` through Detour's simulated OpenRouter. On “%1”: a real "
        "model would go on for a while, but the interesting part is the badge under this "
        "reply — who served it and who refused first."_s,
        u"Noted: “%1”. Served by **%2** (`%3`, simulated). Add your own OpenRouter key in "
        "the Connection panel and the same route talks to real models."_s,
    };
    const QString &chosen = templates[hash % std::size(templates)];
    return chosen.arg(topic, provider, model);
}

bool isGreeting(const QString &lowered)
{
    if (lowered.isEmpty())
        return true;
    static const QRegularExpression greeting(
        u"^(?:hello|hi|hey|hallo|hiya|howdy|moin|servus|greetings|good (?:morning|evening|day))(?![\\w])"_s);
    return lowered.count(u' ') < 8 && greeting.match(lowered).hasMatch();
}

} // namespace

SimReplies::Kind SimReplies::classify(const QString &question)
{
    const QString lowered = normalized(question);
    if (mentions(lowered,
            u"code|function|script|snippet|example|program|implement|python|c\\+\\+|cpp|"
            "javascript|typescript|bash|shell|curl"_s))
        return Kind::Code;
    if (mentions(lowered, u"tables?|compare|comparison|versus|vs\\.?|differences?"_s))
        return Kind::Table;
    if (mentions(lowered,
            u"list|steps?|step by step|how do i|how can i|how to|checklist|bullets?|tips|"
            "ideas|ways"_s))
        return Kind::List;
    if (mentions(
            lowered, u"long|in detail|detailed|in depth|essay|thorough|thoroughly|elaborate"_s))
        return Kind::Long;
    if (isGreeting(lowered))
        return Kind::Greeting;
    return Kind::Short;
}

QString SimReplies::compose(
    const QString &question, const QString &model, const QString &provider, const QString &greeting)
{
    const QString lowered = normalized(question);
    const quint32 hash = stableHash(lowered);
    switch (classify(question)) {
    case Kind::Code:
        return codeReply(lowered, model, provider);
    case Kind::Table:
        return tableReply(hash, model, provider);
    case Kind::List:
        return listReply(lowered, model, provider);
    case Kind::Long:
        return longReply(topicOf(question), model, provider);
    case Kind::Greeting:
        return greeting;
    case Kind::Short:
        break;
    }
    return shortReply(hash, topicOf(question), model, provider);
}

QString SimReplies::question(const nlohmann::json &request)
{
    const auto textOf = [](const nlohmann::json &content) {
        if (content.is_string())
            return json::toQt(content.get<std::string>());
        QStringList parts;
        if (content.is_array()) {
            for (const auto &part : content) {
                if (part.is_object())
                    parts.append(json::stringAt(part, "text"));
            }
        }
        return parts.join(u' ');
    };
    if (const auto messages = request.find("messages");
        messages != request.end() && messages->is_array()) {
        for (auto it = messages->rbegin(); it != messages->rend(); ++it) {
            if (it->is_object() && json::stringAt(*it, "role") == "user"_L1) {
                if (const auto content = it->find("content"); content != it->end())
                    return textOf(*content);
                return {};
            }
        }
    }
    return json::stringAt(request, "prompt");
}

} // namespace detour
