// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "InspectorWidget.h"

#include "InertTextDocument.h"
#include "OutcomeColors.h"
#include "chat/AttemptReport.h"
#include "chat/AttemptTableModel.h"
#include "chat/FixController.h"
#include "route/TurnBadge.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// Outcome cells get a tinted background and a symbol; the text says it too,
// so colour is never the only cue.
class OutcomeDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int outcome = index.data(AttemptTableModel::OutcomeRole).toInt();
        const bool server = index.data(AttemptTableModel::ServerSideRole).toBool();
        if (index.column() == AttemptTableModel::OutcomeColumn) {
            // The attempts line's symbols; rate limits stand out as a warning here.
            const QString symbol = outcome < 0  ? u"…"_s
                : isRateLimit(Outcome(outcome)) ? u"⚠"_s
                                                : TurnBadge::symbol(Outcome(outcome));
            option->text = symbol + u' ' + option->text;
        }
        if (outcome >= 0)
            option->backgroundBrush =
                OutcomeColors::tint(Outcome(outcome), option->palette, server);
        if (server)
            option->font.setItalic(true);
    }
};

QString fixLabel(Fix fix, const Attempt &attempt)
{
    const QString provider =
        attempt.provider.isEmpty() ? InspectorWidget::tr("this provider") : attempt.provider;
    switch (fix) {
    case Fix::Wait:
        return attempt.retryAfterS
            ? InspectorWidget::tr("Retry in %1 s").arg(std::ceil(*attempt.retryAfterS))
            : InspectorWidget::tr("Retry shortly");
    case Fix::Retry:
        return InspectorWidget::tr("Retry now");
    case Fix::AllowFallbacks:
        return InspectorWidget::tr("Allow OpenRouter fallbacks");
    case Fix::MoveStepDown:
        return InspectorWidget::tr("Move step %1 down").arg(attempt.stepIndex + 1);
    case Fix::Byok:
        return InspectorWidget::tr("Add your own %1 key…").arg(provider);
    case Fix::PaidVariant:
        return InspectorWidget::tr("Try the paid variant");
    case Fix::AddCredits:
        return InspectorWidget::tr("Add credits…");
    case Fix::CheckKey:
        return InspectorWidget::tr("Check the key…");
    case Fix::ShortenContext:
        return InspectorWidget::tr("Shorten the conversation");
    case Fix::ChangeModel:
        return InspectorWidget::tr("Choose another model");
    }
    return {};
}

} // namespace

InspectorWidget::InspectorWidget(AttemptTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_onlySelectedTurn(new QCheckBox(tr("Only the selected turn"), this))
    , m_summary(new QLabel(this))
    , m_fixes(new QToolBar(this))
    , m_details(new QTextBrowser(this))
{
    setAccessibleName(tr("Error inspector"));
    m_filter->setSourceModel(model);
    m_filter->setFilterRole(AttemptTableModel::TurnRole);
    m_table->setObjectName(u"attemptTable"_s);
    m_table->setAccessibleName(tr("Attempts"));
    m_table->setModel(m_filter);
    m_table->setItemDelegate(new OutcomeDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Columns fit the rows in view. By default Qt measures the text of up to 1,000 rows
    // per column on every relayout, which was two thirds of the time to open a long
    // conversation (one row per attempt of every turn).
    m_table->horizontalHeader()->setResizeContentsPrecision(0);
    m_table->setWordWrap(false);
    // What a person looks for first (who answered, how, who must act) comes before the
    // details; in a narrow panel the later columns are the ones scrolled out of view.
    QHeaderView *header = m_table->horizontalHeader();
    const AttemptTableModel::Column viewOrder[] = { AttemptTableModel::Turn,
        AttemptTableModel::Step, AttemptTableModel::Provider, AttemptTableModel::Status,
        AttemptTableModel::OutcomeColumn, AttemptTableModel::PartyColumn, AttemptTableModel::Model,
        AttemptTableModel::Endpoint, AttemptTableModel::Time, AttemptTableModel::RetryAfter,
        AttemptTableModel::FirstByte, AttemptTableModel::Duration };
    for (int visual = 0; visual < int(std::size(viewOrder)); ++visual)
        header->moveSection(header->visualIndex(viewOrder[visual]), visual);
    m_onlySelectedTurn->setObjectName(u"onlySelectedTurn"_s);
    m_onlySelectedTurn->setAccessibleDescription(
        tr("Lists only the attempts of the turn chosen in the chat"));
    connect(m_onlySelectedTurn, &QCheckBox::toggled, this, [this] { setTurnFilter(m_turn); });

    m_summary->setObjectName(u"diagnosis"_s);
    m_summary->setAccessibleName(tr("Diagnosis"));
    // Plain text: the summary quotes the server, and a label guessing "rich text" would load
    // an <img> it names (test_inspector_widget).
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fixes->setObjectName(u"fixes"_s);
    m_fixes->setAccessibleName(tr("Fixes"));
    m_fixes->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // The button that opens the fixes that do not fit: the style's icon for it is a dark
    // pixmap, invisible in a dark scheme. Text is drawn in the palette's button text.
    if (auto *more = m_fixes->findChild<QToolButton *>(u"qt_toolbar_ext_button"_s)) {
        more->setToolButtonStyle(Qt::ToolButtonTextOnly);
        more->setText(u"»"_s);
        more->setToolTip(tr("More fixes"));
        more->setAccessibleName(tr("More fixes"));
        more->setAccessibleDescription(tr("Opens the fixes that do not fit beside the others"));
        more->setFocusPolicy(Qt::TabFocus);
    }
    m_details->setObjectName(u"attemptDetails"_s);
    m_details->setAccessibleName(tr("Attempt details"));
    m_details->setOpenLinks(false);
    m_details->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    // The report is shown as it reads once pasted; its body and headers come from
    // the server, so the document loads nothing they name.
    m_details->setDocument(new InertTextDocument(m_details));

    auto *copyReport = new QPushButton(tr("Copy as report"), this);
    copyReport->setObjectName(u"copyReport"_s);
    copyReport->setAccessibleDescription(
        tr("Copies the selected attempt as a Markdown report, keys and secrets left out"));
    connect(copyReport, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
        if (const Attempt *attempt = m_model->attemptAt(current.row()))
            QGuiApplication::clipboard()->setText(AttemptReport::markdown(*attempt));
    });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_onlySelectedTurn);
    leftLayout->addWidget(m_table);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_fixes);
    rightLayout->addWidget(m_details, 1);
    rightLayout->addWidget(copyReport, 0, Qt::AlignRight);
    // It sits in the side panel beside the chat: attempts above, the selected one below.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"inspectorSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &InspectorWidget::showDetails);
    connect(model, &QAbstractItemModel::dataChanged, this, &InspectorWidget::showDetails);
    // Server-side rows arriving reset the model; keep following the newest attempt.
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_turn >= 0)
            showTurn(m_turn);
        showDetails();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->currentIndex().isValid()
            || m_table->currentIndex().row() == m_filter->rowCount() - 2)
            m_table->selectRow(m_filter->rowCount() - 1); // follow the live turn
    });
    showDetails();
}

void InspectorWidget::setTurnFilter(int turn)
{
    m_turn = turn;
    const bool filter = m_onlySelectedTurn->isChecked() && turn >= 0;
    m_filter->setFilterRegularExpression(
        filter ? QRegularExpression(u"^%1$"_s.arg(turn)) : QRegularExpression());
}

void InspectorWidget::showTurn(int turn)
{
    setTurnFilter(turn);
    // The first refusal explains the turn best; a clean turn shows its served attempt.
    int chosen = -1;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(AttemptTableModel::TurnRole).toInt() != turn
            || index.data(AttemptTableModel::ServerSideRole).toBool())
            continue;
        const int outcome = index.data(AttemptTableModel::OutcomeRole).toInt();
        if (outcome != int(Outcome::Served) && outcome != int(Outcome::Skipped)) {
            chosen = row;
            break;
        }
        chosen = row;
    }
    if (chosen >= 0) {
        m_table->selectRow(chosen);
        m_table->scrollTo(m_filter->index(chosen, m_table->horizontalHeader()->logicalIndex(0)));
    }
}

void InspectorWidget::useFixes(FixController *fixes)
{
    setRouteChangeCheck([fixes](RouteFixer::Change change, const Attempt &attempt) {
        return fixes->check(change, attempt);
    });
    connect(this, &InspectorWidget::fixRequested, fixes, &FixController::applyFix);
    connect(this, &InspectorWidget::routeChangeRequested, fixes, &FixController::applyChange);
}

void InspectorWidget::setRouteChangeCheck(RouteChangeCheck check)
{
    m_routeChangeCheck = std::move(check);
    refreshFixes();
}

void InspectorWidget::refreshFixes()
{
    showDetails();
}

QList<QAction *> InspectorWidget::fixActions() const
{
    return m_fixes->actions();
}

void InspectorWidget::showDetails()
{
    m_fixes->clear();
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    const Attempt *attempt = m_model->attemptAt(current.row());
    if (!attempt) {
        m_summary->setText(m_model->rowCount()
                ? tr("Select an attempt to see what happened.")
                : tr("No attempts yet. Send a message: every request of the turn, and every "
                     "provider OpenRouter tried, shows up here."));
        m_details->clear();
        return;
    }
    if (const ServerAttempt *server = m_model->serverAttemptAt(current.row())) {
        m_summary->setText(
            tr("OpenRouter tried %1 for %2 inside request %3 and got HTTP %4 (reported via %5).")
                .arg(server->provider, server->model)
                .arg(attempt->index + 1)
                .arg(server->status)
                .arg(serverAttemptSourcesText(server->sources)));
    } else {
        m_summary->setText(m_model->isInFlight(current.row())
                ? tr("In flight: waiting for the reply.")
                : attempt->summary.isEmpty() ? tr("Served.")
                                             : attempt->summary);
        const auto addButton = [this](const QString &label, auto onClick) {
            QAction *action = m_fixes->addAction(label);
            // Tool bar buttons take no focus by default, but Tab must reach the fixes.
            QWidget *button = m_fixes->widgetForAction(action);
            button->setFocusPolicy(Qt::TabFocus);
            button->setAccessibleDescription(tr("A fix for: %1").arg(m_summary->text()));
            connect(action, &QAction::triggered, this, onClick);
            return action;
        };
        const Attempt copy = *attempt;
        const auto addRouteChange = [&](const QString &label, RouteFixer::Change change) {
            QAction *action = addButton(
                label, [this, change, copy] { Q_EMIT routeChangeRequested(change, copy); });
            // Offered only where it changes the route, and never twice.
            const Result<RoutePlan> changed = m_routeChangeCheck
                ? m_routeChangeCheck(change, copy)
                : Result<RoutePlan>(Error(tr("There is no route to change.")));
            action->setEnabled(changed.hasValue());
            action->setToolTip(changed ? QString() : changed.error());
        };
        for (Fix fix : attempt->fixes) {
            if (const auto change = RouteFixer::changeFor(fix))
                addRouteChange(fixLabel(fix, copy), *change);
            else
                addButton(
                    fixLabel(fix, copy), [this, fix, copy] { Q_EMIT fixRequested(fix, copy); });
        }
        if (attempt->outcome == Outcome::RateLimitedUpstream && !attempt->provider.isEmpty())
            addRouteChange(tr("Ignore %1 for this model").arg(attempt->provider),
                RouteFixer::Change::IgnoreProvider);
    }
    // Raw HTML is shown as text: an error message is the server's, not ours to render.
    QTextDocument *report = m_details->document();
    report->setMarkdown(AttemptReport::markdown(*attempt, AttemptReport::Summary::LeftOut),
        QTextDocument::MarkdownFeatures(
            QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
    // The raw body's long lines wrap in the narrow panel instead of hiding behind a sideways
    // scroll, and a new report is read from its top.
    for (QTextBlock block = report->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().nonBreakableLines()) {
            QTextBlockFormat format = block.blockFormat();
            format.setNonBreakableLines(false);
            QTextCursor(block).setBlockFormat(format);
        }
    }
    m_details->setTextCursor(QTextCursor(report));
    m_details->horizontalScrollBar()->setValue(0);
    m_details->verticalScrollBar()->setValue(0);
}

} // namespace detour
