// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace detour {

// Why a secret store could not do what was asked, with the one sentence the
// person sees. A secret that is simply not stored is not an error.
struct SecretError {
    enum class Kind {
        None,
        Unavailable, // no keyring service is running (or it did not answer)
        Denied, // the keyring is locked or the person refused access
        ReadOnly, // the store cannot be written (environment variables)
        Failed, // anything else
    };

    Kind kind = Kind::None;
    QString message; // one sentence; empty when kind is None

    bool isError() const { return kind != Kind::None; }
    bool operator==(const SecretError &) const = default;
};

} // namespace detour
