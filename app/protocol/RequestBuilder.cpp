#include "RequestBuilder.h"
