// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace detour {

struct Endpoint;

// One header or query parameter an endpoint sends with every request (a gateway's
// "x-portkey-provider", Azure's "api-version"). In the route file:
//   "headers": {"Name": "value" | {"env": "VAR"} | {"keyring": "entry"}}, "query": {same}
// A value from the environment or the keyring is a secret: resolved like a key
// (KeyRing), sent only to its own endpoint's origin and redacted wherever keys are.
struct EndpointParam {
    enum class Place { Header, Query };
    enum class Source { Value, Environment, Keyring };

    QString name;
    Source source = Source::Value;
    // The value itself (Value), the environment variable's name (Environment) or the
    // keyring entry's name (Keyring); never the secret.
    QString value;

    bool isSecret() const { return source != Source::Value; }
    bool operator==(const EndpointParam &) const = default;

    // "value" | "env" | "keyring", as the route file spells the object's key.
    static QString sourceName(Source source);
    static std::optional<Source> sourceFromName(const QString &text);

    // The keychain account a keyring entry is kept under (service "Detour"):
    // "secret:<entry>", apart from the endpoints' keys (whose accounts are endpoint
    // ids), so that a route file cannot send an endpoint's key elsewhere by naming it.
    static QString keychainAccount(const QString &entry);

    // Why `param` cannot be sent as a header (or query parameter) of `endpoint`, in
    // one sentence; empty when it can. See README "Gateways" for the rules.
    static QString problem(const EndpointParam &param, Place place, const Endpoint &endpoint);
    // The first problem of an endpoint's headers and query, names repeated included.
    static QString problemOf(const Endpoint &endpoint);
    // A name that says it carries a credential ("Helicone-Auth", "x-portkey-api-key",
    // "cf-aig-authorization", "api-key"): its value must come from the environment or
    // the keyring, so that it never lands in a route file.
    static bool looksLikeCredential(const QString &text);
    // The name and value of a header as RFC 9110 allows them.
    static bool isToken(const QString &text);
};

using EndpointParams = QList<EndpointParam>;

} // namespace detour
