// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

namespace detour {

class ProviderHealthModel;

// Provider health drawn, one line per row of a ProviderHealthModel: a success
// bar whose hatched part is the share of 429s, the time to first token as a
// p50 ◆ to p90 | whisker on a scale shared by all rows, and a sparkline of
// success over the window. Colours come from the palette (dark themes work)
// and every figure is also written as text, so nothing relies on colour alone.
class HealthChart final : public QWidget {
    Q_OBJECT

public:
    explicit HealthChart(ProviderHealthModel *model, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The text a row's tooltip and accessible description give (also used by tests).
    QString rowSummary(int row) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowHeight() const;
    int headerHeight() const;
    int rowAt(int y) const;
    void modelChanged();

    ProviderHealthModel *m_model;
};

} // namespace detour
