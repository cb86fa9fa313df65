// Writing a file so that it is either fully written or not changed at all: every file Parley
// writes (scenarios, traces, results) goes through here.
#ifndef PARLEY_IO_ATOMIC_FILE_H_
#define PARLEY_IO_ATOMIC_FILE_H_

#include <filesystem>
#include <string>

namespace parley {

// Writes `text` to `path`, creating the parent folder if needed. Regular files are written
// through a temporary file in the same folder and renamed into place, so that a failure (full
// disk, killed process) never leaves a truncated file behind; devices and pipes (/dev/stdout) are
// written directly. Throws InputError naming the path on failure.
void WriteFileAtomically(const std::filesystem::path& path, const std::string& text);

}  // namespace parley

#endif  // PARLEY_IO_ATOMIC_FILE_H_
