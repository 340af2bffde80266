// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HealthChart.h"

#include "health/ProviderHealthModel.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr int margin = 6;

// The four columns of a line, as fractions of the width.
struct Columns {
    QRect label;
    QRect success;
    QRect firstToken;
    QRect trend;
};

Columns columnsFor(const QRect &line)
{
    const int width = line.width();
    const int labelWidth = std::clamp(width * 28 / 100, 80, 260);
    const int rest = width - labelWidth - 3 * margin;
    Columns columns;
    columns.label = QRect(line.left(), line.top(), labelWidth, line.height());
    columns.success =
        QRect(columns.label.right() + margin, line.top(), rest * 36 / 100, line.height());
    columns.firstToken =
        QRect(columns.success.right() + margin, line.top(), rest * 36 / 100, line.height());
    columns.trend = QRect(columns.firstToken.right() + margin, line.top(),
        line.right() - columns.firstToken.right() - margin, line.height());
    return columns;
}

QString seconds(double ms)
{
    return QLocale().toString(ms / 1000.0, 'f', ms < 10'000 ? 2 : 1);
}

} // namespace

HealthChart::HealthChart(ProviderHealthModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(u"healthChart"_s);
    setAccessibleName(tr("Provider health chart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HealthChart::modelChanged);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &HealthChart::modelChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HealthChart::modelChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HealthChart::modelChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
}

void HealthChart::modelChanged()
{
    updateGeometry();
    update();
}

int HealthChart::rowHeight() const
{
    return fontMetrics().height() * 2 + 4;
}

int HealthChart::headerHeight() const
{
    return fontMetrics().height() + 6;
}

QSize HealthChart::sizeHint() const
{
    return { 640, headerHeight() + std::max(1, m_model->rowCount()) * rowHeight() + margin };
}

QSize HealthChart::minimumSizeHint() const
{
    return { 360, sizeHint().height() };
}

int HealthChart::rowAt(int y) const
{
    const int row = (y - headerHeight()) / rowHeight();
    return y >= headerHeight() && row < m_model->rowCount() ? row : -1;
}

QString HealthChart::rowSummary(int row) const
{
    const ProviderHealth &health = m_model->health(row);
    QString text = tr("%1: %2 % of %n tries served, %3 answered 429", nullptr, health.tries)
                       .arg(ProviderHealthModel::rowLabel(health))
                       .arg(qRound(health.successRate() * 100))
                       .arg(health.rateLimited);
    if (health.timeToFirstTokenP50Ms && health.timeToFirstTokenP90Ms)
        text += tr("; first token in %1 s (median), %2 s (90th percentile)")
                    .arg(seconds(*health.timeToFirstTokenP50Ms),
                        seconds(*health.timeToFirstTokenP90Ms));
    return text + u'.';
}

bool HealthChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos().y());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), rowSummary(row), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void HealthChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colours = palette();
    const QFontMetrics metrics = fontMetrics();
    const QRect area = rect().adjusted(margin, 0, -margin, 0);
    const QColor text = colours.color(QPalette::WindowText);
    const QColor success = colours.color(QPalette::Highlight);
    const QColor track = colours.color(QPalette::Base);
    const QColor frame = colours.color(QPalette::Mid);

    // Header: what each column shows, symbols included.
    const Columns header = columnsFor(QRect(area.left(), 0, area.width(), headerHeight()));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    const auto caption = [&](const QRect &box, const QString &label) {
        painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(bold).elidedText(label, Qt::ElideRight, box.width()));
    };
    caption(header.label, tr("Provider"));
    caption(header.success, tr("Served ✓ / 429 ▨"));
    caption(header.firstToken, tr("First token ◆ p50 ┤ p90"));
    caption(header.trend, tr("Success over time"));
    painter.setFont(font());

    double slowest = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        slowest = std::max(slowest, m_model->health(row).timeToFirstTokenP90Ms.value_or(0.0));

    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ProviderHealth &health = m_model->health(row);
        const QRect line(
            area.left(), headerHeight() + row * rowHeight(), area.width(), rowHeight());
        if (row % 2 == 1)
            painter.fillRect(line, colours.color(QPalette::AlternateBase));
        const Columns columns = columnsFor(line.adjusted(0, 2, 0, -2));
        const int barHeight = metrics.height() - 4;

        // Label.
        painter.setPen(text);
        painter.drawText(columns.label.adjusted(2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(
                ProviderHealthModel::rowLabel(health), Qt::ElideMiddle, columns.label.width() - 2));

        // Success bar: served part filled, 429 part hatched, the rest left empty.
        const QRect bar(
            columns.success.left(), columns.success.top() + 2, columns.success.width(), barHeight);
        painter.setPen(frame);
        painter.setBrush(track);
        painter.drawRect(bar);
        const int servedWidth = qRound(bar.width() * health.successRate());
        const int limitedWidth = qRound(bar.width() * health.rateLimitedShare());
        painter.fillRect(QRect(bar.left(), bar.top(), servedWidth, bar.height()), success);
        painter.fillRect(QRect(bar.left() + servedWidth, bar.top(), limitedWidth, bar.height()),
            QBrush(text, Qt::BDiagPattern));
        painter.setPen(text);
        const QRect under(bar.left(), bar.bottom() + 1, bar.width(), metrics.height());
        painter.drawText(under, Qt::AlignLeft | Qt::AlignTop,
            metrics.elidedText(tr("✓ %1 % of %2 · ▨ %3×429")
                                   .arg(qRound(health.successRate() * 100))
                                   .arg(health.tries)
                                   .arg(health.rateLimited),
                Qt::ElideRight, bar.width()));

        // First token: p50 diamond, whisker to the p90 tick, on the shared scale.
        const QRect scale(columns.firstToken.left(), columns.firstToken.top() + 2,
            columns.firstToken.width(), barHeight);
        const int axisY = scale.center().y();
        if (health.timeToFirstTokenP50Ms && health.timeToFirstTokenP90Ms && slowest > 0) {
            const auto x = [&](double ms) {
                return scale.left() + qRound((scale.width() - 4) * ms / slowest) + 2;
            };
            const int p50 = x(*health.timeToFirstTokenP50Ms);
            const int p90 = x(*health.timeToFirstTokenP90Ms);
            painter.setPen(QPen(frame, 1));
            painter.drawLine(scale.left(), axisY, scale.right(), axisY);
            painter.setPen(QPen(text, 2));
            painter.drawLine(p50, axisY, p90, axisY);
            painter.drawLine(p90, axisY - barHeight / 2, p90, axisY + barHeight / 2);
            QPainterPath diamond;
            const int d = barHeight / 2;
            diamond.moveTo(p50, axisY - d);
            diamond.lineTo(p50 + d, axisY);
            diamond.lineTo(p50, axisY + d);
            diamond.lineTo(p50 - d, axisY);
            diamond.closeSubpath();
            painter.setPen(QPen(text, 1));
            painter.setBrush(success);
            painter.drawPath(diamond);
            painter.setPen(text);
            painter.drawText(
                QRect(scale.left(), scale.bottom() + 1, scale.width(), metrics.height()),
                Qt::AlignLeft | Qt::AlignTop,
                metrics.elidedText(tr("◆ %1 s ┤ %2 s")
                                       .arg(seconds(*health.timeToFirstTokenP50Ms),
                                           seconds(*health.timeToFirstTokenP90Ms)),
                    Qt::ElideRight, scale.width()));
        } else {
            painter.setPen(text);
            painter.drawText(scale.adjusted(0, 0, 0, metrics.height()),
                Qt::AlignLeft | Qt::AlignVCenter, tr("no token yet"));
        }

        // Sparkline: success rate per slice; slices without tries leave a gap.
        const QRect spark = columns.trend.adjusted(0, 2, 0, -metrics.height() / 2);
        painter.setPen(QPen(frame, 1, Qt::DotLine));
        painter.drawLine(spark.left(), spark.top(), spark.right(), spark.top()); // 100 %
        painter.drawLine(spark.left(), spark.bottom(), spark.right(), spark.bottom()); // 0 %
        const qsizetype slices = health.trend.size();
        QPolygonF segment;
        const auto flush = [&] {
            painter.setPen(QPen(success, 2));
            if (segment.size() > 1)
                painter.drawPolyline(segment);
            painter.setPen(QPen(text, 1));
            painter.setBrush(success);
            for (const QPointF &point : std::as_const(segment))
                painter.drawEllipse(point, 2.0, 2.0);
            segment.clear();
        };
        for (qsizetype i = 0; i < slices; ++i) {
            const HealthSlice &slice = health.trend[i];
            if (slice.tries == 0) {
                flush();
                continue;
            }
            const double x = spark.left() + (spark.width() - 4) * (i + 0.5) / double(slices) + 2;
            const double y = spark.bottom() - spark.height() * double(slice.served) / slice.tries;
            segment << QPointF(x, y);
        }
        flush();
    }
}

} // namespace detour
