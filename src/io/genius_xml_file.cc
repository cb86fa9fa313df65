// Parsing GENIUS XML files: the attributes of an element, read with the file and line of the
// element in every message, and the scan of a scenario folder that decides, by each file's
// content, which is the domain, which are profiles and which are ignored (genius_xml_file.h).
#include "io/genius_xml_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"
#include "parley/utf8.h"

namespace parley::internal {
namespace {

namespace fs = std::filesystem;

bool HasXmlExtension(const fs::path& path) { return Lower(path.extension().string()) == ".xml"; }

std::optional<double> ParseDouble(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

enum class FileRole { kDomain, kProfile, kNeither };

FileRole RoleOf(const XmlFile& file) {
  const pugi::xml_node root = file.root();
  const std::string_view name = root.name();
  if (name == "negotiation_template") return FileRole::kDomain;
  if (name != "utility_space") return FileRole::kNeither;
  if (root.attribute("type")) return FileRole::kProfile;
  const bool has_preferences = root.find_node([](pugi::xml_node n) {
    const std::string_view tag = n.name();
    return tag == "weight" || tag == "utility" || (tag == "item" && n.attribute("evaluation"));
  });
  return has_preferences ? FileRole::kProfile : FileRole::kDomain;
}

}  // namespace

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string Describe(pugi::xml_node node) {
  std::string out = fmt::format("<{}", node.name());
  for (const char* key : {"index", "name", "value"}) {
    if (auto attribute = node.attribute(key)) out += fmt::format(" {}=\"{}\"", key, attribute.value());
  }
  return out + ">";
}

std::string_view RequireAttribute(const XmlFile& file, pugi::xml_node node, const char* name,
                                  std::string_view expected) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) file.Fail(node, fmt::format("{} has no '{}' attribute; expected {}", Describe(node), name, expected));
  return attribute.value();
}

double NumberAttribute(const XmlFile& file, pugi::xml_node node, const char* name, std::string_view expected) {
  const std::string_view text = RequireAttribute(file, node, name, expected);
  const auto value = ParseDouble(text);
  if (!value) {
    file.Fail(node, fmt::format("{} has {}=\"{}\", which is not a number; expected {}", Describe(node), name, text,
                                expected));
  }
  return *value;
}

double OptionalNumberAttribute(const XmlFile& file, pugi::xml_node node, const char* name, double absent,
                               std::string_view expected) {
  if (!node.attribute(name)) return absent;
  return NumberAttribute(file, node, name, expected);
}

std::int64_t IntegerAttribute(const XmlFile& file, pugi::xml_node node, const char* name, std::string_view expected) {
  const std::string_view text = RequireAttribute(file, node, name, expected);
  const auto value = ParseInteger(text);
  if (!value) {
    file.Fail(node, fmt::format("{} has {}=\"{}\", which is not an integer; expected {}", Describe(node), name, text,
                                expected));
  }
  return *value;
}

void CollectIssues(const XmlFile& file, pugi::xml_node node, std::vector<IssueElement>& out) {
  const std::uint64_t max_issues = DefaultResourceLimits().max_issues;
  struct Level {
    pugi::xml_node parent, next;
  };
  std::vector<Level> levels{{node, node.first_child()}};
  while (!levels.empty()) {
    const pugi::xml_node parent = levels.back().parent, child = levels.back().next;
    if (!child) {
      levels.pop_back();
      continue;
    }
    levels.back().next = child.next_sibling();
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    if (name == "issue") {
      out.push_back({child, parent});
      if (out.size() > max_issues) {
        file.Fail(child,
                  fmt::format("{} is issue number {}, beyond {}", Describe(child), internal::FormatCount(out.size()),
                              DescribeLimit(max_issues, "issues", "--max-issues")));
      }
    } else if (name == "objective" || name == "utility_space") {
      levels.push_back({child, child.first_child()});
    }
  }
}

ScannedFolder ScanFolder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw InputError(
        fmt::format("{}: not a folder; expected a GENIUS scenario folder (a domain file and one profile "
                    "file per party)",
                    folder.string()));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && HasXmlExtension(entry.path())) files.push_back(entry.path());
  }
  if (ec) throw InputError(fmt::format("{}: cannot list the folder: {}", folder.string(), ec.message()));
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

  ScannedFolder scanned;
  scanned.report.folder = folder;
  std::vector<std::unique_ptr<XmlFile>> domains;
  for (const fs::path& path : files) {
    if (Lower(path.filename().string()) == "pareto.xml") {
      scanned.report.ignored.push_back({path, "GENIUS's cached Pareto frontier, not a profile"});
      continue;
    }
    auto file = std::make_unique<XmlFile>(path);
    switch (RoleOf(*file)) {
      case FileRole::kDomain: domains.push_back(std::move(file)); break;
      case FileRole::kProfile: scanned.profiles.push_back(std::move(file)); break;
      case FileRole::kNeither:
        scanned.report.ignored.push_back(
            {path, fmt::format("root element <{}> is neither a domain (<negotiation_template>) nor a profile "
                               "(<utility_space>)",
                               file->root().name())});
        break;
    }
  }
  if (domains.empty()) {
    throw InputError(
        fmt::format("{}: no domain file; expected one .xml file whose root is <negotiation_template> (or "
                    "a <utility_space> without weights or evaluations) among {} XML file(s)",
                    folder.string(), files.size()));
  }
  if (domains.size() > 1) {
    throw InputError(fmt::format("{}: two domain files, {} and {}; expected exactly one", folder.string(),
                                 domains[0]->path().filename().string(), domains[1]->path().filename().string()));
  }
  if (scanned.profiles.size() < 2) {
    std::string found;
    for (const auto& p : scanned.profiles) found += fmt::format(" {}", p->path().filename().string());
    throw InputError(
        fmt::format("{}: {} profile file(s){}{}; a scenario needs at least two (one per party) beside "
                    "the domain {}",
                    folder.string(), scanned.profiles.size(), found.empty() ? "" : ":", found,
                    domains[0]->path().filename().string()));
  }
  scanned.domain = std::move(domains[0]);
  scanned.report.domain = scanned.domain->path();
  for (const auto& p : scanned.profiles) scanned.report.profiles.push_back(p->path());
  return scanned;
}

std::string GeniusFolderReport::Describe() const {
  std::string text =
      fmt::format("GENIUS XML scenario folder {}: domain {}; profiles (one per party, in this order):", folder.string(),
                  domain.filename().string());
  for (const auto& profile : profiles) text += fmt::format(" {}", profile.filename().string());
  for (const auto& file : ignored) text += fmt::format("; ignored {}: {}", file.file.filename().string(), file.reason);
  // Paths need not be UTF-8; the description is shown and written as text.
  return ValidUtf8(text + ".");
}

GeniusFolderReport ClassifyGeniusFolder(const std::filesystem::path& folder) { return ScanFolder(folder).report; }

}  // namespace parley::internal
