#include "ModelTarget.h"
