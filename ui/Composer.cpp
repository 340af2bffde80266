// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Composer.h"

#include "AttachmentChip.h"
#include "AttachmentStrip.h"
#include "chat/ChatSession.h"
#include "chat/RouteChoices.h"

#include <QBuffer>
#include <QComboBox>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// The editor hands pasted and dropped files and images to the composer; text stays text.
class AttachingEditor final : public QPlainTextEdit {
public:
    AttachingEditor(std::function<bool(const QMimeData *)> attach, QWidget *parent)
        : QPlainTextEdit(parent)
        , m_attach(std::move(attach))
    {
    }

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override
    {
        return Composer::hasAttachableData(source) || QPlainTextEdit::canInsertFromMimeData(source);
    }
    void insertFromMimeData(const QMimeData *source) override
    {
        if (!m_attach(source))
            QPlainTextEdit::insertFromMimeData(source);
    }

private:
    std::function<bool(const QMimeData *)> m_attach;
};

} // namespace

Composer::Composer(QWidget *parent)
    : QWidget(parent)
    , m_editor(
          new AttachingEditor([this](const QMimeData *mime) { return attachMimeData(mime); }, this))
    , m_routePicker(new QComboBox(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_editing(new QLabel(this))
    , m_attachments(new AttachmentStrip(true, this))
    , m_attach(new QPushButton(this))
    , m_notice(new QLabel(this))
{
    setAcceptDrops(true);
    m_editor->setObjectName(u"composer"_s);
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setPlaceholderText(tr("Ask anything. Ctrl+Enter sends."));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(m_editor->fontMetrics().lineSpacing() * 8);
    m_editor->installEventFilter(this);
    m_routePicker->setObjectName(u"routePicker"_s);
    // A long route name ("model → route" from the quick switcher) must not widen the window.
    m_routePicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_routePicker->setMinimumContentsLength(6);
    m_routePicker->setAccessibleName(tr("Route"));
    m_routePicker->setToolTip(
        tr("The route this conversation uses (Ctrl+K switches routes and models)"));
    m_attach->setObjectName(u"attachButton"_s);
    const QIcon paperclip = QIcon::fromTheme(u"mail-attachment"_s);
    if (paperclip.isNull())
        m_attach->setText(tr("Attach…"));
    else
        m_attach->setIcon(paperclip);
    m_attach->setAccessibleName(tr("Attach files"));
    m_attach->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_attach->setToolTip(tr("Attach images, PDFs or text files (%1); you can also drop or "
                            "paste them here")
                             .arg(m_attach->shortcut().toString(QKeySequence::NativeText)));
    m_notice->setObjectName(u"attachmentNotice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setForegroundRole(QPalette::PlaceholderText);
    m_notice->hide();
    connect(m_attach, &QPushButton::clicked, this, &Composer::pickFiles);
    connect(m_attachments, &AttachmentStrip::changed, m_notice, &QLabel::hide);
    // Tab goes through the chips to the editor; Shift+Tab from the editor to the last chip.
    connect(m_attachments, &AttachmentStrip::tabbedPast, this,
        [this] { m_editor->setFocus(Qt::TabFocusReason); });
    connect(m_editor, &QPlainTextEdit::textChanged, m_notice, &QLabel::hide);
    m_send->setObjectName(u"sendButton"_s);
    m_send->setDefault(true);
    m_stop->setObjectName(u"stopButton"_s);
    m_stop->setToolTip(tr("Stop the reply (Esc)"));
    m_stop->setEnabled(false);
    m_editing->setObjectName(u"editingNotice"_s);
    m_editing->hide();
    m_editing->setTextFormat(Qt::RichText);
    connect(m_editing, &QLabel::linkActivated, this, &Composer::cancelEdit);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_editor, 1);
    row->addLayout(buttons);
    m_footer = new QHBoxLayout;
    auto *routeLabel = new QLabel(tr("&Route:"), this);
    routeLabel->setBuddy(m_routePicker);
    m_footer->addWidget(m_attach);
    m_footer->addWidget(routeLabel);
    m_footer->addWidget(m_routePicker, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 8);
    layout->addWidget(m_editing);
    layout->addWidget(m_attachments);
    layout->addLayout(row);
    layout->addWidget(m_notice);
    layout->addLayout(m_footer);

    connect(m_send, &QPushButton::clicked, this, &Composer::submit);
    connect(m_stop, &QPushButton::clicked, this, &Composer::stopRequested);
}

void Composer::addFooterTool(QWidget *tool)
{
    tool->setParent(this);
    m_footer->insertWidget(m_footer->indexOf(m_attach) + 1, tool);
}

void Composer::connectTo(ChatSession *session)
{
    connect(this, &Composer::sendRequested, session,
        [this, session](const QString &text, const QList<Attachment> &attachments) {
            if (session->send(text, attachments))
                clearAttachments();
        });
    connect(this, &Composer::editSubmitted, session, &ChatSession::editAndResend);
    connect(this, &Composer::stopRequested, session, &ChatSession::stop);
    connect(session, &ChatSession::busyChanged, this, &Composer::setBusy);
}

void Composer::setRoutes(RouteChoices *routes)
{
    m_routePicker->setModel(routes);
    const auto showActive = [this, routes] {
        m_routePicker->setCurrentIndex(std::max(0, routes->rowOf(routes->activeRoute().name)));
    };
    connect(routes, &RouteChoices::activeRouteChanged, this, showActive);
    connect(routes, &QAbstractItemModel::modelReset, this, showActive);
    connect(m_routePicker, &QComboBox::activated, routes, [routes](int row) {
        routes->choose(routes->index(row).data(RouteChoices::NameRole).toString());
    });
    showActive();
}

void Composer::setDraft(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->setFocus();
}

void Composer::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setEnabled(!busy);
    m_stop->setEnabled(busy);
}

void Composer::beginEdit(int messageIndex, const QString &text)
{
    m_editIndex = messageIndex;
    m_editor->setPlainText(text);
    m_editor->setFocus();
    m_editing->setText(tr("Editing an earlier message: sending replaces it and everything after "
                          "it. <a href=\"#cancel\">Cancel</a>"));
    m_editing->show();
}

void Composer::cancelEdit()
{
    m_editIndex = -1;
    m_editing->hide();
}

QList<Attachment> Composer::attachments() const
{
    return m_attachments->attachments();
}

void Composer::clearAttachments()
{
    m_attachments->clear();
}

void Composer::pickFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach files"), {},
        tr("Images, PDFs and text (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.csv "
           "*.json);;All files (*)"));
    if (!paths.isEmpty())
        attachFiles(paths);
}

void Composer::attachFiles(const QStringList &paths)
{
    QStringList refusals;
    for (const QString &path : paths) {
        Result<Attachment> loaded = AttachmentLoader::fromFile(path);
        if (loaded)
            m_attachments->add(*std::move(loaded));
        else
            refusals << loaded.error();
    }
    showRefusals(refusals);
}

bool Composer::hasAttachableData(const QMimeData *mime)
{
    if (!mime)
        return false;
    if (mime->hasImage())
        return true;
    const QList<QUrl> urls = mime->urls();
    return !urls.isEmpty() && std::all_of(urls.cbegin(), urls.cend(), [](const QUrl &url) {
        return url.isLocalFile();
    });
}

bool Composer::attachMimeData(const QMimeData *mime)
{
    if (!hasAttachableData(mime))
        return false;
    if (mime->hasUrls()) {
        QStringList paths;
        for (const QUrl &url : mime->urls())
            paths << url.toLocalFile();
        attachFiles(paths);
        return true;
    }
    // A picture on the clipboard (a screenshot, an image copied from a browser): as PNG.
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG")) {
        showRefusals({ tr("The pasted picture could not be read.") });
        return true;
    }
    Result<Attachment> loaded =
        AttachmentLoader::fromData(u"pasted-image-%1.png"_s.arg(++m_pastedImages), png);
    if (loaded)
        m_attachments->add(*std::move(loaded));
    showRefusals(loaded ? QStringList() : QStringList { loaded.error() });
    return true;
}

void Composer::showRefusals(const QStringList &sentences)
{
    m_notice->setText(sentences.join(u'\n'));
    m_notice->setVisible(!sentences.isEmpty());
}

void Composer::dragEnterEvent(QDragEnterEvent *event)
{
    if (hasAttachableData(event->mimeData()))
        event->acceptProposedAction();
}

void Composer::dropEvent(QDropEvent *event)
{
    if (attachMimeData(event->mimeData()))
        event->acceptProposedAction();
}

void Composer::submit()
{
    const QString text = m_editor->toPlainText();
    m_notice->hide();
    if (m_busy || (text.trimmed().isEmpty() && (m_editIndex >= 0 || m_attachments->count() == 0)))
        return;
    if (m_editIndex >= 0) {
        Q_EMIT editSubmitted(m_editIndex, text);
    } else if (m_divert) {
        if (!m_divert(text, m_attachments->attachments()))
            return; // refused (and said why): the text stays
        clearAttachments();
    } else {
        Q_EMIT sendRequested(text, m_attachments->attachments());
    }
    cancelEdit();
    m_editor->clear();
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        const bool control = key->modifiers().testFlag(Qt::ControlModifier);
        const bool plain =
            key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;
        if (enter && (control || (m_sendWithEnter && plain))) {
            submit();
            return true;
        }
        if (enter && m_sendWithEnter && key->modifiers().testFlag(Qt::ShiftModifier)) {
            m_editor->insertPlainText(u"\n"_s);
            return true;
        }
        if (key->key() == Qt::Key_Backtab && m_attachments->count() > 0) {
            m_attachments->chip(m_attachments->count() - 1)->setFocus(Qt::BacktabFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape && m_busy) {
            Q_EMIT stopRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace detour
