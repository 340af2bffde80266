#include "Backoff.h"
