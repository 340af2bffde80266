#include "GenerationStats.h"
