#include "ExplainCommand.h"
