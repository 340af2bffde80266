// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>
#include <functional>

class QLineEdit;
class QPushButton;

namespace detour {

// An endpoint's certificate authority file ("ca_file"): the path, a Browse…
// button and a Clear button. A chosen file is read and its authorities shown
// (subject, SHA-256 fingerprint, expiry); only when the person confirms them
// is the path accepted. Trusting an authority is a decision, never a side effect.
class AuthorityFileField final : public QWidget {
    Q_OBJECT

public:
    // Asks the person; true to trust. Tests stand in for the dialog.
    using Confirmation = std::function<bool(const QString &details)>;
    // Tells the person why a file cannot be used.
    using Warning = std::function<void(const QString &problem)>;

    explicit AuthorityFileField(QWidget *parent = nullptr);

    QString path() const;
    // Shows a stored path (a step was selected); emits nothing.
    void setPath(const QString &path);
    // Where Browse… ends: reads the file, shows its authorities and asks.
    // True when the path was accepted.
    bool choose(const QString &path);

    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }
    void setWarning(Warning warning) { m_warn = std::move(warning); }

Q_SIGNALS:
    // The person accepted a file, or cleared the field (an empty path).
    void accepted(const QString &path);

private:
    void browse();

    QLineEdit *m_path;
    QPushButton *m_browse;
    QPushButton *m_clear;
    Confirmation m_confirm;
    Warning m_warn;
};

} // namespace detour
