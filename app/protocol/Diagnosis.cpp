#include "Diagnosis.h"
