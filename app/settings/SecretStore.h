// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SecretError.h"

#include <QObject>
#include <QString>

namespace detour {

// Where keys are kept, one secret per account (an endpoint id). Every call
// answers asynchronously, from the event loop, with exactly one completion
// signal for that account; nothing is ever answered before the call returns.
class SecretStore : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~SecretStore() override;

    // readFinished: `secret` is empty when nothing is stored for `account`.
    virtual void read(const QString &account) = 0;
    virtual void write(const QString &account, const QString &secret) = 0;
    // Removing a secret that is not there succeeds.
    virtual void remove(const QString &account) = 0;

    // Whether a written secret outlives this process.
    virtual bool isPersistent() const = 0;
    virtual bool isWritable() const { return true; }

Q_SIGNALS:
    void readFinished(
        const QString &account, const QString &secret, const detour::SecretError &error);
    void writeFinished(const QString &account, const detour::SecretError &error);
    void removeFinished(const QString &account, const detour::SecretError &error);

protected:
    // Emit the completion signals from the event loop.
    void finishReadLater(const QString &account, const QString &secret, const SecretError &error);
    void finishWriteLater(const QString &account, const SecretError &error);
    void finishRemoveLater(const QString &account, const SecretError &error);
};

} // namespace detour
