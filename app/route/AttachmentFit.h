// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"
#include "protocol/ChatRequest.h"

#include <QCoreApplication>
#include <QStringList>
#include <functional>

namespace detour {

// What a model reads, as the catalog says (`architecture.input_modalities`:
// "text", "image", "file"...); an empty list means "not known". The route layer
// knows no catalog: app/chat and the CLI fill this from theirs, as they hand in keys.
using ModalityLookup = std::function<QStringList(const Endpoint &endpoint, const QString &model)>;

// Whether a step's model can take a request's attachments. Images need "image";
// PDFs need "file" only where the model must read them itself (a plain
// OpenAI-compatible endpoint, or OpenRouter with the "native" engine): OpenRouter's
// pdf-text and mistral-ocr engines turn a PDF into text for any model. Text files
// are inlined and need nothing. A model the lookup does not know is tried.
class AttachmentFit final {
    Q_DECLARE_TR_FUNCTIONS(AttachmentFit)

public:
    AttachmentFit() = default; // needs nothing: every step fits
    AttachmentFit(const ChatRequest &request, ModalityLookup lookup);

    bool needsAnything() const { return m_images || m_pdfs; }
    // The modality `step` lacks ("image" or "file"), empty when it fits or is unknown.
    QString missing(const RouteStep &step, const Endpoint &endpoint) const;
    // "Skipped: <model> does not take images."
    static QString skipSentence(const QString &modality, const RouteStep &step);
    // When no step of the route could take the attachments: nothing was sent.
    static QString noStepSentence(const QString &modality);

private:
    bool m_images = false;
    bool m_pdfs = false;
    ModalityLookup m_lookup;
};

} // namespace detour
