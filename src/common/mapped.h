// A list made from another by mapping each element (profiles to their names, numbers to text), for
// messages and reports that print it with fmt::join.
#ifndef PARLEY_COMMON_MAPPED_H_
#define PARLEY_COMMON_MAPPED_H_

#include <functional>
#include <iterator>
#include <type_traits>
#include <vector>

namespace parley::internal {

// project(item) for every item, in order: a member pointer (&Profile::name) or any callable.
template <typename Range, typename Project>
auto Mapped(const Range& items, Project project) {
  using Value = std::decay_t<std::invoke_result_t<Project&, decltype(*std::begin(items))>>;
  std::vector<Value> mapped;
  for (const auto& item : items) mapped.push_back(std::invoke(project, item));
  return mapped;
}

}  // namespace parley::internal

#endif  // PARLEY_COMMON_MAPPED_H_
