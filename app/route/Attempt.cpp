#include "Attempt.h"

namespace detour {

using namespace Qt::StringLiterals;

QString turnStatusName(TurnResult::Status status)
{
    switch (status) {
    case TurnResult::Status::Served:
        return u"served"_s;
    case TurnResult::Status::Interrupted:
        return u"interrupted"_s;
    case TurnResult::Status::Failed:
        return u"failed"_s;
    case TurnResult::Status::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

} // namespace detour
