#include "pulse/model/day_column.h"

#include <algorithm>

namespace pulse {

void DayColumn::append(const DayColumn& other) {
  reserve(size() + other.size());
  for (std::size_t i = 0; i < other.size(); ++i) push_back(other[i]);
}

void DayColumn::assign(const std::vector<Day>& days) {
  clear();
  reserve(days.size());
  for (const Day d : days) push_back(d);
}

void DayColumn::widen(std::size_t at_least) {
  std::vector<Day> days;
  days.reserve(std::max(at_least, offsets_.capacity()));
  for (const std::int16_t o : offsets_) days.push_back(from_offset(o));
  days_ = std::move(days);
  std::vector<std::int16_t>().swap(offsets_);
  wide_ = true;
}

}  // namespace pulse
