#pragma once

#include <unordered_map>

#include "pulse/model/dataset.h"

namespace pulse::kpi {

/// What the customers files say about one customer.
struct CustomerInfo {
  StrId name = kNoStr;
  StrId catalog = kNoStr;
  StrId rep = kNoStr;
};

/// Every customer of the customers files by id, read once for the order and the deal
/// dashboards alike. A customer listed twice keeps the first non-empty value of each field
/// (as a repeated order or deal id keeps its first row).
std::unordered_map<StrId, CustomerInfo> read_customer_directory(const Dataset& dataset);

}  // namespace pulse::kpi
