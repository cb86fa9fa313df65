// Fuzz target: a GENIUS XML domain file. Arbitrary bytes must read as an outcome space that keeps
// its invariants (fuzz_support.h) or be refused with InputError.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "io/genius_xml_internal.h"
#include "parley/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::shared_ptr<const parley::OutcomeSpace> space;
  try {
    space = parley::internal::ReadGeniusDomainText("fuzz/domain.xml", parley::fuzz::Text(data, size));
  } catch (const parley::InputError&) {
    return 0;
  }
  parley::fuzz::CheckSpace(*space);
  return 0;
}
