#include "SimRouter.h"
