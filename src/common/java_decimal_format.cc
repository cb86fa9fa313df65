// DecimalFormat's ceiling rounding to thousandths, worked on the shortest decimal form of a double
// as Java formats it.
#include "common/java_decimal_format.h"

#include <charconv>
#include <cstdlib>
#include <string>

namespace parley {

double JavaCeilingToThousandths(double value) {
  // Java formats from the shortest decimal digits that read back as the value, then rounds those.
  char digits[400];
  const auto written = std::to_chars(digits, digits + sizeof(digits), value, std::chars_format::fixed);
  std::string text(digits, written.ptr);
  const std::size_t point = text.find('.');
  // A value whose first digit lies past the fourth decimal is shown as 0, not rounded up.
  if (point != std::string::npos && text.compare(point + 1, 4, "0000") == 0) return value < 0.0 ? -0.0 : 0.0;
  if (point != std::string::npos && text.size() - point - 1 > 3) {
    const bool rest_nonzero = text.find_first_not_of('0', point + 4) != std::string::npos;
    text.resize(point + 4);
    if (rest_nonzero && value > 0.0) {
      // Add one thousandth to the decimal string, carrying leftwards.
      std::size_t i = text.size();
      while (i-- > 0) {
        if (text[i] == '.') continue;
        if (text[i] == '-') break;
        if (text[i] != '9') {
          ++text[i];
          break;
        }
        text[i] = '0';
        if (i == 0 || text[i - 1] == '-') {
          text.insert(i, "1");
          break;
        }
      }
    }
  }
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace parley
