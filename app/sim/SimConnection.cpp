#include "SimConnection.h"
