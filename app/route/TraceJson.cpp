#include "TraceJson.h"
