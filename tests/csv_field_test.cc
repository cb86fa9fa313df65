// CSV quoting of every CSV file Parley writes (traces, tournament results and summaries).
#include <gtest/gtest.h>

#include <string>

#include "common/csv.h"

namespace parley {
namespace {

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  struct Case {
    std::string text, expected;
  };
  // Expected by RFC 4180: quoted when the field holds a comma, a quote, LF or CR, quotes
  // doubled; invalid UTF-8 bytes become U+FFFD (EF BF BD) first.
  const Case cases[] = {
      {"", ""},
      {"plain", "plain"},
      {"semi;colon and space", "semi;colon and space"},
      {"a,b", "\"a,b\""},
      {"say \"no\"", "\"say \"\"no\"\"\""},
      {"\"", "\"\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"carriage\rreturn", "\"carriage\rreturn\""},
      {"crlf\r\n", "\"crlf\r\n\""},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"caf\xE9", "caf\xEF\xBF\xBD"},
      {"bad\xFF,comma", "\"bad\xEF\xBF\xBD,comma\""},
      {"\xC0\xAF\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"\"\""},  // an overlong '/' is two malformed bytes
  };
  for (const Case& c : cases) EXPECT_EQ(internal::CsvField(c.text), c.expected) << c.text;
}

}  // namespace
}  // namespace parley
