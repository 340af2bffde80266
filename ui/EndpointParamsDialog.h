// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Endpoint.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace detour {

class EndpointSecrets;

// An endpoint's headers and query parameters as a small table: where (header or
// query), name, where the value comes from (the value itself, an environment
// variable, a keyring entry) and the value, the variable's name or the entry's name.
// A secret is never shown: "Save secret…" asks for a keyring entry's value in a
// password field and puts it straight into the keyring. OK checks the rules of
// EndpointParam and keeps the dialog open with the reason when one is broken.
class EndpointParamsDialog final : public QDialog {
    Q_OBJECT

public:
    // `secrets` may be null (no keyring: "Save secret…" is greyed out).
    EndpointParamsDialog(
        const Endpoint &endpoint, EndpointSecrets *secrets, QWidget *parent = nullptr);

    // The endpoint with the table's headers and query (after OK).
    Endpoint endpoint() const;
    // Asks for a keyring entry's value; tests stand in for the password dialog.
    using SecretPrompt = std::function<QString(const QString &entry)>;
    void setSecretPrompt(SecretPrompt prompt) { m_prompt = std::move(prompt); }

    void accept() override;

private:
    void addRow(EndpointParam::Place place, const EndpointParam &param);
    void saveSecret();
    void updateButtons();

    Endpoint m_endpoint;
    EndpointSecrets *m_secrets;
    QTableWidget *m_table;
    QLabel *m_problem;
    QPushButton *m_saveSecret;
    SecretPrompt m_prompt;
};

} // namespace detour
