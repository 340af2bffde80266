// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteStepsModel.h"

#include "RoutingProblems.h"
#include "protocol/ModelVariant.h"

#include <QIODevice>
#include <QMimeData>

namespace detour {

using namespace Qt::StringLiterals;

namespace {
const QString stepRowMime = u"application/x-detour-route-step"_s;
} // namespace

RouteStepsModel::RouteStepsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void RouteStepsModel::setPlan(const RoutePlan &plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
    Q_EMIT planChanged(m_plan);
}

void RouteStepsModel::setKnownModels(const QStringList &models)
{
    m_knownModels = models;
    providersChanged();
}

void RouteStepsModel::setProviderCheck(ProviderCheck check)
{
    m_providerCheck = std::move(check);
    providersChanged();
}

void RouteStepsModel::providersChanged()
{
    if (!m_plan.steps.isEmpty())
        Q_EMIT dataChanged(
            index(0), index(rowCount() - 1), { ProblemsRole, Qt::DecorationRole, Qt::ToolTipRole });
}

void RouteStepsModel::setSimulatorUrl(const QUrl &url)
{
    if (url == m_redirect.simulatorUrl())
        return;
    m_redirect = SimulatorRedirect(url);
    if (!m_plan.steps.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
            { DestinationRole, Qt::ToolTipRole, Qt::AccessibleDescriptionRole });
}

QString RouteStepsModel::destination(int row) const
{
    if (row < 0 || row >= m_plan.steps.size())
        return {};
    const Endpoint *endpoint = m_plan.endpoint(m_plan.steps[row].endpointId);
    if (!endpoint)
        return {};
    const QString host = SimulatorRedirect::hostText(endpoint->baseUrl);
    const QUrl simulator = m_redirect.simulatorUrl();
    if (m_redirect.isActive() && endpoint->baseUrl.host() == simulator.host()
        && endpoint->baseUrl.port() == simulator.port())
        return tr("→ built-in simulator (%1)").arg(host); // the demo route
    if (m_redirect.redirects(*endpoint))
        return tr("→ built-in simulator (%1), instead of %2")
            .arg(SimulatorRedirect::hostText(simulator), host);
    if (isLoopbackUrl(endpoint->baseUrl))
        return m_redirect.isActive() ? tr("→ your server at %1, not the simulator").arg(host)
                                     : tr("→ your server at %1").arg(host);
    return tr("→ %1").arg(host);
}

int RouteStepsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.steps.size());
}

QStringList RouteStepsModel::problems(int row) const
{
    QStringList list;
    if (row < 0 || row >= m_plan.steps.size())
        return list;
    const RouteStep &step = m_plan.steps[row];
    const Endpoint *endpoint = m_plan.endpoint(step.endpointId);
    if (!endpoint)
        list << tr("Endpoint \"%1\" is not defined.").arg(step.endpointId);
    // The catalog is OpenRouter's: it says nothing about the models of other servers.
    const bool catalogued = endpoint && endpoint->kind == EndpointKind::OpenRouter;
    if (step.target.model.trimmed().isEmpty())
        list << tr("No model chosen.");
    else if (catalogued)
        list << RoutingProblems::of(step.target, m_knownModels);
    const ProviderPreferences &provider = step.target.provider;
    if (!provider.only.isEmpty()) {
        bool anyLeft = false;
        for (const QString &name : provider.only)
            anyLeft = anyLeft || !provider.ignore.contains(name);
        if (!anyLeft)
            list << tr("The provider list excludes every provider: nothing could serve this step.");
    }
    if (catalogued && m_providerCheck && !step.target.model.trimmed().isEmpty()) {
        // A routing variant (":nitro") has its base model's providers.
        const QString model = ModelVariant::isRoutingVariant(ModelVariant::of(step.target.model))
            ? ModelVariant::base(step.target.model)
            : step.target.model;
        if (const QString problem = m_providerCheck(model, provider); !problem.isEmpty())
            list << problem;
    }
    return list;
}

QVariant RouteStepsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RouteStep &step = m_plan.steps[index.row()];
    switch (role) {
    case Qt::DisplayRole: {
        QString text = step.target.model; // the view numbers the rows
        if (!step.target.fallbackModels.isEmpty())
            text += tr(
                " (+%n server-side fallback(s))", nullptr, int(step.target.fallbackModels.size()));
        return QString(text + u" · "_s + step.endpointId);
    }
    case Qt::CheckStateRole:
        return step.enabled ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole: {
        QStringList lines = problems(index.row());
        if (const QString where = destination(index.row()); !where.isEmpty())
            lines << where;
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
    }
    case Qt::AccessibleDescriptionRole: {
        QStringList parts = problems(index.row());
        if (const QString where = destination(index.row()); !where.isEmpty())
            parts << where;
        return parts.join(u' ');
    }
    case DestinationRole:
        return destination(index.row());
    case ModelRole:
        return step.target.model;
    case EndpointRole:
        return step.endpointId;
    case ProblemsRole:
        return problems(index.row());
    default:
        return {};
    }
}

bool RouteStepsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::CheckStateRole)
        return false;
    m_plan.steps[index.row()].enabled = value.toInt() == Qt::Checked;
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    changed();
    return true;
}

Qt::ItemFlags RouteStepsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable
        | Qt::ItemIsDragEnabled;
}

Qt::DropActions RouteStepsModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList RouteStepsModel::mimeTypes() const
{
    return { stepRowMime };
}

QMimeData *RouteStepsModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(stepRowMime, QByteArray::number(indexes.first().row()));
    return mime;
}

bool RouteStepsModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (action != Qt::MoveAction || !data || !data->hasFormat(stepRowMime))
        return false;
    bool ok = false;
    const int from = data->data(stepRowMime).toInt(&ok);
    if (!ok)
        return false;
    int to = row >= 0 ? row : (parent.isValid() ? parent.row() : rowCount());
    if (to > from)
        --to; // the row being moved is no longer above the drop point
    // The move is done here; returning false stops the view from removing the source row.
    moveStep(from, std::clamp(to, 0, rowCount() - 1));
    return false;
}

bool RouteStepsModel::moveStep(int from, int to)
{
    if (from < 0 || from >= rowCount() || to < 0 || to >= rowCount() || from == to)
        return false;
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_plan.steps.move(from, to);
    endMoveRows();
    changed();
    return true;
}

void RouteStepsModel::addStep(const RouteStep &step)
{
    beginInsertRows({}, rowCount(), rowCount());
    m_plan.steps.append(step);
    endInsertRows();
    changed();
}

void RouteStepsModel::duplicateStep(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginInsertRows({}, row + 1, row + 1);
    m_plan.steps.insert(row + 1, m_plan.steps[row]);
    endInsertRows();
    changed();
}

void RouteStepsModel::removeStep(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_plan.steps.removeAt(row);
    endRemoveRows();
    changed();
}

void RouteStepsModel::setStep(int row, const RouteStep &step)
{
    if (row < 0 || row >= rowCount() || m_plan.steps[row] == step)
        return;
    m_plan.steps[row] = step;
    Q_EMIT dataChanged(index(row), index(row));
    changed();
}

bool RouteStepsModel::setEndpointAuthority(const QString &endpointId, const QString &caFile)
{
    for (Endpoint &endpoint : m_plan.endpoints) {
        if (endpoint.id != endpointId)
            continue;
        if (endpoint.caFile != caFile) {
            endpoint.caFile = caFile;
            changed(); // the steps themselves look the same
        }
        return true;
    }
    return false;
}

bool RouteStepsModel::setEndpointDirect(const QString &endpointId, bool direct)
{
    for (Endpoint &endpoint : m_plan.endpoints) {
        if (endpoint.id != endpointId)
            continue;
        if (endpoint.direct != direct) {
            endpoint.direct = direct;
            changed();
        }
        return true;
    }
    return false;
}

bool RouteStepsModel::setEndpointParams(
    const QString &endpointId, const EndpointParams &headers, const EndpointParams &query)
{
    for (Endpoint &endpoint : m_plan.endpoints) {
        if (endpoint.id != endpointId)
            continue;
        if (endpoint.headers != headers || endpoint.query != query) {
            endpoint.headers = headers;
            endpoint.query = query;
            changed();
        }
        return true;
    }
    return false;
}

QString RouteStepsModel::addEndpoint(Endpoint endpoint)
{
    const QString base = endpoint.id;
    for (int n = 2; m_plan.endpoint(endpoint.id); ++n)
        endpoint.id = base + u'-' + QString::number(n);
    m_plan.endpoints.append(endpoint);
    changed();
    return endpoint.id;
}

void RouteStepsModel::changed()
{
    Q_EMIT planChanged(m_plan);
}

} // namespace detour
