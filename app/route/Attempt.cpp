#include "Attempt.h"
