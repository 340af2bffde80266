// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"
#include "route/RoutePlan.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QTabWidget;

namespace detour {

class AuthorityFileField;
class EndpointGatewayRow;
class EndpointSecrets;
class Catalog;
class ProviderPreferencesPanel;
class RouteDefaultsForm;
class RoutePolicyForm;
class RoutePreviewPane;
class RoutingOptionsForm;
class RouteStepsModel;
class StepHistory;

// The route editor: steps as a list to reorder by drag and drop or Alt+Up /
// Alt+Down, the selected step's model and OpenRouter provider preferences (the
// providers themselves in ProviderPreferencesPanel, the one place for them),
// the policy (RoutePolicyForm), the conversation defaults (RouteDefaultsForm), and a live preview
// of the exact request with "Copy as" code (RoutePreviewPane).
class RouteEditorWidget final : public QWidget {
    Q_OBJECT

public:
    // `secrets`: where the endpoint editor saves keyring values; `history`: what the
    // policy's hedge "auto" reads per step (either may be null).
    RouteEditorWidget(RouteStepsModel *steps, QWidget *parent = nullptr,
        EndpointSecrets *secrets = nullptr, const StepHistory *history = nullptr);
    ~RouteEditorWidget() override;

    QListView *stepList() const { return m_list; }
    QPlainTextEdit *preview() const;
    QString copyAsText() const; // what "Copy" puts on the clipboard for the chosen language
    void selectStep(int row);
    void setModelSuggestions(const QStringList &models);
    // Where the providers of an OpenRouter step's model come from; may be null.
    void setCatalog(Catalog *catalog);
    // The open conversation's system prompt and parameters, shown in the request
    // preview and the copied code as they would be sent.
    void setConversationSettings(const ConversationSettings &settings);
    ProviderPreferencesPanel *providerPanel() const { return m_providers; }

Q_SIGNALS:
    void catalogChanged(detour::Catalog *catalog); // as setCatalog() was given it

private:
    void loadStep();
    void storeStep();
    void storePolicy();
    void updatePreview();
    void storeProviderChoices();
    void syncProviderChoices();
    void updateProviderPanel();
    void updateProblems();
    void loadAuthority();
    int currentRow() const;

    RouteStepsModel *m_steps;
    QListView *m_list;
    QLabel *m_problems; // the selected step's, between the steps and the tabs
    QTabWidget *m_tabs; // the selected step, the policy, the request, the code
    QWidget *m_stepPage;
    QComboBox *m_endpoint;
    AuthorityFileField *m_authority; // the selected step's endpoint's "ca_file"
    QCheckBox *m_direct; // the selected step's endpoint's "proxy": "direct"
    EndpointGatewayRow *m_gateway; // its headers and query; gateway presets
    QLineEdit *m_model;
    QLineEdit *m_fallbacks;
    QComboBox *m_pdfEngine; // how OpenRouter reads a PDF sent to the step ("pdf_engine")
    QComboBox *m_sort;
    QComboBox *m_allowFallbacks;
    QComboBox *m_dataCollection;
    QCheckBox *m_requireParameters;
    ProviderPreferencesPanel *m_providers;
    QLineEdit *m_quantizations;
    QDoubleSpinBox *m_maxPrompt;
    QDoubleSpinBox *m_maxCompletion;
    RoutingOptionsForm *m_routing; // variants, Auto Router models, the newer provider fields
    RoutePolicyForm *m_policy;
    RouteDefaultsForm *m_defaults;
    RoutePreviewPane *m_preview; // the request and code pages
    bool m_loading = false;
};

} // namespace detour
