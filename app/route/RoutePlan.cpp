#include "RoutePlan.h"
