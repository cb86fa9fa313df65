#include "io/json_node.h"

#include <cctype>
#include <set>
#include <vector>

namespace parley::internal {

bool IsCommentKey(std::string_view key) { return key.starts_with("_") || key.starts_with("comment"); }

std::string ChildPath(const std::string& parent, std::string_view key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  if (plain) return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
  return fmt::format("{}[{}]", parent, Json(std::string(key)).dump());
}

std::string Describe(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return fmt::format("the boolean {}", json.dump());
    case Json::value_t::string: {
      const std::string text = json.dump();
      return text.size() <= 40 ? fmt::format("the string {}", text) : "a string";
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return fmt::format("the number {}", json.dump());
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return fmt::format("an array of {} elements", json.size());
    default: return "an unexpected value";
  }
}

std::string LineColumn(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return fmt::format("{}:{}", line, offset - line_start + 1);
}

Json ParseDocument(const std::string& text, const std::string& origin) {
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;           // objects: the key being read
    std::size_t elements = 0;  // arrays: elements started so far
  };
  std::vector<Frame> frames;
  auto path_of_open_frames = [&] {
    std::string path;
    for (std::size_t i = 0; i + 1 < frames.size(); ++i) {
      path = frames[i].object ? ChildPath(path, frames[i].key) : fmt::format("{}[{}]", path, frames[i].elements - 1);
    }
    return path;
  };
  auto start_value = [&] {
    if (!frames.empty() && !frames.back().object) ++frames.back().elements;
  };
  Json::parser_callback_t track = [&](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        start_value();
        frames.push_back(Frame{event == Json::parse_event_t::object_start, {}, {}, 0});
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end: frames.pop_back(); break;
      case Json::parse_event_t::key: {
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!frames.back().keys.insert(key).second) {
          throw InputError(fmt::format("{}: {}: the key \"{}\" appears twice in the same object", origin,
                                       ChildPath(path_of_open_frames(), key), key));
        }
        frames.back().key = key;
        break;
      }
      case Json::parse_event_t::value: start_value(); break;
    }
    return true;
  };
  try {
    return Json::parse(text, track, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: <why>".
    std::string why = e.what();
    if (auto colon = why.find(": "); colon != std::string::npos) why = why.substr(colon + 2);
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    throw InputError(fmt::format("{}:{}: malformed JSON: {}", origin, LineColumn(text, offset), why));
  }
}

}  // namespace parley::internal
