#include "ServerAttempt.h"
