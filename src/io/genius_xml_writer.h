// Writing GENIUS XML scenario folders (the "genius-xml" format's Write): one domain file and one
// profile per party (linear additive, or ANAC 2014's hyper-rectangles), chosen so that the reader
// of the same format gives back the same utilities. docs/formats/genius-xml.md says what can be written and what is refused.
#ifndef PARLEY_IO_GENIUS_XML_WRITER_H_
#define PARLEY_IO_GENIUS_XML_WRITER_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "parley/scenario.h"

namespace parley::internal {

// The files of the folder: (file name, XML text), the domain first. Throws UsageError naming the
// party and issue when GENIUS XML cannot hold the scenario.
std::vector<std::pair<std::string, std::string>> GeniusXmlFiles(const Scenario& scenario);

// Writes GeniusXmlFiles(scenario) as the new or empty folder `folder`, completely or not at all.
void WriteGeniusXml(const Scenario& scenario, const std::filesystem::path& folder);

}  // namespace parley::internal

#endif  // PARLEY_IO_GENIUS_XML_WRITER_H_
