// Fuzz target: a GENIUS XML scenario, domain and profiles together. The input is the domain's
// text, then each profile's text, separated by form feeds ('\f', which XML does not allow, so
// that no real file contains one); one profile plays both parties. The scenario must read and
// keep its invariants (fuzz_support.h) or be refused with InputError.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fuzz_support.h"
#include "io/genius_xml_internal.h"
#include "parley/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using parley::internal::GeniusText;
  const std::vector<std::string> parts = parley::fuzz::Split(parley::fuzz::Text(data, size), '\f');
  if (parts.size() < 2) return 0;
  const GeniusText domain{"fuzz/domain.xml", parts[0]};
  std::vector<GeniusText> profiles;
  for (std::size_t i = 1; i < parts.size(); ++i) profiles.push_back({fmt::format("fuzz/profile-{}.xml", i), parts[i]});
  if (profiles.size() == 1) profiles.push_back({"fuzz/profile-2.xml", parts[1]});
  std::optional<parley::Scenario> scenario;
  try {
    scenario = parley::internal::ReadGeniusTexts("fuzz", domain, profiles);
  } catch (const parley::InputError&) {
    return 0;
  }
  parley::fuzz::CheckScenario(*scenario);
  return 0;
}
