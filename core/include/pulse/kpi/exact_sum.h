#pragma once

#include <cmath>
#include <cstdint>

namespace pulse::kpi {

__extension__ typedef __int128 ExactSumInt;  // GCC and Clang, native and wasm32
__extension__ typedef unsigned __int128 ExactSumBits;

/// A sum of doubles that does not depend on the order of its terms: each term is turned into
/// a fixed-point integer (units of 2^-50, about 1e-15) and integers add exactly. The same lines
/// read from raw files, from summary tables written by the engine or by SQL (which sorts them
/// its own way) give the same bits, so rankings that compare sums exactly (customers, products
/// by revenue) do not swap equal figures (docs/summaries.md). Terms beyond 2^52 in magnitude,
/// infinities and NaN, which no money or unit count reaches, are added as plain doubles beside.
class ExactSum {
 public:
  ExactSum() = default;

  ExactSum& operator+=(double x) {
    if (std::fabs(x) < kFastLimit) {
      // Truncation toward zero, as the wide path below: one rule for every term.
      fixed_ += static_cast<ExactSumBits>(
          static_cast<ExactSumInt>(static_cast<std::int64_t>(x * kScale)));
    } else if (std::fabs(x) < kExactLimit) {
      fixed_ += static_cast<ExactSumBits>(static_cast<ExactSumInt>(x * kScale));
    } else {
      outside_ += x;
    }
    return *this;
  }
  ExactSum& operator+=(const ExactSum& other) {
    fixed_ += other.fixed_;
    outside_ += other.outside_;
    return *this;
  }
  ExactSum& operator-=(double x) { return *this += -x; }

  double value() const {
    return static_cast<double>(static_cast<ExactSumInt>(fixed_)) / kScale + outside_;
  }
  operator double() const { return value(); }  // NOLINT: a sum reads as the number it holds

 private:
  static constexpr double kScale = 0x1p50;
  static constexpr double kFastLimit = 0x1p12;   // x * 2^50 fits an int64 (a cheap conversion)
  static constexpr double kExactLimit = 0x1p52;  // room for 2^25 such terms in 127 bits
  // Unsigned so that adding never overflows into undefined behaviour; read back as signed.
  ExactSumBits fixed_ = 0;
  double outside_ = 0;
};

}  // namespace pulse::kpi
