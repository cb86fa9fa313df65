#include "io/json_node.h"

#include <cctype>
#include <set>
#include <vector>

namespace parley::internal {

namespace {

// JSON text of a value for a message. Strings read from YAML may hold bytes that are not UTF-8,
// which nlohmann refuses to write; they print as U+FFFD instead.
std::string MessageText(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

bool IsCommentKey(std::string_view key) { return key.starts_with("_") || key.starts_with("comment"); }

std::string ChildPath(const std::string& parent, std::string_view key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  if (plain) return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
  return fmt::format("{}[{}]", parent, MessageText(Json(std::string(key))));
}

std::string Describe(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return fmt::format("the boolean {}", MessageText(json));
    case Json::value_t::string: {
      const std::string text = MessageText(json);
      return text.size() <= 40 ? fmt::format("the string {}", text) : "a string";
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return fmt::format("the number {}", MessageText(json));
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

namespace {

// Builds the document from nlohmann's SAX events. nlohmann's own parser with a callback (the
// usual way to see keys as they are read) scans the whole enclosing container each time an
// object ends, and ordered_json looks keys up linearly when inserting them and deep-copies the
// members already read each time its vector grows: quadratic time, and a recursion as deep as
// the values it copies. Here keys are checked against a set per open object and an object's
// members are collected in a vector of movable pairs, moved into place when the object ends.
class DocumentBuilder {
 public:
  using string_t = Json::string_t;

  explicit DocumentBuilder(const std::string& origin) : origin_(origin) {}

  Json TakeDocument() { return std::move(root_); }

  bool null() { return Place(Json(nullptr)); }
  bool boolean(bool value) { return Place(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return Place(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return Place(Json(value)); }
  bool number_float(Json::number_float_t value, const string_t&) { return Place(Json(value)); }
  bool string(string_t& value) { return Place(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return Place(Json::binary(std::move(value))); }

  bool start_object(std::size_t) { return Open(/*object=*/true); }
  bool start_array(std::size_t) { return Open(/*object=*/false); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(string_t& key) {
    Frame& frame = frames_.back();
    if (!frame.keys.insert(key).second) {
      throw InputError(fmt::format("{}: {}: the key \"{}\" appears twice in the same object", origin_,
                                   ChildPath(PathOfOpenFrames(), key), key));
    }
    frame.members.emplace_back(std::move(key), Json());
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw error;
  }

 private:
  struct Frame {
    Json* container;  // where the container goes (an empty array or object until it ends)
    bool object;
    std::vector<std::pair<std::string, Json>> members;  // objects: the members read so far
    std::set<std::string> keys;                         // objects: their keys
    std::size_t elements = 0;                           // arrays: elements started so far
  };

  // Stores a value where the innermost open container expects one; returns where it went. The
  // address stays valid while the value is open: only the innermost open container grows.
  Json* Store(Json value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& frame = frames_.back();
    if (frame.object) {
      frame.members.back().second = std::move(value);
      return &frame.members.back().second;
    }
    ++frame.elements;
    auto& elements = frame.container->get_ref<Json::array_t&>();
    elements.push_back(std::move(value));
    return &elements.back();
  }
  bool Place(Json value) {
    Store(std::move(value));
    return true;
  }
  bool Open(bool object) {
    Json* stored = Store(object ? Json::object() : Json::array());
    frames_.push_back(Frame{stored, object, {}, {}, 0});
    return true;
  }
  bool Close() {
    Frame& frame = frames_.back();
    if (frame.object) *frame.container = ObjectOf(std::move(frame.members));
    frames_.pop_back();
    return true;
  }

  std::string PathOfOpenFrames() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& frame = frames_[i];
      path =
          frame.object ? ChildPath(path, frame.members.back().first) : fmt::format("{}[{}]", path, frame.elements - 1);
    }
    return path;
  }

  const std::string& origin_;
  Json root_;
  std::vector<Frame> frames_;
};

}  // namespace

Json ObjectOf(std::vector<std::pair<std::string, Json>> members) {
  Json object = Json::object();
  // Reserved first, so the members are moved in, never copied.
  auto& slots = static_cast<std::vector<std::pair<const std::string, Json>>&>(object.get_ref<Json::object_t&>());
  slots.reserve(members.size());
  for (auto& [key, value] : members) slots.emplace_back(std::move(key), std::move(value));
  return object;
}

Json ParseDocument(const std::string& text, const std::string& origin) {
  DocumentBuilder builder(origin);
  try {
    Json::sax_parse(text, &builder, nlohmann::detail::input_format_t::json, /*strict=*/true,
                    /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: <why>".
    std::string why = e.what();
    if (auto colon = why.find(": "); colon != std::string::npos) why = why.substr(colon + 2);
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    throw InputError(fmt::format("{}:{}: malformed JSON: {}", origin, LineColumn(text, offset), why));
  } catch (const Json::exception& e) {
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'": no position given.
    std::string why = e.what();
    if (auto bracket = why.find("] "); bracket != std::string::npos) why = why.substr(bracket + 2);
    throw InputError(fmt::format("{}: malformed JSON: {}", origin, why));
  }
  return builder.TakeDocument();
}

}  // namespace parley::internal
