// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "EndpointKind.h"
#include "ErrorBody.h"

#include <QString>
#include <optional>

namespace detour {

// What the classifier knows about one failure: read from the response (or the
// stream's error chunk) by ErrorClassifier, worded by DiagnosisText.
struct FailureFacts {
    int received = 0; // HTTP status as received; 0 for a mid-stream error
    int status = 0; // the status the failure stands for (error.code for a 200 with an error)
    bool fromCode = false; // `status` was read from error.code
    bool inOkResponse = false; // the error came inside a 2xx response
    bool midStream = false;
    EndpointKind kind = EndpointKind::OpenRouter;
    ErrorBody body;
    std::optional<double> retryAfter;
    QString provider;
    QString model;

    bool isOpenRouter() const { return kind == EndpointKind::OpenRouter; }
};

} // namespace detour
