// Counts written for people ("1,234,567 points", "10,000 outcomes") in messages and in the
// `method` sentences of the analysis, without depending on the process locale.
#ifndef PARLEY_COMMON_FORMAT_COUNT_H_
#define PARLEY_COMMON_FORMAT_COUNT_H_

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

#endif  // PARLEY_COMMON_FORMAT_COUNT_H_
