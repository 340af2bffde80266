// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/RoutePlan.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;

namespace detour {

class AuthorityFileField;
class Catalog;
class ProviderPreferencesPanel;
class RouteStepsModel;

// The route editor: steps as a list to reorder by drag and drop or Alt+Up /
// Alt+Down, the selected step's model and OpenRouter provider preferences (the
// providers themselves in ProviderPreferencesPanel, the one place for them),
// the policy, and a live preview of the exact request with "Copy as" code.
class RouteEditorWidget final : public QWidget {
    Q_OBJECT

public:
    RouteEditorWidget(RouteStepsModel *steps, QWidget *parent = nullptr);

    QListView *stepList() const { return m_list; }
    QPlainTextEdit *preview() const { return m_preview; }
    QString copyAsText() const; // what "Copy" puts on the clipboard for the chosen language
    void selectStep(int row);
    void setModelSuggestions(const QStringList &models);
    // Where the providers of an OpenRouter step's model come from; may be null.
    void setCatalog(Catalog *catalog);
    ProviderPreferencesPanel *providerPanel() const { return m_providers; }

private:
    void loadStep();
    void storeStep();
    void loadPolicy();
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
    QLineEdit *m_model;
    QLineEdit *m_fallbacks;
    QComboBox *m_sort;
    QComboBox *m_allowFallbacks;
    QComboBox *m_dataCollection;
    QCheckBox *m_requireParameters;
    ProviderPreferencesPanel *m_providers;
    QLineEdit *m_quantizations;
    QDoubleSpinBox *m_maxPrompt;
    QDoubleSpinBox *m_maxCompletion;
    QSpinBox *m_retries;
    QCheckBox *m_retryEveryStep;
    QSpinBox *m_backoffCap;
    QSpinBox *m_cooldown;
    QSpinBox *m_firstToken;
    QSpinBox *m_idle;
    QSpinBox *m_connect;
    QSpinBox *m_total;
    QComboBox *m_stepSort; // the policy's client-side sort across steps
    QList<QCheckBox *> m_fallThrough; // one per outcome that may move on to the next step
    QComboBox *m_language;
    QPlainTextEdit *m_preview;
    QPlainTextEdit *m_code;
    bool m_loading = false;
};

} // namespace detour
