// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EndpointParamsDialog.h"

#include "settings/EndpointSecrets.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

enum Column { PlaceColumn, NameColumn, SourceColumn, ValueColumn, ColumnCount };

} // namespace

EndpointParamsDialog::EndpointParamsDialog(
    const Endpoint &endpoint, EndpointSecrets *secrets, QWidget *parent)
    : QDialog(parent)
    , m_endpoint(endpoint)
    , m_secrets(secrets)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_problem(new QLabel(this))
    , m_saveSecret(new QPushButton(tr("Save &secret…"), this))
{
    setObjectName(u"endpointParamsDialog"_s);
    setWindowTitle(tr("Headers and query of \"%1\"").arg(endpoint.id));
    m_table->setObjectName(u"endpointParamsTable"_s);
    m_table->setAccessibleName(tr("Headers and query parameters"));
    m_table->setHorizontalHeaderLabels(
        { tr("Sent as"), tr("Name"), tr("Value from"), tr("Value, variable or entry") });
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *explanation = new QLabel(tr("Sent with every request to this endpoint only. A value "
                                      "that is a credential comes from an environment variable "
                                      "or the keyring and is never written to the route."),
        this);
    explanation->setWordWrap(true);
    m_problem->setObjectName(u"endpointParamsProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *addHeader = new QPushButton(tr("Add &header"), this);
    addHeader->setObjectName(u"addHeader"_s);
    auto *addQuery = new QPushButton(tr("Add &query parameter"), this);
    addQuery->setObjectName(u"addQuery"_s);
    auto *remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(u"removeParam"_s);
    m_saveSecret->setObjectName(u"saveSecret"_s);
    m_saveSecret->setToolTip(tr("Puts the value of the selected keyring entry into the system "
                                "keyring; it is not shown again."));
    auto *rowButtons = new QHBoxLayout;
    for (QPushButton *button : { addHeader, addQuery, remove, m_saveSecret })
        rowButtons->addWidget(button);
    rowButtons->addStretch();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    for (const EndpointParam &param : endpoint.headers)
        addRow(EndpointParam::Place::Header, param);
    for (const EndpointParam &param : endpoint.query)
        addRow(EndpointParam::Place::Query, param);

    connect(addHeader, &QPushButton::clicked, this,
        [this] { addRow(EndpointParam::Place::Header, {}); });
    connect(
        addQuery, &QPushButton::clicked, this, [this] { addRow(EndpointParam::Place::Query, {}); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
        updateButtons();
    });
    connect(m_saveSecret, &QPushButton::clicked, this, &EndpointParamsDialog::saveSecret);
    connect(m_table, &QTableWidget::currentCellChanged, this, &EndpointParamsDialog::updateButtons);
    connect(buttons, &QDialogButtonBox::accepted, this, &EndpointParamsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EndpointParamsDialog::reject);
    m_prompt = [this](const QString &entry) {
        return QInputDialog::getText(this, tr("Save secret"),
            tr("Value of keyring entry \"%1\":").arg(entry), QLineEdit::Password);
    };
    updateButtons();
    resize(640, 320);
}

void EndpointParamsDialog::addRow(EndpointParam::Place place, const EndpointParam &param)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *placeBox = new QComboBox(m_table);
    placeBox->setObjectName(u"paramPlace_%1"_s.arg(row));
    placeBox->addItem(tr("Header"), int(EndpointParam::Place::Header));
    placeBox->addItem(tr("Query parameter"), int(EndpointParam::Place::Query));
    placeBox->setCurrentIndex(placeBox->findData(int(place)));
    m_table->setCellWidget(row, PlaceColumn, placeBox);
    m_table->setItem(row, NameColumn, new QTableWidgetItem(param.name));
    auto *sourceBox = new QComboBox(m_table);
    sourceBox->setObjectName(u"paramSource_%1"_s.arg(row));
    sourceBox->addItem(tr("the value itself"), int(EndpointParam::Source::Value));
    sourceBox->addItem(tr("environment variable"), int(EndpointParam::Source::Environment));
    sourceBox->addItem(tr("keyring entry"), int(EndpointParam::Source::Keyring));
    sourceBox->setCurrentIndex(sourceBox->findData(int(param.source)));
    m_table->setCellWidget(row, SourceColumn, sourceBox);
    connect(sourceBox, &QComboBox::currentIndexChanged, this, &EndpointParamsDialog::updateButtons);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(param.value));
    m_table->setCurrentCell(row, NameColumn);
}

Endpoint EndpointParamsDialog::endpoint() const
{
    Endpoint result = m_endpoint;
    result.headers.clear();
    result.query.clear();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto *placeBox = qobject_cast<QComboBox *>(m_table->cellWidget(row, PlaceColumn));
        const auto *sourceBox = qobject_cast<QComboBox *>(m_table->cellWidget(row, SourceColumn));
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        const QTableWidgetItem *value = m_table->item(row, ValueColumn);
        EndpointParam param;
        param.name = name ? name->text().trimmed() : QString();
        param.source = EndpointParam::Source(sourceBox->currentData().toInt());
        param.value = value ? value->text() : QString();
        if (param.isSecret())
            param.value = param.value.trimmed();
        if (param.name.isEmpty() && param.value.isEmpty())
            continue; // a row added and left empty
        const auto place = EndpointParam::Place(placeBox->currentData().toInt());
        (place == EndpointParam::Place::Header ? result.headers : result.query).append(param);
    }
    return result;
}

void EndpointParamsDialog::accept()
{
    const QString problem = EndpointParam::problemOf(endpoint());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

void EndpointParamsDialog::saveSecret()
{
    const int row = m_table->currentRow();
    const QTableWidgetItem *entry = m_table->item(row, ValueColumn);
    if (!m_secrets || !entry || entry->text().trimmed().isEmpty())
        return;
    const QString value = m_prompt(entry->text().trimmed());
    if (!value.trimmed().isEmpty())
        m_secrets->storeEntry(entry->text().trimmed(), value);
}

void EndpointParamsDialog::updateButtons()
{
    const int row = m_table->currentRow();
    const auto *sourceBox =
        row < 0 ? nullptr : qobject_cast<QComboBox *>(m_table->cellWidget(row, SourceColumn));
    m_saveSecret->setEnabled(m_secrets && sourceBox
        && EndpointParam::Source(sourceBox->currentData().toInt())
            == EndpointParam::Source::Keyring);
}

} // namespace detour
