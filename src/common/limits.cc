#include "parley/limits.h"

#include <mutex>

#include "common/format_count.h"

namespace parley {
namespace {

std::mutex& LimitsMutex() {
  static std::mutex mutex;
  return mutex;
}

ResourceLimits& Limits() {
  static ResourceLimits limits;
  return limits;
}

}  // namespace

ResourceLimits DefaultResourceLimits() {
  std::lock_guard<std::mutex> lock(LimitsMutex());
  return Limits();
}

void SetDefaultResourceLimits(const ResourceLimits& limits) {
  std::lock_guard<std::mutex> lock(LimitsMutex());
  Limits() = limits;
}

std::string DescribeLimit(std::uint64_t value, const char* unit, const char* flag) {
  return "the limit of " + internal::FormatCount(value) + " " + unit + " (" + flag + ")";
}

}  // namespace parley
