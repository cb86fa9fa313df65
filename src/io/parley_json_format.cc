// The "parley-json" scenario format, Parley's own: one JSON file that holds the issues and every
// party's profile, meant to be written and read by people as much as by programs
// (docs/formats/parley-json.md). Recognised by its "format" key; read by parley_json_read.cc,
// written by parley_json_write.cc.
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "io/json_node.h"
#include "io/parley_json_internal.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

using internal::Json;
using internal::kParleyJsonFormatTag;

// Stops a streaming parse as soon as the top-level "format" key has been read, so that
// recognising a file costs a few bytes when "format" comes first (as Parley writes it).
class FormatTagFinder final : public nlohmann::json_sax<Json> {
 public:
  bool found() const { return found_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t& value) override {
    if (depth_ == 1 && reading_tag_) {
      found_ = value == kParleyJsonFormatTag;
      return false;
    }
    return Value();
  }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Open(/*object=*/true); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(/*object=*/false); }
  bool end_array() override { return Close(); }
  bool key(string_t& key) override {
    reading_tag_ = depth_ == 1 && key == "format";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // A non-string "format" value, or anything but an object at the top, means this is not our file.
  bool Value() { return depth_ > 0 && !(depth_ == 1 && reading_tag_); }
  bool Open(bool object) {
    if ((depth_ == 0 && !object) || (depth_ == 1 && reading_tag_)) return false;
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return depth_ > 0;
  }

  int depth_ = 0;
  bool reading_tag_ = false;
  bool found_ = false;
};

class ParleyJsonFormat final : public ScenarioFormat {
 public:
  bool Recognizes(const std::filesystem::path& path) const override {
    std::error_code ec;
    if (path.extension() != ".json" || !std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    FormatTagFinder finder;
    try {
      Json::sax_parse(in, &finder, nlohmann::detail::input_format_t::json, /*strict=*/false, /*ignore_comments=*/true);
    } catch (const std::exception&) {
      return false;
    }
    return finder.found();
  }

  Scenario Read(const std::filesystem::path& path) const override { return internal::ReadParleyJsonFile(path); }

  bool CanWrite() const override { return true; }

  void Write(const Scenario& scenario, const std::filesystem::path& path) const override {
    internal::WriteParleyJsonFile(scenario, path);
  }
};

const bool kRegistered = ScenarioFormatRegistry::Add(
    {"parley-json",
     "Parley's own scenario format: one hand-writable JSON file (docs/formats/parley-json.md).",
     {},
     [](const Spec&) { return std::make_unique<ParleyJsonFormat>(); }});

}  // namespace
}  // namespace parley
