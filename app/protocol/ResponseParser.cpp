#include "ResponseParser.h"
