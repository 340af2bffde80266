#include "SimResponses.h"
