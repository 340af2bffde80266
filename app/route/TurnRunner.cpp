#include "TurnRunner.h"
