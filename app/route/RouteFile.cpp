#include "RouteFile.h"
