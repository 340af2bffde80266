// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationListWidget.h"

#include "chat/ConversationListModel.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>
#include <functional>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A row is its title; while searching, the best snippet (HTML, matches in
// bold) follows on at most snippetLines lines below it. An edited title goes
// to `rename`, which can say why it was refused.
class ConversationDelegate final : public QStyledItemDelegate {
public:
    using Rename = std::function<void(int row, const QString &title)>;

    ConversationDelegate(Rename rename, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_rename(std::move(rename))
    {
    }

    static constexpr int snippetLines = 2;

    void setModelData(
        QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (const auto *field = qobject_cast<QLineEdit *>(editor))
            m_rename(index.row(), field->text());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        // Rows take the list's width, so a long title is elided rather than scrolled sideways.
        size.setWidth(1);
        if (!snippet(index).isEmpty())
            size.rheight() += snippetLines * option.fontMetrics.lineSpacing();
        return size;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        const QString html = snippet(index);
        if (html.isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        const QString title = opt.text;
        opt.text.clear();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // panel, selection

        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        const QRect area = opt.rect.adjusted(margin, 1, -margin, -1);
        const int line = opt.fontMetrics.lineSpacing();
        const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled)
            ? QPalette::Disabled
            : (opt.state & QStyle::State_Active ? QPalette::Normal : QPalette::Inactive);
        const QColor color = opt.palette.color(
            group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);

        painter->save();
        painter->setFont(opt.font);
        painter->setPen(color);
        const QRect titleRect(area.left(), area.top(), area.width(), line);
        painter->drawText(titleRect, int(Qt::AlignLeft | Qt::AlignVCenter),
            opt.fontMetrics.elidedText(title, Qt::ElideRight, titleRect.width()));

        QTextDocument document;
        document.setDocumentMargin(0);
        document.setDefaultFont(opt.font);
        document.setHtml(html);
        document.setTextWidth(area.width());
        const QRect snippetRect(area.left(), titleRect.bottom() + 1, area.width(),
            std::min(snippetLines * line, area.bottom() - titleRect.bottom()));
        painter->translate(snippetRect.topLeft());
        painter->setClipRect(QRect(QPoint(0, 0), snippetRect.size()), Qt::IntersectClip);
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = opt.palette;
        context.palette.setColor(QPalette::Text, color);
        context.clip = QRectF(QPointF(0, 0), snippetRect.size());
        document.documentLayout()->draw(painter, context);
        painter->restore();
    }

private:
    static QString snippet(const QModelIndex &index)
    {
        return index.data(ConversationListModel::SnippetRole).toString();
    }

    Rename m_rename;
};

} // namespace

ConversationListWidget::ConversationListWidget(ConversationListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_hint(new QLabel(this))
    , m_noticeBar(new QWidget(this))
    , m_notice(new QLabel(m_noticeBar))
    , m_undoButton(new QPushButton(tr("Undo"), m_noticeBar))
    , m_newChatAction(new QAction(tr("New chat"), this))
    , m_renameAction(new QAction(tr("Rename"), this))
    , m_deleteAction(new QAction(tr("Delete"), this))
    , m_undoAction(new QAction(tr("Undo delete"), this))
{
    m_search->setObjectName(u"conversationSearch"_s);
    m_search->setAccessibleName(tr("Search conversations"));
    m_search->setPlaceholderText(tr("Search titles and messages (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(searchDebounceMs);
    connect(&m_searchDebounce, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) { // cleared: show everything at once
            m_searchDebounce.stop();
            search({});
        } else {
            m_searchDebounce.start();
        }
    });
    // Enter: search now and open the first result.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDebounce.stop();
        search(m_search->text());
        if (m_model->rowCount() == 0)
            return;
        if (!m_list->currentIndex().isValid())
            m_list->selectionModel()->setCurrentIndex(
                m_model->index(0), QItemSelectionModel::ClearAndSelect);
        else
            open(m_list->currentIndex());
        m_list->setFocus(Qt::OtherFocusReason);
    });
    auto *clearSearch = new QAction(tr("Clear search"), m_search);
    clearSearch->setObjectName(u"clearSearchAction"_s);
    clearSearch->setShortcut(Qt::Key_Escape);
    clearSearch->setShortcutContext(Qt::WidgetShortcut);
    connect(clearSearch, &QAction::triggered, m_search, &QLineEdit::clear);
    m_search->addAction(clearSearch);

    // Before the view connects to the model, so that the view's own reactions to a
    // change (moving the current row off a removed one) are seen as the model's.
    const auto begin = [this] { ++m_syncing; };
    const auto end = [this] {
        if (--m_syncing == 0) {
            restoreSelection();
            updateEmptyState();
            updateActions();
        }
    };
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, begin);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, end);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, begin);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, end);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeMoved, this, begin);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, end);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, begin);
    connect(m_model, &QAbstractItemModel::modelReset, this, end);
    connect(m_model, &QAbstractItemModel::layoutAboutToBeChanged, this, begin);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, end);
    connect(m_model, &ConversationListModel::searchTextChanged, this, [this](const QString &text) {
        m_list->setUniformItemSizes(text.isEmpty()); // also when searched from elsewhere
        updateEmptyState();
    });
    connect(m_model, &ConversationListModel::removed, this,
        [this](qint64, const QString &title) { showNotice(title); });
    connect(m_model, &ConversationListModel::undoAvailableChanged, this,
        &ConversationListWidget::updateActions);

    m_list->setObjectName(u"conversationList"_s);
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ConversationDelegate(
        [this](int row, const QString &title) {
            if (const Result<> renamed = m_model->rename(row, title); !renamed)
                showError(tr("The conversation could not be renamed: %1").arg(renamed.error()));
        },
        m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Until a search adds snippets every row is one line of title: the view need
    // not measure each of a year's 2,000 conversations to lay them out.
    m_list->setUniformItemSizes(m_model->searchText().isEmpty());
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { currentChanged(current); });
    // A click that makes a row current opens it through currentChanged too: landing on
    // a hit twice costs nothing visible (the second finds the bubble made).
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        if (m_syncing == 0)
            open(index);
    });
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) { // Enter
        if (m_syncing == 0)
            open(index);
    });

    m_hint->setObjectName(u"conversationListHint"_s);
    m_hint->setAccessibleName(tr("Conversations list status"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setContentsMargins(6, 12, 6, 12);

    m_noticeBar->setObjectName(u"undoNoticeBar"_s);
    m_noticeBar->setAccessibleName(tr("Deleted conversation"));
    m_notice->setObjectName(u"undoNotice"_s);
    m_notice->setAccessibleName(tr("Deleted conversation"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_undoButton->setObjectName(u"undoButton"_s);
    m_undoButton->setAccessibleName(tr("Undo delete"));
    m_undoButton->setToolTip(tr("Bring the conversation back (Ctrl+Z)"));
    connect(m_undoButton, &QPushButton::clicked, this, &ConversationListWidget::undoDelete);
    auto *noticeLayout = new QHBoxLayout(m_noticeBar);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_undoButton);
    m_noticeBar->hide();
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(noticeMs);
    connect(&m_noticeTimer, &QTimer::timeout, this, &ConversationListWidget::hideNotice);

    const auto setUp = [](QAction *action, const QString &name, const QString &toolTip) {
        action->setObjectName(name);
        action->setToolTip(toolTip);
    };
    setUp(m_newChatAction, u"newChatAction"_s, tr("Start a new conversation"));
    setUp(m_renameAction, u"renameAction"_s, tr("Rename the selected conversation (F2)"));
    setUp(m_deleteAction, u"deleteAction"_s, tr("Delete the selected conversation (Delete)"));
    setUp(m_undoAction, u"undoDeleteAction"_s, tr("Bring back the last deleted conversation"));
    m_renameAction->setShortcut(Qt::Key_F2);
    QList<QKeySequence> deleteKeys = QKeySequence::keyBindings(QKeySequence::Delete);
    deleteKeys.append(QKeySequence(Qt::Key_Backspace));
    m_deleteAction->setShortcuts(deleteKeys);
    m_undoAction->setShortcut(QKeySequence::Undo);
    // On the list only: in the search box (or a title being edited) these keys edit text.
    for (QAction *action : { m_renameAction, m_deleteAction, m_undoAction }) {
        action->setShortcutContext(Qt::WidgetShortcut);
        m_list->addAction(action);
    }
    connect(m_newChatAction, &QAction::triggered, this, &ConversationListWidget::newChatRequested);
    connect(m_renameAction, &QAction::triggered, this, &ConversationListWidget::renameCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &ConversationListWidget::deleteCurrent);
    connect(m_undoAction, &QAction::triggered, this, &ConversationListWidget::undoDelete);

    const auto toolButton = [this](QAction *action, const QString &name) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setObjectName(name);
        button->setAccessibleName(action->text());
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return button;
    };
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(toolButton(m_newChatAction, u"newChatButton"_s));
    buttons->addStretch(1);
    buttons->addWidget(toolButton(m_renameAction, u"renameButton"_s));
    buttons->addWidget(toolButton(m_deleteAction, u"deleteButton"_s));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint, 1);
    layout->addWidget(m_noticeBar);
    layout->addLayout(buttons);

    setObjectName(u"conversationListWidget"_s);
    setAccessibleName(tr("Conversations"));
    updateEmptyState();
    updateActions();
}

void ConversationListWidget::selectConversation(qint64 conversationId)
{
    m_activeId = conversationId;
    restoreSelection();
    if (m_list->currentIndex().isValid())
        m_list->scrollTo(m_list->currentIndex());
    updateActions();
}

void ConversationListWidget::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ConversationListWidget::currentChanged(const QModelIndex &current)
{
    updateActions();
    if (m_syncing > 0)
        return;
    open(current);
}

void ConversationListWidget::open(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 id = index.data(ConversationListModel::IdRole).toLongLong();
    const qint64 messageId = index.data(ConversationListModel::HitMessageRole).toLongLong();
    const QStringList terms = index.data(ConversationListModel::HitTermsRole).toStringList();
    activate(id); // the index may not outlive what opening the conversation does
    if (messageId != 0 && id == m_activeId)
        Q_EMIT searchHitActivated(id, messageId, terms);
}

void ConversationListWidget::activate(qint64 conversationId)
{
    if (conversationId == 0 || conversationId == m_activeId)
        return;
    m_activeId = conversationId;
    Q_EMIT conversationActivated(conversationId);
}

// Shows the active conversation as the current row, or nothing when it is not
// in the list (hidden by a search, deleted).
void ConversationListWidget::restoreSelection()
{
    QItemSelectionModel *selection = m_list->selectionModel();
    const int row = m_activeId != 0 ? m_model->rowOf(m_activeId) : -1;
    ++m_syncing;
    if (row < 0) {
        selection->clear();
    } else if (const QModelIndex index = m_model->index(row);
               selection->currentIndex() != index || !selection->isSelected(index)) {
        selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    }
    --m_syncing;
}

void ConversationListWidget::renameCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    m_list->setFocus(Qt::OtherFocusReason);
    m_list->edit(current);
}

void ConversationListWidget::deleteCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const bool wasActive = m_model->idAt(row) == m_activeId;
    if (const Result<> removed = m_model->remove(row); !removed) {
        showError(tr("The conversation could not be deleted: %1").arg(removed.error()));
        return;
    }
    if (!wasActive)
        return;
    // Its neighbour (the next one, or the one before when it was last) takes its place.
    const int count = m_model->rowCount();
    if (count > 0) {
        const qint64 next = m_model->idAt(std::min(row, count - 1));
        activate(next);
        restoreSelection();
    } else {
        m_activeId = 0;
        Q_EMIT newChatRequested();
    }
    updateActions();
}

void ConversationListWidget::undoDelete()
{
    if (!m_model->canUndoRemove())
        return;
    const Result<qint64> id = m_model->undoRemove();
    if (!id) {
        showError(tr("The conversation could not be restored: %1").arg(id.error()));
        m_undoButton->setVisible(m_model->canUndoRemove());
        return;
    }
    hideNotice();
    activate(*id);
    restoreSelection();
    if (m_list->currentIndex().isValid())
        m_list->scrollTo(m_list->currentIndex());
    if (m_list->isVisible())
        m_list->setFocus(Qt::OtherFocusReason);
    updateActions();
}

void ConversationListWidget::showNotice(const QString &title)
{
    const QString shown = title.isEmpty() ? tr("Untitled conversation") : title;
    m_notice->setText(tr("“%1” deleted.").arg(shown));
    m_undoButton->setVisible(true);
    m_noticeBar->show();
    m_noticeTimer.start();
}

void ConversationListWidget::showError(const QString &text)
{
    m_notice->setText(text);
    m_undoButton->setVisible(false);
    m_noticeBar->show();
    m_noticeTimer.start();
}

void ConversationListWidget::search(const QString &text)
{
    m_list->setUniformItemSizes(text.trimmed().isEmpty()); // snippets make rows differ
    if (const Result<> searched = m_model->setSearchText(text); !searched)
        showError(tr("The search failed: %1").arg(searched.error()));
}

void ConversationListWidget::hideNotice()
{
    m_noticeTimer.stop();
    m_noticeBar->hide();
}

void ConversationListWidget::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty) {
        m_hint->setText(m_model->isSearching()
                ? tr("Nothing matches “%1”.").arg(m_model->searchText())
                : tr("No conversations yet. Your first message starts one."));
    }
    m_hint->setVisible(empty);
    m_list->setVisible(!empty);
}

void ConversationListWidget::updateActions()
{
    const bool hasCurrent = m_list->currentIndex().isValid();
    m_renameAction->setEnabled(hasCurrent);
    m_deleteAction->setEnabled(hasCurrent);
    m_undoAction->setEnabled(m_model->canUndoRemove());
}

} // namespace detour
