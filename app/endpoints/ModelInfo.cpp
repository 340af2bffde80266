// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ModelInfo.h"

#include "CatalogJson.h"
#include "protocol/JsonUtil.h"

#include <QCoreApplication>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

constexpr qsizetype maxIdLength = 256;

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(detour::ModelInfo)
};

std::optional<double> perMillion(const std::optional<double> &perToken)
{
    if (!perToken)
        return std::nullopt;
    return *perToken * 1e6;
}

bool isIdChar(QChar c, bool allowColon)
{
    if (c.unicode() > 0x7f)
        return false;
    return c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_' || (allowColon && c == u':');
}

bool isValidPart(QStringView part, bool allowColon)
{
    if (part.isEmpty() || part.front().unicode() > 0x7f || !part.front().isLetterOrNumber())
        return false;
    for (const QChar c : part) {
        if (!isIdChar(c, allowColon))
            return false;
    }
    return true;
}

} // namespace

std::optional<double> ModelInfo::promptPricePerMillion() const
{
    return perMillion(promptPrice);
}

std::optional<double> ModelInfo::completionPricePerMillion() const
{
    return perMillion(completionPrice);
}

bool ModelInfo::isFree() const
{
    if (id.endsWith(":free"_L1))
        return true;
    return promptPrice && completionPrice && *promptPrice == 0 && *completionPrice == 0;
}

Result<ModelInfo> ModelInfo::fromJson(const Json &object)
{
    const auto fail = [](const QString &why) { return Error(why); };
    if (!object.is_object())
        return fail(Text::tr("A model entry is a JSON %1, not an object")
                        .arg(QString::fromUtf8(object.type_name())));
    ModelInfo model;
    model.id = json::stringAt(object, "id").trimmed();
    if (model.id.isEmpty())
        return fail(Text::tr("A model entry has no \"id\" string"));
    model.name = json::stringAt(object, "name").trimmed();
    if (model.name.isEmpty())
        model.name = model.id;
    model.description = json::stringAt(object, "description");
    model.contextLength = CatalogJson::countAt(object, "context_length");
    if (const auto top = object.find("top_provider"); top != object.end() && top->is_object()) {
        model.maxCompletionTokens = CatalogJson::countAt(*top, "max_completion_tokens");
        if (model.contextLength == 0)
            model.contextLength = CatalogJson::countAt(*top, "context_length");
    }
    if (const auto pricing = object.find("pricing");
        pricing != object.end() && pricing->is_object()) {
        model.promptPrice = CatalogJson::priceAt(*pricing, "prompt");
        model.completionPrice = CatalogJson::priceAt(*pricing, "completion");
    }
    model.supportedParameters = json::stringListAt(object, "supported_parameters");
    if (const auto architecture = object.find("architecture");
        architecture != object.end() && architecture->is_object()) {
        model.inputModalities = json::stringListAt(*architecture, "input_modalities");
    }
    if (const auto created = CatalogJson::finiteAt(object, "created");
        created && *created > 0 && *created < 1e11) {
        model.created = QDateTime::fromSecsSinceEpoch(qint64(*created), Qt::UTC);
    }
    return model;
}

Result<QList<ModelInfo>> ModelInfo::listFromJson(const Json &root, int *skipped)
{
    const Result<const Json *> found =
        CatalogJson::data(root, /*wantArray=*/true, Text::tr("The model list"));
    if (!found)
        return Error(found.error());
    const Json *data = *found;
    QList<ModelInfo> models;
    models.reserve(qsizetype(data->size()));
    int bad = 0;
    for (const Json &item : *data) {
        if (auto model = fromJson(item))
            models.append(std::move(*model));
        else
            ++bad;
    }
    if (skipped)
        *skipped = bad;
    return models;
}

Result<QList<ModelInfo>> ModelInfo::listFromBody(QByteArrayView body, int *skipped)
{
    const Result<Json> root = CatalogJson::parseObject(body, Text::tr("The model list"));
    if (!root)
        return Error(root.error());
    return listFromJson(*root, skipped);
}

Result<> ModelInfo::isValidId(const QString &id)
{
    const auto fail = [](const QString &why) { return Error(why); };
    if (id.isEmpty())
        return fail(Text::tr("the model id is empty"));
    if (id.size() > maxIdLength)
        return fail(Text::tr("the model id is longer than %1 characters").arg(maxIdLength));
    if (id.count(u'/') != 1)
        return fail(Text::tr("a model id has the form author/slug with exactly one \"/\""));
    const qsizetype slash = id.indexOf(u'/');
    if (!isValidPart(QStringView(id).first(slash), false))
        return fail(
            Text::tr("the author part may hold only letters, digits, \".\", \"-\" and \"_\", "
                     "starting with a letter or digit"));
    if (!isValidPart(QStringView(id).sliced(slash + 1), true))
        return fail(Text::tr("the slug part may hold only letters, digits, \":\", \".\", \"-\" and "
                             "\"_\", starting with a letter or digit"));
    return {};
}

} // namespace detour
