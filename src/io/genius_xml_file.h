// The files of a GENIUS XML scenario folder, below what GENIUS means by them: a parsed XML file
// that can say where a node is ("path:line"), attribute parsing that reports a bad attribute at
// its line, and the scan that tells the domain file from the profiles (genius_xml_file.cc).
// genius_xml_read.cc gives them GENIUS's meaning. Private to the GENIUS XML reader.
#ifndef PARLEY_IO_GENIUS_XML_FILE_H_
#define PARLEY_IO_GENIUS_XML_FILE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "io/genius_xml_internal.h"
#include "parley/error.h"

namespace parley::internal {

// ASCII lower case, for GENIUS's case-insensitive keywords and file names.
std::string Lower(std::string_view text);

// `text` without leading and trailing white space.
std::string_view Trim(std::string_view text);

// A parsed XML file that can say where a node is: error messages give "path:line".
class XmlFile {
 public:
  explicit XmlFile(std::filesystem::path path) : XmlFile(path, ReadWholeFile(path)) {}

  // A text already in memory; `path` names it in messages.
  XmlFile(std::filesystem::path path, std::string text)
      : path_(std::move(path)), text_(std::move(text)), document_(std::make_unique<pugi::xml_document>()) {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') newlines_.push_back(i);
    }
    if (Trim(text_).empty()) {
      throw InputError(fmt::format("{}: the file is empty; expected a GENIUS XML domain or profile", path_.string()));
    }
    const pugi::xml_parse_result result = document_->load_buffer(text_.data(), text_.size());
    if (!result) {
      throw InputError(fmt::format(
          "{}:{}: not well-formed XML ({}); expected a complete GENIUS domain or profile", path_.string(),
          LineAt(static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0))), result.description()));
    }
  }

  const std::filesystem::path& path() const { return path_; }
  pugi::xml_node root() const { return document_->document_element(); }

  // "path:line" of a node, or just the path if pugixml cannot tell.
  std::string Where(pugi::xml_node node) const {
    const std::ptrdiff_t offset = node ? node.offset_debug() : -1;
    if (offset < 0) return path_.string();
    return fmt::format("{}:{}", path_.string(), LineAt(static_cast<std::size_t>(offset)));
  }

  [[noreturn]] void Fail(pugi::xml_node node, std::string_view problem) const {
    throw InputError(fmt::format("{}: {}", Where(node), problem));
  }

 private:
  static std::string ReadWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot open the file for reading", path.string()));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  std::size_t LineAt(std::size_t offset) const {
    return static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin()) +
           1;
  }

  std::filesystem::path path_;
  std::string text_;
  std::vector<std::size_t> newlines_;
  std::unique_ptr<pugi::xml_document> document_;
};

// Calls `visit` on `root` and every element below it in document order, without recursion.
template <typename Visit>
void ForEachElement(pugi::xml_node root, Visit visit) {
  pugi::xml_node node = root;
  while (node) {
    if (node.type() == pugi::node_element) visit(node);
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node != root && !node.next_sibling()) node = node.parent();
    node = node == root ? pugi::xml_node() : node.next_sibling();
  }
}

// `<issue index="3" name="price">`, for messages.
std::string Describe(pugi::xml_node node);

// The attribute `name` of `node`: its text, a number (finite; a leading '+' and surrounding spaces
// allowed) or an integer. A missing or malformed attribute throws InputError at the node's line,
// naming what was `expected`; OptionalNumberAttribute gives `absent` for a missing one.
std::string_view RequireAttribute(const XmlFile& file, pugi::xml_node node, const char* name,
                                  std::string_view expected);

double NumberAttribute(const XmlFile& file, pugi::xml_node node, const char* name, std::string_view expected);

double OptionalNumberAttribute(const XmlFile& file, pugi::xml_node node, const char* name, double absent,
                               std::string_view expected);

std::int64_t IntegerAttribute(const XmlFile& file, pugi::xml_node node, const char* name, std::string_view expected);

// The issue elements of a domain or profile in document order, with the element they sit in
// (weights refer to issues at the same level). GENIUS nests issues under <objective> elements,
// and a domain file wraps them in <utility_space>.
struct IssueElement {
  pugi::xml_node issue;
  pugi::xml_node parent;
};

// Appends to `out` the <issue> elements below `node`, through <objective> and <utility_space>.
// Walks the tree in document order without recursion (pugixml parses any depth, and a file
// nesting a million <objective> elements must not exhaust the stack). Fails past the issue
// limit, before any issue is built.
void CollectIssues(const XmlFile& file, pugi::xml_node node, std::vector<IssueElement>& out);

// The .xml files of a folder, parsed and sorted into the domain and the profiles (in file-name
// order, the order of the parties), with the report of what was decided and why.
struct ScannedFolder {
  GeniusFolderReport report;
  std::unique_ptr<XmlFile> domain;
  std::vector<std::unique_ptr<XmlFile>> profiles;
};

// Throws InputError as ClassifyGeniusFolder (genius_xml_internal.h) describes.
ScannedFolder ScanFolder(const std::filesystem::path& folder);

}  // namespace parley::internal

#endif  // PARLEY_IO_GENIUS_XML_FILE_H_
