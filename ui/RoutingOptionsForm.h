// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ModelTarget.h"
#include "protocol/ModelVariant.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

namespace detour {

// The route editor's part for the rest of OpenRouter's routing surface on a step: under
// the model field (variantRow()), the model's variant (:free, :nitro, :floor, :exacto) as
// toggles that rewrite the model field (one at a time) and the Auto Router's allowed models
// (shown for openrouter/auto only); in the form itself, beside the provider sort, the
// provider object's sort partition, preferred minimum throughput and maximum
// latency, zero data retention and distillable text. A cut-off read as percentiles
// (p75, p90, p99) is kept as read; the spin boxes edit its p50. load() does not report;
// every change a person makes is reported by edited().
class RoutingOptionsForm final : public QWidget {
    Q_OBJECT

public:
    // `model` is the step's model field, which the variant toggles rewrite.
    explicit RoutingOptionsForm(QLineEdit *model, QWidget *parent = nullptr);

    // The toggles and the Auto Router's models, to be placed under the model field.
    QWidget *variantRow() const { return m_variantRow; }
    QLineEdit *allowedModels() const { return m_allowed; }

    void load(const ModelTarget &target);
    // Writes the form's fields into `target` (its model is the model field's business).
    void store(ModelTarget &target) const;
    // Tab reaches the toggles right after `model` and the form's fields right after `sort`,
    // as they are laid out (they are made before the editor's other controls).
    void placeInTabOrder(QWidget *model, QWidget *sort);
    // As if the person clicked the toggle: rewrites the model field and reports edited().
    void chooseVariant(ModelVariant::Kind kind);

Q_SIGNALS:
    void edited();

private:
    void syncToModel(); // toggles and the allowed-models field follow the model field

    QLineEdit *m_model;
    QWidget *m_variantRow;
    QHash<ModelVariant::Kind, QCheckBox *> m_variants;
    QLineEdit *m_allowed;
    QComboBox *m_partition;
    QDoubleSpinBox *m_minThroughput;
    QDoubleSpinBox *m_maxLatency;
    QCheckBox *m_zdr;
    QCheckBox *m_distillable;
    ProviderPreferences m_loaded; // the cut-offs and flags as read, kept where not edited
    bool m_loading = false;
};

} // namespace detour
