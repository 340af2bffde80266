// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "chat/ChatSession.h"
#include "chat/QuickSwitchModel.h"
#include "chat/RouteChoices.h"
#include "endpoints/ModelInfo.h"
#include "route/RouteEngine.h"
#include "route/RouteStepsModel.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"

#include <memory>

namespace testing {

// What the quick switcher works over: a settings file with its route library, a
// session, the route choices and the switcher's model over `models`. restart()
// builds it all again from the same file, as a restart of Detour would.
struct QuickSwitchRig {
    std::unique_ptr<detour::Settings> settings;
    std::unique_ptr<detour::RouteEngine> engine;
    std::unique_ptr<detour::ChatSession> session;
    std::unique_ptr<detour::RouteStepsModel> steps;
    std::unique_ptr<detour::RouteChoices> choices;
    std::unique_ptr<detour::QuickSwitchModel> model;

    void restart(const QString &settingsPath, const detour::Endpoint &endpoint,
        const QList<detour::ModelInfo> &models)
    {
        model.reset();
        choices.reset();
        steps.reset();
        session.reset();
        engine.reset();
        settings.reset();
        settings = std::make_unique<detour::Settings>(settingsPath);
        engine = std::make_unique<detour::RouteEngine>();
        session = std::make_unique<detour::ChatSession>(engine.get());
        steps = std::make_unique<detour::RouteStepsModel>();
        choices = std::make_unique<detour::RouteChoices>(
            &settings->routeLibrary(), steps.get(), session.get(), endpoint);
        choices->select(settings->routeLibrary().defaultRouteName());
        model = std::make_unique<detour::QuickSwitchModel>(choices.get(), settings.get());
        model->setModels(models);
    }
};

} // namespace testing
