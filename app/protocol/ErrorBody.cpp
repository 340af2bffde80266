#include "ErrorBody.h"
