// java.text.DecimalFormat's rounding as GENIUS agents use it to cut a number to a few decimals
// and read it back. A port that rounds the same number differently can choose a different bid.
#ifndef PARLEY_COMMON_JAVA_DECIMAL_FORMAT_H_
#define PARLEY_COMMON_JAVA_DECIMAL_FORMAT_H_

namespace parley {

// DecimalFormat("#.###") with RoundingMode.CEILING, then Double.parseDouble: `value` rounded up to
// three decimals from its shortest decimal form (as Java does), read back as a double.
double JavaCeilingToThousandths(double value);

}  // namespace parley

#endif  // PARLEY_COMMON_JAVA_DECIMAL_FORMAT_H_
