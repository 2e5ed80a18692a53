// Own pseudo-random numbers so the samples are byte-identical on every standard library:
// std::*_distribution algorithms are implementation-defined and differ between libstdc++,
// libc++ and MSVC, so only the raw generator algorithms below are used.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_RNG_H_
#define B2B_PULSE_SAMPLES_GENERATOR_RNG_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace samplegen {

// SplitMix64 step: seeds xoshiro and mixes stream names into seeds.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// FNV-1a over the bytes of a stream name.
inline uint64_t HashName(std::string_view name) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

// xoshiro256** with helpers for the few distributions the generator needs.
class Rng {
 public:
  explicit Rng(uint64_t seed) : seed_(seed) {
    uint64_t sm = seed;
    for (uint64_t& word : s_) word = SplitMix64(sm);
  }

  // An independent stream for one purpose (e.g. "orders/C017"). It depends only on the seed
  // and the name, so adding draws elsewhere (say, a future quote simulator) does not shift it.
  Rng Derive(std::string_view name) const {
    uint64_t mix = seed_ ^ HashName(name);
    return Rng(SplitMix64(mix));
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

  // Uniform integer in [lo, hi], unbiased (rejection of the incomplete last bucket).
  int64_t UniformInt(int64_t lo, int64_t hi) {
    const uint64_t range = static_cast<uint64_t>(hi - lo) + 1;
    if (range == 0) return static_cast<int64_t>(Next());  // full 64-bit range
    const uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    uint64_t x = Next();
    while (x >= limit) x = Next();
    return lo + static_cast<int64_t>(x % range);
  }

  bool Bernoulli(double p) { return Uniform() < p; }

  // Box-Muller; the second variate is dropped so every call consumes exactly two draws.
  double Normal(double mean, double sd) {
    const double u1 = 1.0 - Uniform();  // (0, 1]: log stays finite
    const double u2 = Uniform();
    const double kTwoPi = 6.283185307179586476925286766559;
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
  }

  // Index drawn with probability proportional to weights (all >= 0, sum > 0).
  size_t Weighted(const std::vector<double>& weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;  // rounding left x just past the end
  }

  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) {
      const size_t j = static_cast<size_t>(UniformInt(0, static_cast<int64_t>(i) - 1));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t seed_;
  uint64_t s_[4];
};

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_RNG_H_
