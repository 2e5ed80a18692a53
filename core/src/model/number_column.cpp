#include "pulse/model/number_column.h"

namespace pulse {

void NumberColumn::append(const NumberColumn& other) {
  if (!wide_ && !other.wide_) {
    const unsigned scale = std::max(scale_, other.scale_);
    if (rescale(scale) && other.fits_scale(scale)) {
      const std::int32_t factor = kPow10Int[scale - other.scale_];
      ints_.reserve(ints_.size() + other.ints_.size());
      for (const std::int32_t i : other.ints_) ints_.push_back(i == kMissing ? i : i * factor);
      return;
    }
  }
  if (!wide_) widen(ints_.size() + other.size());
  reals_.reserve(reals_.size() + other.size());
  if (other.wide_) {
    reals_.insert(reals_.end(), other.reals_.begin(), other.reals_.end());
  } else {
    for (std::int32_t i : other.ints_) reals_.push_back(from_int(i, other.scale_));
  }
}

bool NumberColumn::fits_scale(unsigned scale) const {
  if (scale == scale_) return true;
  const std::int32_t limit = std::numeric_limits<std::int32_t>::max() / kPow10Int[scale - scale_];
  for (const std::int32_t i : ints_)
    if (i != kMissing && (i > limit || i < -limit)) return false;
  return true;
}

bool NumberColumn::rescale(unsigned scale) {
  if (scale == scale_) return true;
  if (!fits_scale(scale)) return false;
  const std::int32_t factor = kPow10Int[scale - scale_];
  for (std::int32_t& i : ints_)
    if (i != kMissing) i *= factor;
  scale_ = scale;
  return true;
}

bool NumberColumn::rescale_for(double v, std::int32_t& out) {
  for (unsigned scale = scale_ + 1; scale <= kMaxScale; ++scale)
    if (to_int(v, scale, out)) return rescale(scale);
  return false;
}

void NumberColumn::widen(std::size_t at_least) {
  std::vector<double> reals;
  reals.reserve(std::max(at_least, ints_.capacity()));
  for (std::int32_t i : ints_) reals.push_back(from_int(i, scale_));
  reals_ = std::move(reals);
  std::vector<std::int32_t>().swap(ints_);
  wide_ = true;
  scale_ = 0;
}

}  // namespace pulse
