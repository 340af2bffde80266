#include "SseParser.h"
