#include "RetryAfter.h"
