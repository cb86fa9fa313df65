// Reading an HTML report back: the reports are well-formed XML as well as HTML (report/markup.h),
// so a test parses one with pugixml and finds the plotted elements by their class names
// (docs/reports.md lists them). Used by the tests of every report.
#ifndef PARLEY_TESTS_HTML_CHECKS_H_
#define PARLEY_TESTS_HTML_CHECKS_H_

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace parley::testing {

inline bool HasClass(const pugi::xml_node& node, std::string_view css_class) {
  std::istringstream classes(node.attribute("class").value());
  std::string token;
  while (classes >> token) {
    if (token == css_class) return true;
  }
  return false;
}

// Every element under `root` (itself included) named `element` (any, if empty) with class `css_class`.
inline std::vector<pugi::xml_node> Find(const pugi::xml_node& root, std::string_view element,
                                        std::string_view css_class) {
  std::vector<pugi::xml_node> found;
  auto visit = [&](auto&& self, const pugi::xml_node& node) -> void {
    if (node.type() == pugi::node_element && (element.empty() || element == node.name()) &&
        (css_class.empty() || HasClass(node, css_class))) {
      found.push_back(node);
    }
    for (const auto& child : node.children()) self(self, child);
  };
  visit(visit, root);
  return found;
}
inline std::size_t Count(const pugi::xml_node& root, std::string_view element, std::string_view css_class) {
  return Find(root, element, css_class).size();
}

struct Parsed {
  pugi::xml_document document;
  pugi::xml_node html;
};
// Parses a report as XML; fails the test when it is not well-formed.
inline std::unique_ptr<Parsed> Parse(const std::string& html) {
  auto parsed = std::make_unique<Parsed>();
  const pugi::xml_parse_result result =
      parsed->document.load_string(html.c_str(), pugi::parse_default | pugi::parse_doctype);
  EXPECT_TRUE(result) << result.description() << " at offset " << result.offset << ": "
                      << html.substr(result.offset > 80 ? result.offset - 80 : 0, 160);
  parsed->html = parsed->document.child("html");
  return parsed;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_HTML_CHECKS_H_
