// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "NarrowForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// Forwards a click on a label to the check box it stands for.
class ClickToToggle final : public QObject {
public:
    ClickToToggle(QCheckBox *box, QObject *parent)
        : QObject(parent)
        , m_box(box)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::MouseButtonRelease && m_box->isEnabled()
            && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            m_box->setFocus(Qt::MouseFocusReason);
            m_box->click();
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QCheckBox *m_box;
};

} // namespace

QWidget *wrappingCheckBox(QCheckBox *box, const QString &text, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    box->setParent(row);
    box->setAccessibleName(text);
    auto *label = new QLabel(text, row);
    label->setObjectName(box->objectName() + u"Label"_s);
    label->setWordWrap(true);
    label->setBuddy(box);
    label->installEventFilter(new ClickToToggle(box, label));
    layout->addWidget(box, 0, Qt::AlignTop);
    layout->addWidget(label, 1);
    return row;
}

QFormLayout *narrowForm(QWidget *page)
{
    auto *form = new QFormLayout(page);
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

void addRow(QFormLayout *form, const QString &text, QWidget *field)
{
    auto *label = new QLabel(text, form->parentWidget());
    label->setBuddy(field);
    form->addRow(label, field);
}

void narrowCombo(QComboBox *box)
{
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(12);
}

} // namespace detour
