#include "io/scenario_files.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley::internal {
namespace {

namespace fs = std::filesystem;

// "out/" names the same thing as "out", but renames need the second form.
fs::path WithoutTrailingSlash(const fs::path& path) {
  return path.filename().empty() && path.has_parent_path() ? path.parent_path() : path;
}

// A name beside `target` that no other writer uses: "<target>.tmp-<pid>-<n>".
fs::path TemporaryBeside(const fs::path& target, std::string_view what) {
  static std::atomic<int> counter{0};
  fs::path temporary = target;
  temporary += fmt::format(".{}-{}-{}", what, ::getpid(), counter++);
  return temporary;
}

bool ContainsAny(const std::string& text, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view needle) { return text.find(needle) != std::string::npos; });
}

std::string Head(const fs::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string text(bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(bytes));
  text.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return text;
}

}  // namespace

const LinearAdditiveUtility& LinearUtilityToWrite(const Profile& profile, std::string_view format) {
  const auto* utility = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
  if (!utility) {
    throw UsageError(fmt::format("{} can hold linear additive profiles only; party '{}' has a {} utility", format,
                                 profile.name(), profile.utility_function().kind()));
  }
  if (!profile.reservation_schedule().empty()) {
    throw UsageError(fmt::format("{} cannot hold the reservation schedule of party '{}'", format, profile.name()));
  }
  return *utility;
}

void RefuseWeightsNotAddingUpToOne(const Profile& profile, const LinearAdditiveUtility& utility,
                                   std::string_view format, std::string_view why, std::string_view remedy) {
  // Further away than this, normalising the weights changes utilities by more than the 1e-12 to
  // which conversions are held.
  constexpr double kTolerance = 1e-12;
  if (utility.weight_rule() != WeightRule::kAsGiven) return;
  double total = 0.0;
  for (double w : utility.weights()) total += w;
  if (std::abs(total - 1.0) <= kTolerance) return;
  throw UsageError(
      fmt::format("{} cannot hold party '{}': its issue weights add up to {} and are used as written "
                  "(GENIUS's rule), but {} ({})",
                  format, profile.name(), total, why, remedy));
}

void CheckListable(const Issue& issue, std::string_view format) {
  if (issue.kind() == IssueKind::kInteger && issue.cardinality() > kMaxListedIntegers) {
    throw UsageError(
        fmt::format("{} cannot hold issue '{}': the parties' functions on it are not lines it can "
                    "write as a range, and listing its {} values one by one is beyond Parley's limit "
                    "of {} listed integers",
                    format, issue.name(), issue.cardinality(), kMaxListedIntegers));
  }
}

std::string ReadTextFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  return text.str();
}

bool HasExtension(const fs::path& path, std::initializer_list<std::string_view> extensions) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

std::vector<fs::path> FilesIn(const fs::path& folder, std::initializer_list<std::string_view> extensions) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::error_code file_ec;
    if (entry.is_regular_file(file_ec) && HasExtension(entry.path(), extensions)) files.push_back(entry.path());
  }
  if (ec) throw InputError(fmt::format("{}: cannot list the folder: {}", folder.string(), ec.message()));
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  return files;
}

bool SomeFileMentions(const fs::path& path, std::initializer_list<std::string_view> extensions,
                      std::initializer_list<std::string_view> needles, std::size_t bytes) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return HasExtension(path, extensions) && ContainsAny(Head(path, bytes), needles);
  if (!fs::is_directory(path, ec)) return false;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    std::error_code file_ec;
    if (entry.is_regular_file(file_ec) && HasExtension(entry.path(), extensions) &&
        ContainsAny(Head(entry.path(), bytes), needles)) {
      return true;
    }
  }
  return false;
}

fs::path FolderOf(const fs::path& path, std::initializer_list<std::string_view> extensions) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && HasExtension(path, extensions)) {
    const fs::path parent = path.parent_path();
    return parent.empty() ? fs::path(".") : parent;
  }
  return path;
}

std::string FolderName(const fs::path& folder) {
  fs::path normal = folder.lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  std::string name = normal.filename().string();
  if (name.empty() || name == "." || name == "..") name = fs::absolute(folder).lexically_normal().filename().string();
  return name;
}

void CheckFileStem(const std::string& name, std::string_view what) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos) {
    throw UsageError(fmt::format("{} '{}' cannot be a file name (it is written as one)", what, name));
  }
  if (name.size() > kMaxFileStemBytes) {
    throw UsageError(
        fmt::format("{} '{}' cannot be a file name (it is written as one): it is {} bytes long, and file "
                    "names are at most 255 bytes with their extension",
                    what, name, name.size()));
  }
}

std::string UnusedStem(const std::string& preferred, const std::vector<std::string>& taken) {
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  };
  auto usable = [&](const std::string& stem) {
    try {
      CheckFileStem(stem, "the name");
    } catch (const UsageError&) {
      return false;
    }
    return std::none_of(taken.begin(), taken.end(), [&](const std::string& t) { return lower(t) == lower(stem); });
  };
  if (usable(preferred)) return preferred;
  for (int n = 1;; ++n) {
    const std::string stem = n == 1 ? "domain" : fmt::format("domain-{}", n);
    if (usable(stem)) return stem;
  }
}

void WriteFolderAtomically(const fs::path& named, const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path folder = WithoutTrailingSlash(named);
  std::error_code ec;
  const auto status = fs::status(folder, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      throw UsageError(
          fmt::format("{}: exists and is not a folder; a scenario of this format is a folder", folder.string()));
    }
    if (!fs::is_empty(folder, ec)) {
      throw UsageError(fmt::format(
          "{}: the folder exists and is not empty; write the scenario to a new or empty folder", folder.string()));
    }
  }
  if (folder.has_parent_path()) {
    fs::create_directories(folder.parent_path(), ec);
    if (ec) throw InputError(fmt::format("{}: cannot create the parent folder: {}", folder.string(), ec.message()));
  }
  const fs::path temporary = TemporaryBeside(folder, "tmp");
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    fs::remove_all(temporary, ignored);
    throw InputError(fmt::format("{}: cannot write: {}", folder.string(), why));
  };
  fs::create_directory(temporary, ec);
  if (ec) fail(ec.message());
  for (const auto& [name, text] : files) {
    std::ofstream out(temporary / name, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) fail(fmt::format("{}: {}", name, std::strerror(errno)));
  }
  if (fs::exists(status)) fs::remove(folder, ec);  // the empty folder the caller named
  fs::rename(temporary, folder, ec);
  if (ec) fail(ec.message());
}

void ReplaceWith(const fs::path& named, const std::function<void(const fs::path&)>& write) {
  const fs::path target = WithoutTrailingSlash(named);
  const fs::path temporary = TemporaryBeside(target, "new");
  try {
    write(temporary);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temporary, ignored);
    throw;
  }
  std::error_code ec;
  const fs::path old = TemporaryBeside(target, "old");
  const bool existed = fs::exists(fs::symlink_status(target, ec));
  if (existed) {
    fs::rename(target, old, ec);
    if (ec) {
      std::error_code ignored;
      fs::remove_all(temporary, ignored);
      throw InputError(fmt::format("{}: cannot move the old version aside: {}", target.string(), ec.message()));
    }
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    std::error_code ignored;
    if (existed) fs::rename(old, target, ignored);
    fs::remove_all(temporary, ignored);
    throw InputError(fmt::format("{}: cannot write: {}", target.string(), ec.message()));
  }
  if (existed) fs::remove_all(old, ec);
}

}  // namespace parley::internal
