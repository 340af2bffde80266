#include "RawHttpResponse.h"
