#include "GenerationStatsFetcher.h"
