#include "AskCommand.h"
