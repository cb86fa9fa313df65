#include "io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {
namespace {
constexpr std::size_t kBufferSize = std::size_t{1} << 20;
}  // namespace

void WriteFileAtomically(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status)) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.flush();
    if (!out) throw InputError(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
    return;
  }
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw InputError(fmt::format("{}: cannot create the folder: {}", path.string(), ec.message()));
  }
  std::filesystem::path temporary = path;
  temporary += fmt::format(".tmp-{}", ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      const std::string why = std::strerror(errno);
      std::filesystem::remove(temporary, ec);
      throw InputError(fmt::format("{}: cannot write: {}", path.string(), why));
    }
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw InputError(fmt::format("{}: cannot write: {}", path.string(), ec.message()));
  }
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path, bool durable)
    : path_(std::move(path)), durable_(durable) {
  std::error_code ec;
  if (path_.has_parent_path()) {
    std::filesystem::create_directories(path_.parent_path(), ec);
    if (ec) throw InputError(fmt::format("{}: cannot create the folder: {}", path_.string(), ec.message()));
  }
  temporary_ = path_;
  temporary_ += fmt::format(".tmp-{}", ::getpid());
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw InputError(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
  buffer_.reserve(kBufferSize);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFileWriter::Write(std::string_view text) {
  if (buffer_.size() + text.size() > kBufferSize) Flush();
  if (text.size() > kBufferSize) {
    buffer_ = text;
    Flush();
  } else {
    buffer_ += text;
  }
}

void AtomicFileWriter::Flush() {
  std::size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
    written += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void AtomicFileWriter::Commit() {
  Flush();
  // On disk before the rename, so that a power loss leaves the old file or the whole new one.
  if (durable_ && ::fsync(fd_) != 0)
    throw InputError(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
  ::close(fd_);
  fd_ = -1;
  std::string().swap(buffer_);
  std::error_code ec;
  std::filesystem::rename(temporary_, path_, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
    throw InputError(fmt::format("{}: cannot write: {}", path_.string(), ec.message()));
  }
}

}  // namespace parley
