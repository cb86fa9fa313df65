// The "negmas-yaml" and "negmas-json" scenario formats: NegMAS's own scenario folders (an outcome
// space file and one utility function file per party, as NegMAS's Scenario.dumpas writes them),
// read and written through negmas_read.cc and negmas_write.cc (docs/formats/negmas.md).
#include <memory>

#include "io/negmas_internal.h"
#include "io/scenario_files.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

using internal::NegmasSyntax;

class NegmasFormat final : public ScenarioFormat {
 public:
  explicit NegmasFormat(NegmasSyntax syntax) : syntax_(syntax) {}

  // A folder (or one of its files) holding a file that declares an outcome space.
  bool Recognizes(const std::filesystem::path& path) const override {
    return syntax_ == NegmasSyntax::kYaml ? internal::SomeFileMentions(path, {".yml", ".yaml"}, {"OutcomeSpace"})
                                          : internal::SomeFileMentions(path, {".json"}, {"OutcomeSpace\""});
  }

  Scenario Read(const std::filesystem::path& path) const override {
    const auto folder = syntax_ == NegmasSyntax::kYaml ? internal::FolderOf(path, {".yml", ".yaml"})
                                                       : internal::FolderOf(path, {".json"});
    return internal::ReadNegmasFolder(folder, syntax_);
  }

  bool CanWrite() const override { return true; }

  void Write(const Scenario& scenario, const std::filesystem::path& path) const override {
    internal::WriteFolderAtomically(path, internal::NegmasFiles(scenario, syntax_));
  }

 private:
  NegmasSyntax syntax_;
};

const bool kRegisteredYaml = ScenarioFormatRegistry::Add(
    {"negmas-yaml",
     "A NegMAS scenario folder of YAML files: the outcome space and one linear utility function per party "
     "(docs/formats/negmas.md).",
     {},
     [](const Spec&) { return std::make_unique<NegmasFormat>(NegmasSyntax::kYaml); }});

const bool kRegisteredJson = ScenarioFormatRegistry::Add(
    {"negmas-json",
     "A NegMAS scenario folder of JSON files: the outcome space and one linear utility function per party "
     "(docs/formats/negmas.md).",
     {},
     [](const Spec&) { return std::make_unique<NegmasFormat>(NegmasSyntax::kJson); }});

}  // namespace
}  // namespace parley
