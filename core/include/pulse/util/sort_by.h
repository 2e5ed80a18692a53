#pragma once
// sort_by / stable_sort_by: std::sort / std::stable_sort of a vector with a comparator, compiled
// once for the whole engine instead of once per comparator.
//
// Why: every std::sort call with its own lambda instantiates the whole introsort (__sort,
// __sort3/4/5, __insertion_sort_incomplete: 1.5 to 3 KB of WebAssembly each), and the report
// code sorts its lists by some forty comparators; that was ~91 KB of the page's wasm
// (docs/performance.md "What the page weighs"). Here the comparator is type-erased and the sort
// runs over the elements' positions (std::uint32_t), so the introsort exists once; what each
// call site adds is the gathering of the moved elements.
//
// Same result: std::sort's moves depend only on the comparisons' outcomes, and comparing two
// positions compares the same two elements, so positions end in the order the elements would.
// (libc++'s insertion-sort cut-off depends on the element type, so ties between elements the
// comparator calls equal may come out in another order than a direct std::sort in the wasm;
// the report's comparators break their ties, as the native and wasm builds already must agree.)
// Costs an indirect call per comparison, a vector of positions and a move of every element:
// for the report's lists (thousands of rows), not for the ingest's inner loops.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <numeric>
#include <type_traits>
#include <utility>
#include <vector>

namespace pulse {

/** A comparator of two positions, type-erased (a reference to the caller's callable: no copy). */
class PositionLess {
 public:
  template <class Less>
  explicit PositionLess(const Less& less)
      : callable_(&less), call_([](const void* callable, std::uint32_t a, std::uint32_t b) {
          return (*static_cast<const Less*>(callable))(a, b);
        }) {}
  bool operator()(std::uint32_t a, std::uint32_t b) const { return call_(callable_, a, b); }

 private:
  const void* callable_;
  bool (*call_)(const void*, std::uint32_t, std::uint32_t);
};

/** std::sort / std::stable_sort of positions: the engine's only instantiations of the two. */
inline void sort_positions(std::vector<std::uint32_t>& positions, PositionLess less) {
  std::sort(positions.begin(), positions.end(), less);
}
inline void stable_sort_positions(std::vector<std::uint32_t>& positions, PositionLess less) {
  std::stable_sort(positions.begin(), positions.end(), less);
}

namespace sort_detail {

template <class T, class Less, class SortPositions>
void sort_with(std::vector<T>& items, const Less& less, SortPositions sort_positions_of) {
  if (items.size() < 2) return;
  std::vector<std::uint32_t> positions(items.size());
  std::iota(positions.begin(), positions.end(), std::uint32_t{0});
  const auto by_position = [&](std::uint32_t a, std::uint32_t b) {
    return less(items[a], items[b]);
  };
  sort_positions_of(positions, PositionLess(by_position));
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (const std::uint32_t p : positions) sorted.push_back(std::move(items[p]));
  items.swap(sorted);
}

}  // namespace sort_detail

/** std::sort(items.begin(), items.end(), less), with the same resulting order. */
template <class T, class Less>
void sort_by(std::vector<T>& items, const Less& less) {
  sort_detail::sort_with(items, less, sort_positions);
}

/** std::sort(items.begin(), items.end()): by operator<. For pairs and other values whose equal
 *  elements are alike, so that the order of ties cannot show. Numbers (days, amounts: the
 *  profiles' order days per customer, the RFM quintiles) are sorted directly: through positions
 *  each comparison was an indirect call, and the numeric sorts were about 6 % of This week's
 *  re-filter in wasm; a direct sort of int and of double is two introsorts more in the wasm.
 *  Equal numbers are alike, but for 0 and -0, which a report's figures never tell apart. */
template <class T>
void sort_by(std::vector<T>& items) {
  if constexpr (std::is_arithmetic_v<T>)
    std::sort(items.begin(), items.end());
  else
    sort_by(items, std::less<>{});
}

/** std::stable_sort(items.begin(), items.end(), less), with the same resulting order. */
template <class T, class Less>
void stable_sort_by(std::vector<T>& items, const Less& less) {
  sort_detail::sort_with(items, less, stable_sort_positions);
}

}  // namespace pulse
