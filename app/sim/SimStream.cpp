#include "SimStream.h"
