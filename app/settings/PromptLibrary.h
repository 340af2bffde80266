// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QAbstractListModel>
#include <QList>
#include <optional>

namespace detour {

// The person's named system prompts, one row each (display: the name; TextRole: the
// prompt), kept in a JSON file beside the settings file:
//     {"format": "detour.prompts", "version": 1, "prompts": [{"name": ..., "text": ...}]}
// Every change is written at once and atomically (QSaveFile). With no file yet, the library
// holds a few starter prompts (starterPrompts()), written with the first change. A file that
// cannot be read leaves the library empty with loadError() saying why, and is copied aside
// (backupPath()) before the first change overwrites it, so nothing is lost.
class PromptLibrary final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { TextRole = Qt::UserRole + 1 };

    struct Prompt {
        QString name;
        QString text;
        bool operator==(const Prompt &) const = default;
    };

    explicit PromptLibrary(const QString &filePath, QObject *parent = nullptr);

    // `<folder of settingsFilePath>/prompts.json`.
    static QString pathBeside(const QString &settingsFilePath);
    static QList<Prompt> starterPrompts();

    QString filePath() const { return m_filePath; }
    QString loadError() const { return m_loadError; }
    QString backupPath() const { return m_backupPath; } // empty until a bad file was copied aside

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<Prompt> &prompts() const { return m_prompts; }
    int indexOf(const QString &name) const; // -1 when there is none by that name

    // Adds a prompt, or replaces the text of the one with that name; returns its row.
    Result<int> save(const QString &name, const QString &text);
    Result<> rename(int row, const QString &name);
    Result<int> duplicate(int row); // "name (copy)", "name (copy 2)", ...; returns the new row
    Result<> remove(int row); // undoRemove() brings the last removed one back
    bool canUndoRemove() const { return m_removed.has_value(); }
    QString lastRemovedName() const { return m_removed ? m_removed->prompt.name : QString(); }
    Result<int> undoRemove();

Q_SIGNALS:
    void changed(); // after every change that was written

private:
    void load();
    Result<> write(const QList<Prompt> &prompts);
    Result<> checkName(const QString &name, int except) const;
    QString freeName(const QString &base) const;

    struct Removed {
        Prompt prompt;
        int row;
    };

    QString m_filePath;
    QString m_loadError;
    QString m_backupPath;
    bool m_unreadable = false; // the file on disk is one this version cannot read
    QList<Prompt> m_prompts;
    std::optional<Removed> m_removed;
};

} // namespace detour
