// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace detour {

// Why something failed: one sentence for a person.
class Error final {
public:
    explicit Error(QString message)
        : m_message(std::move(message))
    {
    }
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

// The engine's one error convention: a function that can fail returns a
// Result, which holds either its value or the Error that says why. It has
// std::expected's shape (C++23, not in Debian 12's compiler), so the two can
// be swapped later; unlike a lastError() member it is safe to keep, pass on
// and read after other calls. Result<> carries no value, only success or why.
//
//     Result<qint64> id = store.addUserMessage(conversation, text);
//     if (!id)
//         showError(id.error());
template<typename T = void> class Result final {
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(error.message())
    {
    }

    bool hasValue() const { return m_value.has_value(); }
    explicit operator bool() const { return hasValue(); }
    T &operator*() & { return *m_value; }
    const T &operator*() const & { return *m_value; }
    T &&operator*() && { return *std::move(m_value); }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T valueOr(T fallback) const & { return m_value.value_or(std::move(fallback)); }
    T valueOr(T fallback) && { return std::move(m_value).value_or(std::move(fallback)); }
    std::optional<T> toOptional() const & { return m_value; }
    std::optional<T> toOptional() && { return std::move(m_value); }
    // Empty while the Result holds a value.
    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

template<> class Result<void> final {
public:
    Result() = default; // success
    Result(Error error)
        : m_failed(true)
        , m_error(error.message())
    {
    }

    bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    const QString &error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};

} // namespace detour
