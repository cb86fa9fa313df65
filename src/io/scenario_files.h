// File handling shared by the scenario formats that are folders of files (GENIUS XML, GeniusWeb
// JSON, NegMAS YAML/JSON): finding a folder's files, checking that a party's name can be a file
// name, and writing a whole folder so that it appears complete or not at all.
#ifndef PARLEY_IO_SCENARIO_FILES_H_
#define PARLEY_IO_SCENARIO_FILES_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley::internal {

// The linear additive utility of a party about to be written in `format` ("GeniusWeb JSON").
// Throws UsageError for another kind of utility or a reservation schedule, which the folder
// formats cannot hold.
const LinearAdditiveUtility& LinearUtilityToWrite(const Profile& profile, std::string_view format);

// Throws UsageError when `utility` uses its issue weights as written (WeightRule::kAsGiven) and
// they add up to more than 1e-12 away from 1: `format` would read them back as adding up to 1
// (`why` says how), which changes every utility. `remedy` ends the message.
void RefuseWeightsNotAddingUpToOne(const Profile& profile, const LinearAdditiveUtility& utility,
                                   std::string_view format, std::string_view why, std::string_view remedy);

// Integer issues that a folder format must write value by value (where its ranges cannot say
// what a party's function does) are listed up to this many values.
inline constexpr std::uint64_t kMaxListedIntegers = 1'000'000;

// Throws UsageError when `issue` is an integer issue of more than kMaxListedIntegers values, which
// `format` would have to list one by one: a file of billions of lines is no conversion.
void CheckListable(const Issue& issue, std::string_view format);

// The whole file. Throws InputError naming the path.
std::string ReadTextFile(const std::filesystem::path& path);

// True if `path` has one of `extensions` (".json"), compared without regard to case.
bool HasExtension(const std::filesystem::path& path, std::initializer_list<std::string_view> extensions);

// The regular files directly in `folder` with one of `extensions`, sorted by file name (byte
// order). Throws InputError if the folder cannot be listed.
std::vector<std::filesystem::path> FilesIn(const std::filesystem::path& folder,
                                           std::initializer_list<std::string_view> extensions);

// True if the first `bytes` bytes of `path` (a file with one of `extensions`), or of some such file
// directly in the folder `path`, contain one of `needles`: a cheap look for
// ScenarioFormat::Recognizes.
bool SomeFileMentions(const std::filesystem::path& path, std::initializer_list<std::string_view> extensions,
                      std::initializer_list<std::string_view> needles, std::size_t bytes = 65536);

// A folder, or a file with one of `extensions` taken to stand for the folder it is in.
std::filesystem::path FolderOf(const std::filesystem::path& path, std::initializer_list<std::string_view> extensions);

// The last component of a folder's path, as a scenario name ("CarA" for "scenarios/CarA/").
std::string FolderName(const std::filesystem::path& folder);

// The longest file stem the folder formats write: file systems limit a name to 255 bytes, and
// the stem is followed by an extension of up to five (".json").
inline constexpr std::size_t kMaxFileStemBytes = 250;

// Throws UsageError unless `name` can be a file name in a folder (not empty, no '/', no NUL,
// not "." or "..", at most kMaxFileStemBytes bytes); `what` says what the name is ("the party name").
void CheckFileStem(const std::string& name, std::string_view what);

// `preferred` if it can be a file stem and differs (ignoring case) from every one of `taken`;
// otherwise the first of "domain", "domain-2", "domain-3", ... that does. For the domain file of
// a folder whose other files are named after the parties.
std::string UnusedStem(const std::string& preferred, const std::vector<std::string>& taken);

// Writes `files` (name, text) as the folder `folder`, which must not exist or be empty: they are
// written into a temporary folder beside it that is then renamed, so that a failure leaves no
// partial folder. Throws UsageError if `folder` is a file or a non-empty folder, InputError on
// I/O failure.
void WriteFolderAtomically(const std::filesystem::path& folder,
                           const std::vector<std::pair<std::string, std::string>>& files);

// Replaces whatever is at `target` (a file, a folder or nothing) with what `write` creates at the
// temporary path it is given, beside `target`. If `write` throws, `target` is left as it was and
// the temporary is removed. Throws InputError when the swap itself fails.
void ReplaceWith(const std::filesystem::path& target, const std::function<void(const std::filesystem::path&)>& write);

}  // namespace parley::internal

#endif  // PARLEY_IO_SCENARIO_FILES_H_
