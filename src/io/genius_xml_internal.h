// The GENIUS XML format's reader and writer, as genius_xml_format.cc registers them: a scenario
// folder read (genius_xml_read.cc) or written (genius_xml_write.cc). Also what the reader decided
// about the files of a folder (which one is the domain, which are profiles and which it ignored
// and why), exposed for tests and for tools that survey a corpus, and the reader's entry points
// for XML already in memory, which the fuzz targets use.
#ifndef PARLEY_IO_GENIUS_XML_INTERNAL_H_
#define PARLEY_IO_GENIUS_XML_INTERNAL_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/uncertain_profile_notes.h"
#include "parley/outcome_space.h"
#include "parley/scenario.h"
#include "parley/utility.h"

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
// checks of the "genius-xml" format. Linear additive profiles keep their issue weights as written
// (GENIUS's reading) unless `rule` says to normalise them. Throws InputError.
Scenario ReadGeniusTexts(const std::string& name, const GeniusText& domain, const std::vector<GeniusText>& profiles,
                         WeightRule rule = WeightRule::kAsGiven);

// The scenario of a GENIUS scenario folder, named after the folder, with a description saying
// which file is the domain, which are the profiles (in party order) and which were ignored.
// Issue weights as for ReadGeniusTexts. Throws InputError naming the file and line.
Scenario ReadGeniusFolder(const std::filesystem::path& folder, WeightRule rule = WeightRule::kAsGiven);

// The files of the folder: (file name, XML text), the domain first. Throws UsageError naming the
// party and issue when GENIUS XML cannot hold the scenario.
std::vector<std::pair<std::string, std::string>> GeniusXmlFiles(const Scenario& scenario);

// Writes GeniusXmlFiles(scenario) as the new or empty folder `folder`, completely or not at all.
void WriteGeniusXml(const Scenario& scenario, const std::filesystem::path& folder);

}  // namespace parley::internal

#endif  // PARLEY_IO_GENIUS_XML_INTERNAL_H_
