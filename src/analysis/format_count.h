// Counts written for people in the `method` sentences of a frontier ("1,234,567 points"), without
// depending on the process locale.
#ifndef PARLEY_ANALYSIS_FORMAT_COUNT_H_
#define PARLEY_ANALYSIS_FORMAT_COUNT_H_

#include <cstdint>
#include <string>

namespace parley::internal {

inline std::string FormatCount(std::uint64_t count) {
  std::string digits = std::to_string(count);
  std::string text;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) text += ',';
    text += digits[k];
  }
  return text;
}

}  // namespace parley::internal

#endif  // PARLEY_ANALYSIS_FORMAT_COUNT_H_
