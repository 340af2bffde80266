#include "SimScenario.h"
