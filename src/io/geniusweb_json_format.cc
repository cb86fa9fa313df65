// The "geniusweb-json" scenario format: a folder of GeniusWeb JSON files (GeniusWeb, ANL 2022+),
// one domain file and one LinearAdditiveUtilitySpace profile per party. docs/formats/geniusweb-json.md
// describes what is read and written and where Parley departs from GeniusWeb. Read by
// geniusweb_json_read.cc, written by geniusweb_json_write.cc.
#include <filesystem>
#include <memory>

#include "io/geniusweb_json_internal.h"
#include "io/scenario_files.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

class GeniusWebJsonFormat final : public ScenarioFormat {
 public:
  explicit GeniusWebJsonFormat(bool strict) : strict_(strict) {}

  bool Recognizes(const fs::path& path) const override {
    return internal::SomeFileMentions(path, {".json"}, {"\"issuesValues\"", "\"LinearAdditiveUtilitySpace\""});
  }

  Scenario Read(const fs::path& path) const override {
    return internal::ReadGeniusWebFolder(internal::FolderOf(path, {".json"}));
  }

  bool CanWrite() const override { return true; }

  void Write(const Scenario& scenario, const fs::path& path) const override {
    internal::WriteGeniusWebFolder(scenario, path, strict_);
  }

 private:
  bool strict_;
};

const bool kRegistered = ScenarioFormatRegistry::Add(
    {"geniusweb-json",
     "A GeniusWeb (ANL) scenario folder: a domain .json file and one LinearAdditiveUtilitySpace profile .json file per "
     "party; geniusweb-json(strict=true) writes only GeniusWeb's own keys (docs/formats/geniusweb-json.md).",
     {{"strict", "false",
       "when writing, refuse what GeniusWeb cannot say (a reservation value no bid has, a discount factor) instead of "
       "writing NegMAS's extra keys"}},
     [](const Spec& spec) { return std::make_unique<GeniusWebJsonFormat>(spec.GetBool("strict", false)); }});

}  // namespace
}  // namespace parley
