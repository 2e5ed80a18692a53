#pragma once

#include <unordered_map>

#include "pulse/model/dataset.h"

namespace pulse::kpi {

/// What the customers files say about one customer.
struct CustomerInfo {
  StrId name = kNoStr;
  StrId catalog = kNoStr;
  StrId rep = kNoStr;
  StrId company = kNoStr;  // the account this customer buys for (a company; one person in Olist)
};

/// Every customer of the customers files by id, read once for the order and the deal
/// dashboards alike. A customer listed twice keeps the first non-empty value of each field
/// (as a repeated order or deal id keeps its first row).
class CustomerDirectory {
 public:
  CustomerDirectory() = default;
  explicit CustomerDirectory(const Dataset& dataset);

  /// The account whose figures a customer's orders and deals count for: its company when
  /// the customers files name one (a buyer of a company, an Olist order's person), else itself.
  StrId account(StrId customer) const {
    const CustomerInfo* info = own(customer);
    return info && info->company != kNoStr ? info->company : customer;
  }
  /// What is known about an account: its own entry, else the entry of the customer id that
  /// led to it. Null when the customers files do not list it.
  const CustomerInfo* find(StrId account, StrId customer = kNoStr) const {
    const CustomerInfo* info = own(account);
    return info ? info : own(customer);
  }

 private:
  const CustomerInfo* own(StrId id) const {
    if (id == kNoStr) return nullptr;
    auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : &it->second;
  }
  std::unordered_map<StrId, CustomerInfo> entries_;
};

}  // namespace pulse::kpi
