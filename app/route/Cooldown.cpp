// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Cooldown.h"

#include "protocol/EnumNames.h"

#include <QCryptographicHash>
#include <QLocale>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr EnumNames scopeNames { std::array {
    std::pair { Cooldown::Scope::ProviderModel, "provider_model"_L1 },
    std::pair { Cooldown::Scope::EndpointModel, "endpoint_model"_L1 },
    std::pair { Cooldown::Scope::Endpoint, "endpoint"_L1 },
    std::pair { Cooldown::Scope::FreeModels, "free_models"_L1 },
    std::pair { Cooldown::Scope::PaidModels, "paid_models"_L1 },
    std::pair { Cooldown::Scope::Key, "key"_L1 },
} };

// A rest of ten minutes or more ends at a minute worth naming ("18:00"); a shorter one
// to the second. Another day than today's is named too.
QString endText(const QDateTime &until, const QDateTime &now)
{
    const QDateTime local = until.toLocalTime();
    const bool minutes = now.secsTo(until) >= 600;
    const QString time = QLocale().toString(local.time(), minutes ? u"HH:mm"_s : u"HH:mm:ss"_s);
    if (local.date() == now.toLocalTime().date())
        return time;
    return QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' + time;
}

} // namespace

bool Cooldown::covers(const Target &target, const QDateTime &now) const
{
    if (!isActive(now) || target.endpointId != endpointId)
        return false;
    if (!endpointUrl.isEmpty() && !target.endpointUrl.isEmpty()
        && endpointUrl != target.endpointUrl)
        return false;
    switch (scope) {
    case Scope::ProviderModel:
    case Scope::EndpointModel:
        return target.model == model;
    case Scope::Endpoint:
        return true;
    case Scope::FreeModels:
        return isFreeModel(target.model);
    case Scope::PaidModels:
        return !isFreeModel(target.model);
    case Scope::Key:
        return target.keyId.isEmpty() || target.keyId == keyId;
    }
    return false;
}

bool Cooldown::sameRest(const Cooldown &other) const
{
    return scope == other.scope && endpointId == other.endpointId
        && endpointUrl == other.endpointUrl && model == other.model && provider == other.provider
        && keyId == other.keyId;
}

bool Cooldown::endsAfter(const Cooldown &other) const
{
    if (!until.isValid())
        return other.until.isValid();
    return other.until.isValid() && until > other.until;
}

QString Cooldown::scopeText() const
{
    switch (scope) {
    case Scope::ProviderModel:
        return provider.isEmpty() ? tr("%1 on %2").arg(model, endpointId)
                                  : tr("%1 at %2 on %3").arg(model, provider, endpointId);
    case Scope::EndpointModel:
        return tr("%1 on %2").arg(model, endpointId);
    case Scope::Endpoint:
        return tr("every model on %1").arg(endpointId);
    case Scope::FreeModels:
        return tr("all :free models on %1").arg(endpointId);
    case Scope::PaidModels:
        return tr("all paid models on %1").arg(endpointId);
    case Scope::Key:
        return tr("the key of %1").arg(endpointId);
    }
    return {};
}

QString Cooldown::description(const QDateTime &now) const
{
    if (until.isValid())
        return tr("%1 until %2").arg(scopeText(), endText(until, now));
    if (scope == Scope::Key)
        return tr("%1 until its key changes").arg(scopeText());
    return tr("%1 until you clear it").arg(scopeText());
}

QString Cooldown::causeText() const
{
    switch (scope) {
    case Scope::ProviderModel:
        return tr("a rate limit upstream");
    case Scope::EndpointModel:
        return tr("the endpoint's limit for this model");
    case Scope::Endpoint:
        return tr("a rate limit on the endpoint or your key");
    case Scope::FreeModels:
        return tr("OpenRouter's free-model limit");
    case Scope::PaidModels:
        return tr("no credits");
    case Scope::Key:
        return tr("a refused key");
    }
    return {};
}

QString Cooldown::scopeName(Scope scope)
{
    return scopeNames.name(scope);
}

std::optional<Cooldown::Scope> Cooldown::scopeFromName(const QString &name)
{
    return scopeNames.value(name);
}

QString Cooldown::urlOf(const QUrl &baseUrl)
{
    return baseUrl
        .adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
            | QUrl::StripTrailingSlash)
        .toString();
}

QString Cooldown::keyIdOf(const QString &key)
{
    if (key.isEmpty())
        return u"none"_s;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData("detour cooldown key\n");
    hash.addData(key.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(16));
}

bool Cooldown::isFreeModel(const QString &model)
{
    return model.endsWith(":free"_L1, Qt::CaseInsensitive);
}

} // namespace detour
