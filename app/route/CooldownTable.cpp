#include "CooldownTable.h"
