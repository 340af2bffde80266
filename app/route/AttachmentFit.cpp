// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentFit.h"

namespace detour {

using namespace Qt::StringLiterals;

AttachmentFit::AttachmentFit(const ChatRequest &request, ModalityLookup lookup)
    : m_lookup(std::move(lookup))
{
    for (const ChatMessage &message : request.messages) {
        for (const Attachment &attachment : message.attachments) {
            m_images = m_images || attachment.kind == Attachment::Kind::Image;
            m_pdfs = m_pdfs || attachment.kind == Attachment::Kind::Pdf;
        }
    }
}

QString AttachmentFit::missing(const RouteStep &step, const Endpoint &endpoint) const
{
    if (!needsAnything() || !m_lookup)
        return {};
    const QStringList modalities = m_lookup(endpoint, step.target.model);
    if (modalities.isEmpty())
        return {}; // not known: try it
    if (m_images && !modalities.contains("image"_L1))
        return u"image"_s;
    const bool readsPdfItself =
        endpoint.kind != EndpointKind::OpenRouter || step.target.pdfEngine == "native"_L1;
    if (m_pdfs && readsPdfItself && !modalities.contains("file"_L1))
        return u"file"_s;
    return {};
}

QString AttachmentFit::skipSentence(const QString &modality, const RouteStep &step)
{
    return modality == "image"_L1
        ? tr("Skipped: %1 does not take images, and this message has one.").arg(step.target.model)
        : tr("Skipped: %1 does not read PDF files itself, and this message has one.")
              .arg(step.target.model);
}

QString AttachmentFit::noStepSentence(const QString &modality)
{
    return modality == "image"_L1
        ? tr("No step of this route takes images: nothing was sent. Remove the image or add a "
             "step with a model that reads images.")
        : tr("No step of this route reads PDF files: nothing was sent. Remove the PDF, add a "
             "step with a model that reads files, or choose the pdf-text engine.");
}

} // namespace detour
