// Checking and repairing UTF-8 text.
//
// Every name Parley reads from a file (issues, values, parties, scenarios) must be valid UTF-8,
// because every output (JSON traces and results, CSV, the terminal) is UTF-8 and JSON cannot
// hold anything else: constructors of outcome spaces, issues, profiles and scenarios refuse
// other names. Names made from file paths, which the file system does not oblige to be UTF-8,
// are repaired with ValidUtf8 instead.
#ifndef PARLEY_UTF8_H_
#define PARLEY_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// The byte offset of the first byte that does not belong to a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are malformed), or nullopt.
std::optional<std::size_t> FirstInvalidUtf8(std::string_view text);
inline bool IsValidUtf8(std::string_view text) { return !FirstInvalidUtf8(text); }

// `text` with every malformed byte replaced by U+FFFD (the replacement character).
std::string ValidUtf8(std::string_view text);

// `text` made printable in a message: malformed bytes as \xNN, the rest unchanged.
std::string EscapeInvalidUtf8(std::string_view text);

// Throws UsageError when `name` is not valid UTF-8: "<what> "caf\xE9" is not valid UTF-8 (byte
// 4); ...".
void RequireUtf8Name(std::string_view name, std::string_view what);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_UTF8_H_
