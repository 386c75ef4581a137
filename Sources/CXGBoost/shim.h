// XGBoost's C API (Debian: libxgboost-dev 1.7). Only RiskModel imports this module.
#include <stdint.h>
#include <stddef.h>
#include <xgboost/c_api.h>
