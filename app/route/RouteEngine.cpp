#include "RouteEngine.h"
