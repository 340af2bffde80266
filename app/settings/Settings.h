#pragma once

#include "route/Endpoint.h"
#include "route/RoutePlan.h"
#include "route/RoutePolicy.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace detour {

// Detour's settings, typed, over an INI file (QSettings::IniFormat), by
// default `<AppConfigLocation>/detour.ini`; tests pass their own path.
// Values are read once at construction and written through on every change;
// each group has its change signal, emitted only when a value really changes.
//
// Keys are never stored here, by construction: endpoints carry only the name
// of the environment variable that holds their key, whatever could carry a key
// (a URL's user info or query, a key pasted as a variable name) is scrubbed,
// and every text written passes through Redactor's process-wide set.
//
// An unreadable or malformed file gives status() and a one-sentence
// statusMessage(), and default values; before anything is saved the old file
// is kept as `detour.ini.bad-<yyyyMMdd-HHmmss>` next to it.
class Settings final : public QObject {
    Q_OBJECT

public:
    enum class Status {
        Ok,
        Unreadable, // the file exists but cannot be read: defaults in use
        Malformed, // the file is not an INI file Detour can trust: defaults in use
        NotSaved, // changes could not be written: they last until Detour quits
    };
    Q_ENUM(Status)

    // Automatic: the simulator when no key is configured, else the real servers.
    enum class SimulatedMode { Automatic, On, Off };
    Q_ENUM(SimulatedMode)

    // System: the palette of the platform theme (KDE, qt6ct, ...); Light and Dark override it.
    enum class ColorScheme { System, Light, Dark };
    Q_ENUM(ColorScheme)

    explicit Settings(QObject *parent = nullptr);
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;

    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    Status status() const { return m_status; }
    QString statusMessage() const { return m_statusMessage; }
    // Where the unusable file was kept; empty until it was.
    QString backupFilePath() const { return m_backupPath; }

    // Endpoints (OpenRouter with OPENROUTER_API_KEY by default).
    static QList<Endpoint> defaultEndpoints();
    QList<Endpoint> endpoints() const;
    std::optional<Endpoint> endpoint(const QString &id) const;
    // Endpoints without an id, with a repeated id or without an http(s) URL are left out.
    void setEndpoints(const QList<Endpoint> &endpoints);

    // Named routes, stored as route-file JSON (RouteFile).
    QList<RoutePlan> routes() const;
    QStringList routeNames() const;
    std::optional<RoutePlan> route(const QString &name) const;
    // Adds or replaces the route with plan.name; a route must have a name and be valid.
    bool setRoute(const RoutePlan &plan, QString *errorString = nullptr);
    bool removeRoute(const QString &name);
    // Also moves the default route and the conversations that used it.
    bool renameRoute(const QString &from, const QString &to, QString *errorString = nullptr);
    QString defaultRouteName() const;
    void setDefaultRouteName(const QString &name);
    // The route a conversation uses; empty = the default route.
    QString conversationRoute(const QString &conversationId) const;
    void setConversationRoute(const QString &conversationId, const QString &routeName);
    // The conversation's route if it still exists, else the default route if
    // it exists, else empty.
    QString effectiveRouteName(const QString &conversationId) const;

    // The policy new routes start with.
    RoutePolicy policyDefaults() const;
    void setPolicyDefaults(const RoutePolicy &policy);

    // UI preferences. sendWithEnter false: Ctrl+Enter sends, Enter inserts a newline.
    bool sendWithEnter() const;
    void setSendWithEnter(bool sendWithEnter);
    // A locale name such as "de" or "pt_BR"; empty = the system's language.
    QString language() const;
    void setLanguage(const QString &language);
    SimulatedMode simulatedMode() const;
    void setSimulatedMode(SimulatedMode mode);
    bool useSimulator(bool haveKey) const;
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray dockLayout() const;
    void setDockLayout(const QByteArray &layout);
    ColorScheme colorScheme() const;
    void setColorScheme(ColorScheme scheme);

Q_SIGNALS:
    void endpointsChanged();
    void routesChanged();
    void defaultRouteNameChanged(const QString &name);
    void conversationRouteChanged(const QString &conversationId, const QString &routeName);
    void policyDefaultsChanged();
    void sendWithEnterChanged(bool sendWithEnter);
    void languageChanged(const QString &language);
    void simulatedModeChanged(detour::Settings::SimulatedMode mode);
    void colorSchemeChanged(detour::Settings::ColorScheme scheme);
    void statusChanged(detour::Settings::Status status);

private:
    struct Values;

    void open();
    void load(QSettings &store);
    QSettings *writableStore();
    void save(const std::function<void(QSettings &)> &write);
    void saveRoutes();
    void saveConversationRoutes();
    void setStatus(Status status, const QString &message);
    qsizetype routeIndex(const QString &name) const;

    QString m_filePath;
    std::unique_ptr<QSettings> m_store; // null while the file on disk must not be touched
    std::unique_ptr<Values> m_values;
    Status m_status = Status::Ok;
    QString m_statusMessage;
    QString m_backupPath;
    bool m_mustKeepOldFile = false;
};

} // namespace detour
