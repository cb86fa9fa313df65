// The "genius-xml" scenario format: folders of GENIUS XML files as used by ANAC 2010-2016, one
// domain file and one profile file per party, read with GENIUS's own semantics (see
// docs/formats/genius-xml.md for the formulas and for where Parley deliberately departs from it).
// Reading is genius_xml_file.cc and genius_xml_read.cc, writing genius_xml_write.cc.
#include <filesystem>
#include <memory>

#include "io/genius_xml_internal.h"
#include "io/scenario_files.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

class GeniusXmlFormat final : public ScenarioFormat {
 public:
  explicit GeniusXmlFormat(WeightRule rule) : rule_(rule) {}

  bool CanWrite() const override { return true; }
  // Linear additive and hyper-rectangle profiles; src/io/genius_xml_write.cc.
  void Write(const Scenario& scenario, const fs::path& path) const override {
    if (rule_ == WeightRule::kNormalise) {
      // This variant would read the weights back normalised: it holds only weights that add up to 1.
      for (const Profile& profile : scenario.profiles()) {
        if (const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function())) {
          internal::RefuseWeightsNotAddingUpToOne(profile, *linear, "genius-xml(normalise_weights=true)",
                                                  "this reading would normalise them",
                                                  "write with genius-xml, which reads them as written");
        }
      }
    }
    internal::WriteGeniusXml(scenario, path);
  }

  bool Recognizes(const fs::path& path) const override {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return internal::HasExtension(path, {".xml"});
    if (!fs::is_directory(path, ec)) return false;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file(ec) && internal::HasExtension(entry.path(), {".xml"})) return true;
    }
    return false;
  }

  // A folder, or an .xml file taken to stand for the folder it is in.
  Scenario Read(const fs::path& path) const override {
    return internal::ReadGeniusFolder(internal::FolderOf(path, {".xml"}), rule_);
  }

 private:
  WeightRule rule_;
};

const bool kRegistered = ScenarioFormatRegistry::Add(
    {"genius-xml",
     "A GENIUS (ANAC 2010-2016) scenario folder: one domain .xml file and one profile .xml file per party; issue "
     "weights are used as written, as GENIUS does (docs/formats/genius-xml.md).",
     {{"normalise_weights", "false",
       "when reading, divide each linear additive profile's issue weights by their sum instead of using them as "
       "written (GENIUS's utilities differ where they do not add up to 1)"}},
     [](const Spec& spec) {
       return std::make_unique<GeniusXmlFormat>(spec.GetBool("normalise_weights") ? WeightRule::kNormalise
                                                                                  : WeightRule::kAsGiven);
     }});

}  // namespace
}  // namespace parley
