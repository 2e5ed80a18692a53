// Calendar days as plain integers, so date arithmetic is exact and locale-free.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_DATE_H_
#define B2B_PULSE_SAMPLES_GENERATOR_DATE_H_

#include <cstdint>
#include <string>

namespace samplegen {

// Days since 1970-01-01 (proleptic Gregorian).
using Day = int32_t;

struct Civil {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

Day DayFromCivil(int year, int month, int day);
Civil CivilFromDay(Day day);

// 0 = Monday .. 6 = Sunday (ISO).
int Weekday(Day day);
inline bool IsWeekend(Day day) {
  return Weekday(day) >= 5;
}
// Monday that starts the ISO week of `day`; serves as the week's key.
inline Day IsoWeekMonday(Day day) {
  return day - Weekday(day);
}
inline int MonthOf(Day day) {
  return CivilFromDay(day).month;
}

// YYYY-MM-DD
std::string FormatDay(Day day);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_DATE_H_
