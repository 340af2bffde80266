// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CompareView.h"

#include "ComparisonColumn.h"
#include "chat/ComparisonController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

CompareView::CompareView(ComparisonController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_title(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_leave(new QPushButton(tr("Leave compare mode"), this))
    , m_columnRow(new QHBoxLayout)
{
    setObjectName(u"compareView"_s);
    setAccessibleName(tr("Comparison of routes"));
    m_title->setObjectName(u"compareTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_hint->setObjectName(u"compareHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setObjectName(u"compareSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Summary of the comparison"));
    m_summary->hide();
    m_leave->setObjectName(u"leaveCompareButton"_s);
    m_leave->setToolTip(tr("Back to chatting on one route (Esc)"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_leave);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_hint);
    layout->addWidget(m_summary);
    m_columnRow->setSpacing(8);
    layout->addLayout(m_columnRow, 1);

    m_frame.setInterval(16);
    m_frame.setSingleShot(true);
    connect(&m_frame, &QTimer::timeout, this, &CompareView::renderFrame);

    RouteComparison *comparison = m_controller->comparison();
    connect(m_leave, &QPushButton::clicked, m_controller, &ComparisonController::leave);
    connect(m_controller, &ComparisonController::comparingChanged, this, [this](bool comparing) {
        if (!comparing)
            clearColumns();
        showRoutes();
        setVisible(comparing);
    });
    connect(comparison, &RouteComparison::started, this, &CompareView::buildColumns);
    connect(
        comparison, &RouteComparison::contentDelta, this, [this](int column, const QString &text) {
            if (column < m_columns.size()) {
                m_columns[column]->append(text);
                if (!m_frame.isActive())
                    m_frame.start();
            }
        });
    // The model thinks before it answers: the column says so until the answer starts.
    connect(comparison, &RouteComparison::reasoningDelta, this, [this](int column) {
        if (column < m_columns.size())
            m_columns[column]->showRunning(tr("Thinking…"));
    });
    connect(comparison, &RouteComparison::columnFinished, this, &CompareView::finishColumn);
    connect(comparison, &RouteComparison::columnUpdated, this, &CompareView::finishColumn);
    connect(comparison, &RouteComparison::finished, this, [this] {
        m_summary->setText(m_controller->comparison()->summaryText());
        m_summary->setVisible(true);
        m_hint->setText(tr("Pick the answer to continue with, or ask again."));
    });
    setVisible(m_controller->isComparing());
    showRoutes();
}

void CompareView::showRoutes()
{
    QStringList names;
    for (const RoutePlan &plan : m_controller->routes())
        names << plan.name;
    m_title->setText(tr("Comparing %n route(s): %1", nullptr, int(names.size()))
                         .arg(QLocale().createSeparatedList(names)));
    m_hint->setText(tr("Your next message goes to every route at once; the answers appear here "
                       "side by side. Esc leaves compare mode."));
}

void CompareView::clearColumns()
{
    // Later: this may run from a column's own "Use this answer".
    for (ComparisonColumn *column : std::as_const(m_columns)) {
        column->hide();
        column->deleteLater();
    }
    m_columns.clear();
    m_summary->clear();
    m_summary->hide();
}

void CompareView::buildColumns()
{
    clearColumns();
    const RouteComparison *comparison = m_controller->comparison();
    for (int i = 0; i < comparison->columnCount(); ++i) {
        auto *column = new ComparisonColumn(i, comparison->column(i).plan.name, this);
        connect(column, &ComparisonColumn::useRequested, this, [this](int index) {
            if (const Result<> used = m_controller->useAnswer(index); !used)
                Q_EMIT problem(used.error());
        });
        connect(column, &ComparisonColumn::attemptsRequested, this,
            [this](int index) { Q_EMIT turnSelected(m_controller->turnOf(index)); });
        connect(column, &ComparisonColumn::linkActivated, this, &CompareView::linkActivated);
        m_columnRow->addWidget(column, 1);
        m_columns << column;
    }
    m_hint->setText(tr("Asked: %1").arg(m_controller->question().content.left(200)));
}

void CompareView::finishColumn(int column)
{
    if (column >= m_columns.size())
        return;
    m_columns[column]->showFinished(
        m_controller->comparison()->column(column).result, m_controller->canUse(column));
}

void CompareView::renderFrame()
{
    for (ComparisonColumn *column : std::as_const(m_columns))
        column->renderPending();
}

} // namespace detour
