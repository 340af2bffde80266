// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace detour {

// A file a person attached to a message, held whole: what it is, what it is
// called and its bytes. How each kind travels is the request builder's job:
// images as `image_url` parts, PDFs as `file` parts, text inlined as a fenced block.
struct Attachment {
    enum class Kind { Image, Pdf, Text };

    Kind kind = Kind::Text;
    QString fileName; // without its folder
    QString mimeType;
    QByteArray data;

    qint64 size() const { return data.size(); }
    // SHA-256 of the bytes, in hex: the same file attached twice is stored once.
    QByteArray digest() const;
    bool operator==(const Attachment &) const = default;
};

// Turns a file (picked, dropped or named on the command line) or pasted bytes
// into an Attachment, or says in one sentence why it cannot be attached.
class AttachmentLoader final {
    Q_DECLARE_TR_FUNCTIONS(AttachmentLoader)

public:
    // Above this a file is refused before it is read.
    static constexpr qint64 maximumFileSize = 20 * 1024 * 1024;
    // All the attachments of one message together: they travel base64-encoded in
    // one request (a third larger) and are kept in the history.
    static constexpr qint64 maximumMessageTotal = 32 * 1024 * 1024;

    static Result<Attachment> fromFile(const QString &path);
    static Result<Attachment> fromData(const QString &fileName, const QByteArray &data);
    // Refuses attachments whose bytes together are above maximumMessageTotal.
    static Result<> checkMessageTotal(const QList<Attachment> &attachments);
};

} // namespace detour
