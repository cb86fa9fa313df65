// How a scenario's description records what GENIUS uncertain profiles (<utility_space
// type="uncertain">) declare beyond their utility function, one line per fact:
//   uncertain profile '<name>': knowledge <spec>          (read back by KnowledgeFromSpec("auto"))
//   uncertain profile '<name>': elicitation cost <number> (read back by the protocols' oracles)
// The GENIUS reader writes them (src/io/genius_xml_read.cc); a person reading the description
// understands them. docs/negotiation.md#elicitation explains the cost.
#ifndef PARLEY_COMMON_UNCERTAIN_PROFILE_NOTES_H_
#define PARLEY_COMMON_UNCERTAIN_PROFILE_NOTES_H_

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace parley::internal {

inline constexpr std::string_view kUncertainKnowledge = "knowledge";
inline constexpr std::string_view kUncertainElicitationCost = "elicitation cost";

// The line recording `field` of profile `name`, with the newline that starts it.
inline std::string UncertainProfileLine(const std::string& name, std::string_view field, const std::string& value) {
  return fmt::format("\nuncertain profile '{}': {} {}", name, field, value);
}

// The value of `field` recorded for profile `name` in `description`, if any.
inline std::optional<std::string> UncertainProfileField(const std::string& description, const std::string& name,
                                                        std::string_view field) {
  const std::string prefix = fmt::format("uncertain profile '{}': {} ", name, field);
  for (std::size_t at = description.find(prefix); at != std::string::npos; at = description.find(prefix, at + 1)) {
    if (at != 0 && description[at - 1] != '\n') continue;
    const std::size_t start = at + prefix.size();
    const std::size_t end = description.find('\n', start);
    return description.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  return std::nullopt;
}

// The elicitation cost recorded for profile `name`: a finite number >= 0, or nothing (also when a
// description edited by hand says something else there).
inline std::optional<double> UncertainProfileElicitationCost(const std::string& description, const std::string& name) {
  const auto text = UncertainProfileField(description, name, kUncertainElicitationCost);
  if (!text || text->empty()) return std::nullopt;
  char* end = nullptr;
  const double cost = std::strtod(text->c_str(), &end);
  if (end != text->c_str() + text->size() || !std::isfinite(cost) || cost < 0.0) return std::nullopt;
  return cost;
}

}  // namespace parley::internal

#endif  // PARLEY_COMMON_UNCERTAIN_PROFILE_NOTES_H_
