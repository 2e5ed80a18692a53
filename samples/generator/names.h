// Static vocabulary of the sample world: people, product range, company-name parts.
// Kept apart from the simulation so the world can be re-themed without touching logic.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_NAMES_H_
#define B2B_PULSE_SAMPLES_GENERATOR_NAMES_H_

#include <cstddef>

namespace samplegen {

struct RepSeed {
  const char* name;
  const char* manager;
  const char* team;
};

struct ProductSeed {
  const char* name;
  double list_price;  // EUR, the manufacturer's recommended price
};

constexpr size_t kRepCount = 8;
constexpr size_t kCategoryCount = 8;
constexpr size_t kProductsPerCategory = 15;
constexpr size_t kProductCount = kCategoryCount * kProductsPerCategory;

extern const RepSeed kReps[kRepCount];
extern const char* const kCategories[kCategoryCount];
// kProducts[c * kProductsPerCategory + i] belongs to kCategories[c]; SKU numbers follow.
extern const ProductSeed kProducts[kProductCount];

// Company-name parts. Null-terminated lists.
extern const char* const kGermanSurnames[];
extern const char* const kDutchSurnames[];
extern const char* const kPlacePrefixes[];
extern const char* const kTrades[];

size_t CountOf(const char* const* null_terminated);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_NAMES_H_
