// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RoutePreviewPane.h"

#include "protocol/RequestBuilder.h"
#include "route/RouteCodeExporter.h"
#include "route/RouteStepsModel.h"

#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// The request previewed and exported: one message, whose translation context is
// still the route editor's, where it was written.
ChatRequest sampleRequest(const ConversationSettings &settings)
{
    return RouteCodeExporter::request(
        QCoreApplication::translate("RouteEditorWidget", "Hello!"), settings);
}

} // namespace

RoutePreviewPane::RoutePreviewPane(const RouteStepsModel *steps, QWidget *parent)
    : QObject(parent)
    , m_steps(steps)
    , m_language(new QComboBox(parent))
    , m_preview(new QPlainTextEdit(parent))
    , m_code(new QPlainTextEdit(parent))
    , m_codePage(nullptr)
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_preview->setObjectName(u"requestPreview"_s);
    m_preview->setAccessibleName(tr("Request preview"));
    m_code->setObjectName(u"copyAsCode"_s);
    m_code->setAccessibleName(tr("Route as code"));
    for (QPlainTextEdit *text : { m_preview, m_code }) {
        text->setReadOnly(true);
        text->setFont(mono);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_language->setObjectName(u"copyAsLanguage"_s);
    for (const RouteCodeExporter::Language language : RouteCodeExporter::languages())
        m_language->addItem(RouteCodeExporter::languageName(language), int(language));
    auto *copy = new QPushButton(tr("Copy"), parent);
    copy->setObjectName(u"copyAs"_s);
    connect(copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(copyAsText()); });
    connect(m_language, &QComboBox::currentIndexChanged, this, &RoutePreviewPane::languageChanged);
    m_codePage = new QWidget(parent);
    auto *codeLayout = new QVBoxLayout(m_codePage);
    auto *codeBar = new QHBoxLayout;
    codeBar->addWidget(m_language, 1);
    codeBar->addWidget(copy);
    codeLayout->addLayout(codeBar);
    codeLayout->addWidget(m_code);
}

QString RoutePreviewPane::copyAsText() const
{
    return RouteCodeExporter::code(RouteCodeExporter::Language(m_language->currentData().toInt()),
        m_steps->plan(), sampleRequest(m_conversationSettings.over(m_steps->plan().defaults)));
}

bool RoutePreviewPane::setConversationSettings(const ConversationSettings &settings)
{
    if (settings == m_conversationSettings)
        return false;
    m_conversationSettings = settings;
    return true;
}

void RoutePreviewPane::update(int row)
{
    const RoutePlan &plan = m_steps->plan();
    if (row < 0 || row >= plan.steps.size())
        row = 0;
    if (plan.steps.isEmpty()) {
        m_preview->setPlainText(tr("Add a step to see the request it sends."));
        m_code->clear();
        return;
    }
    const RouteStep &step = plan.steps[row];
    // Where the request really goes: in simulated mode the simulator stands in for remote
    // servers, and no key is sent there.
    const std::optional<Endpoint> endpoint = plan.endpoint(step.endpointId)
        ? std::optional(m_steps->redirect().destination(*plan.endpoint(step.endpointId)))
        : std::nullopt;
    const EndpointKind kind = endpoint ? endpoint->kind : EndpointKind::OpenRouter;
    QString text = u"POST %1\n"_s.arg(endpoint
            ? RequestBuilder::endpointUrl(endpoint->baseUrl, u"chat/completions"_s).toString()
            : QString());
    if (endpoint && !endpoint->keyEnv.isEmpty())
        text += u"Authorization: Bearer [redacted: $%1]\n"_s.arg(endpoint->keyEnv);
    text += u"Content-Type: application/json\n"_s;
    if (kind == EndpointKind::OpenRouter)
        text += u"X-OpenRouter-Metadata: enabled\n"_s;
    text += u"\n"_s
        + QString::fromUtf8(RequestBuilder::bodyText(kind, step.target,
            sampleRequest(m_conversationSettings.over(m_steps->plan().defaults))));
    m_preview->setPlainText(text);
    m_code->setPlainText(copyAsText());
}

} // namespace detour
