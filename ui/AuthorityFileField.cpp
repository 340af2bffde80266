// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AuthorityFileField.h"

#include "protocol/AuthorityFile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace detour {

using namespace Qt::StringLiterals;

AuthorityFileField::AuthorityFileField(QWidget *parent)
    : QWidget(parent)
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
{
    // Read-only: a path typed by hand would skip the look at what it trusts.
    m_path->setReadOnly(true);
    m_path->setObjectName(u"authorityFilePath"_s);
    m_path->setAccessibleName(tr("Certificate authority file"));
    m_path->setPlaceholderText(tr("system authorities only"));
    m_browse->setObjectName(u"authorityFileBrowse"_s);
    m_browse->setAccessibleName(tr("Choose a certificate authority file"));
    m_clear->setObjectName(u"authorityFileClear"_s);
    m_clear->setAccessibleName(tr("Trust the system authorities only"));
    setToolTip(tr("A company or private certificate authority (PEM file) that this endpoint "
                  "trusts in addition to the system's, for networks that inspect secure "
                  "connections."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_path, 1);
    layout->addWidget(m_browse);
    layout->addWidget(m_clear);

    m_confirm = [this](const QString &details) {
        return QMessageBox::question(this, tr("Trust this certificate authority?"),
                   tr("Requests to this endpoint will trust servers whose certificates these "
                      "authorities signed:\n\n%1")
                       .arg(details),
                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
    m_warn = [this](const QString &problem) {
        QMessageBox::warning(this, tr("Certificate authority file"), problem);
    };
    connect(m_browse, &QPushButton::clicked, this, &AuthorityFileField::browse);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_path->text().isEmpty())
            return;
        setPath({});
        Q_EMIT accepted({});
    });
}

QString AuthorityFileField::path() const
{
    return m_path->text();
}

void AuthorityFileField::setPath(const QString &path)
{
    m_path->setText(path);
    m_clear->setEnabled(!path.isEmpty());
}

bool AuthorityFileField::choose(const QString &path)
{
    const Result<QList<QSslCertificate>> authorities = AuthorityFile::load(path);
    if (!authorities) {
        m_warn(authorities.error());
        return false;
    }
    if (!m_confirm(AuthorityFile::describe(*authorities)))
        return false;
    setPath(path);
    Q_EMIT accepted(path);
    return true;
}

void AuthorityFileField::browse()
{
    const QString start = m_path->text().isEmpty() ? QString() : QFileInfo(m_path->text()).path();
    const QString path = QFileDialog::getOpenFileName(this, tr("Certificate authority file"), start,
        tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        choose(path);
}

} // namespace detour
