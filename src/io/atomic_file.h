// Writing a file so that it is either fully written or not changed at all: every file Parley
// writes (scenarios, traces, results) goes through here.
#ifndef PARLEY_IO_ATOMIC_FILE_H_
#define PARLEY_IO_ATOMIC_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace parley {

// Writes `text` to `path`, creating the parent folder if needed. Regular files are written
// through a temporary file in the same folder and renamed into place, so that a failure (full
// disk, killed process) never leaves a truncated file behind; devices and pipes (/dev/stdout) are
// written directly. Throws InputError naming the path on failure.
void WriteFileAtomically(const std::filesystem::path& path, const std::string& text);

// The same promise for a file too large to build in memory: text is written, through a buffer, to
// a temporary file beside `path`, which Commit() flushes to disk and renames into place. A writer
// destroyed without Commit() removes the temporary file and leaves `path` as it was.
class AtomicFileWriter {
 public:
  // `durable`: Commit() waits until the data is on disk (not needed for scratch files).
  explicit AtomicFileWriter(std::filesystem::path path, bool durable = true);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  void Write(std::string_view text);
  void Commit();

 private:
  void Flush();

  std::filesystem::path path_, temporary_;
  bool durable_ = true;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace parley

#endif  // PARLEY_IO_ATOMIC_FILE_H_
