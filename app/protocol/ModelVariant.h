// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace detour {

// OpenRouter's model variants: a suffix on the model slug after a colon.
// https://openrouter.ai/docs/guides/routing/model-variants/overview
// - `:free` is a catalog variant: its own entry in /models, with its own providers and
//   limits; only models the catalog lists with it have one.
// - `:nitro` (= provider.sort "throughput",
//   https://openrouter.ai/docs/guides/routing/model-variants/nitro), `:floor` (= sort
//   "price", https://openrouter.ai/docs/guides/routing/model-variants/floor) and `:exacto`
//   (quality-first sorting for tool calling,
//   https://openrouter.ai/docs/guides/routing/model-variants/exacto) are routing variants,
//   accepted on any model and absent from the catalog.
// A slug carries one variant: the documentation never combines them, and the three routing
// variants each set the sort, so choosing one replaces the other.
// Also the special slugs: the Auto Router (openrouter/auto), the Free Models Router
// (openrouter/free, https://openrouter.ai/docs/guides/routing/routers/free-router) and
// presets (`@preset/<slug>`, https://openrouter.ai/docs/guides/features/presets).
class ModelVariant final {
    Q_DECLARE_TR_FUNCTIONS(detour::ModelVariant)

public:
    enum class Kind { None, Free, Nitro, Floor, Exacto };

    ModelVariant() = delete;

    static QList<Kind> kinds(); // without None
    static QString suffix(Kind kind); // ":free"; empty for None
    static std::optional<Kind> kindFromSuffix(const QString &suffix);
    static Kind of(const QString &model);
    // The slug without its variant ("a/b:nitro" -> "a/b"); other suffixes (":thinking") stay.
    static QString base(const QString &model);
    // `model` with `kind` in place of any variant it had.
    static QString withVariant(const QString &model, Kind kind);
    static bool isRoutingVariant(Kind kind); // nitro, floor, exacto
    // The provider.sort a routing variant stands for ("throughput", "price"); empty otherwise.
    static QString impliedSort(Kind kind);
    // A sentence in plain words for the route editor's toggle.
    static QString help(Kind kind);

    static QString autoRouter() { return QStringLiteral("openrouter/auto"); }
    static QString freeRouter() { return QStringLiteral("openrouter/free"); }
    static bool isPreset(const QString &model);
    static QString presetSlug(const QString &model); // "@preset/x" -> "x"
};

} // namespace detour
