// What the GENIUS XML reader decided about the files of a scenario folder: which one is the
// domain, which are profiles and which it ignored and why. Exposed for tests and for tools that
// survey a corpus; scenarios themselves are read through the "genius-xml" ScenarioFormat. Also
// the reader's entry points for XML already in memory, which the fuzz targets use.
#ifndef PARLEY_IO_GENIUS_XML_INTERNAL_H_
#define PARLEY_IO_GENIUS_XML_INTERNAL_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "parley/outcome_space.h"
#include "parley/scenario.h"

namespace parley::internal {

struct GeniusFolderReport {
  struct IgnoredFile {
    std::filesystem::path file;
    std::string reason;
  };
  std::filesystem::path folder;
  std::filesystem::path domain;
  // Sorted by file name; the order of the parties.
  std::vector<std::filesystem::path> profiles;
  std::vector<IgnoredFile> ignored;

  // One paragraph naming the domain, the profiles and each ignored file with its reason.
  std::string Describe() const;
};

// Classifies the .xml files of `folder` by their content (files in sub-folders and files of other
// extensions are not looked at). Throws InputError if a file is not well-formed XML (pareto.xml
// excepted), if there is no domain file or more than one, or if fewer than two profiles remain.
GeniusFolderReport ClassifyGeniusFolder(const std::filesystem::path& folder);

// GENIUS XML held in memory (for fuzzing and tests): `name` stands for the file's path in
// messages and gives the domain and profile names, as a file's stem would.
struct GeniusText {
  std::filesystem::path name;
  std::string text;
};

// The outcome space of a domain file's text. Throws InputError as reading the file would.
std::shared_ptr<const OutcomeSpace> ReadGeniusDomainText(const std::filesystem::path& name, std::string text);

// The scenario `name` of a domain and its profiles (one per party, in this order), with the
// checks of the "genius-xml" format. Throws InputError.
Scenario ReadGeniusTexts(const std::string& name, const GeniusText& domain, const std::vector<GeniusText>& profiles);

}  // namespace parley::internal

#endif  // PARLEY_IO_GENIUS_XML_INTERNAL_H_
