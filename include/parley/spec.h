// Parameterised names: "time(e=0.2)", "boa(bidding=time(e=0.2),acceptance=next)".
//
// Negotiators, protocols and formats are created from a Spec: a registered name plus a map of
// parameters whose values are numbers, words, quoted strings or nested specs. The same strings
// work on the command line, in configuration files and from Python.
#ifndef PARLEY_SPEC_H_
#define PARLEY_SPEC_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class Spec {
 public:
  Spec() = default;
  explicit Spec(std::string name) : name_(std::move(name)) {}

  // Parses "name" or "name(key=value, ...)". Throws UsageError naming the position of an error.
  static Spec Parse(std::string_view text);
  // Splits "a,b(x=1,y=2),c" at the commas outside parentheses and quotes: {"a", "b(x=1,y=2)", "c"}.
  static std::vector<std::string> SplitList(std::string_view text);

  const std::string& name() const { return name_; }
  const std::map<std::string, Spec, std::less<>>& parameters() const { return parameters_; }
  bool has(std::string_view key) const { return parameters_.find(key) != parameters_.end(); }
  void Set(std::string key, Spec value) { parameters_.insert_or_assign(std::move(key), std::move(value)); }
  void Set(std::string key, std::string value) { Set(std::move(key), Spec(std::move(value))); }

  // Typed access to a parameter. A factory reads the spec its registry has filled in, where every
  // registered parameter is present (registry.h), so an absent key is a parameter the
  // registration does not declare: UsageError naming it. A malformed value is a UsageError too.
  double GetDouble(std::string_view key) const;
  std::int64_t GetInt(std::string_view key) const;
  bool GetBool(std::string_view key) const;
  std::string GetString(std::string_view key) const;
  // The nested spec under `key`.
  const Spec& GetSpec(std::string_view key) const;

  // Throws UsageError if a parameter is not among `known`, listing the known ones.
  void CheckKnown(std::initializer_list<std::string_view> known) const;

  // Canonical text: parameters sorted by key; Parse(ToString()) == *this.
  std::string ToString() const;

  friend bool operator==(const Spec& a, const Spec& b) { return a.name_ == b.name_ && a.parameters_ == b.parameters_; }

 private:
  // The value under `key`; throws UsageError when it is absent.
  const Spec& At(std::string_view key) const;

  std::string name_;
  std::map<std::string, Spec, std::less<>> parameters_;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_SPEC_H_
