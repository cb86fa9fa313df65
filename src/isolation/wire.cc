#include "isolation/wire.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace parley::internal {
namespace {

constexpr std::size_t kHeaderSize = 4;

// Waits until `fd` is ready for `events` or the deadline passes.
IoStatus Wait(int fd, short events, Deadline deadline) {
  while (true) {
    int timeout_ms = -1;
    if (deadline) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return IoStatus::kTimeout;
      // Rounded up, so that poll does not return just before the deadline over and over.
      timeout_ms = static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30));
    }
    pollfd entry{fd, events, 0};
    const int ready = poll(&entry, 1, timeout_ms);
    if (ready > 0) return IoStatus::kOk;  // readiness, an error or a hang-up: the next call tells which
    if (ready < 0 && errno != EINTR) return IoStatus::kClosed;
  }
}

IoStatus ReceiveExactly(int fd, char* data, std::size_t size, Deadline deadline) {
  std::size_t done = 0;
  while (done < size) {
    // Without a deadline (the worker's side) a plain blocking read is all that is needed.
    const ssize_t got = recv(fd, data + done, size - done, deadline ? MSG_DONTWAIT : 0);
    if (got > 0) {
      done += static_cast<std::size_t>(got);
    } else if (got == 0) {
      return IoStatus::kClosed;
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (const IoStatus status = Wait(fd, POLLIN, deadline); status != IoStatus::kOk) return status;
    } else if (errno != EINTR) {
      return IoStatus::kClosed;
    }
  }
  return IoStatus::kOk;
}

}  // namespace

void FrameWriter::Start(MessageType type) {
  bytes_.assign(kHeaderSize, '\0');
  U8(static_cast<std::uint8_t>(type));
}

void FrameWriter::Raw(const void* data, std::size_t size) { bytes_.append(static_cast<const char*>(data), size); }

void FrameWriter::String(std::string_view text) {
  U64(text.size());
  bytes_.append(text.data(), text.size());
}

void FrameWriter::Values(const std::vector<double>& values) {
  U64(values.size());
  if (!values.empty()) Raw(values.data(), values.size() * sizeof(double));
}

const std::string& FrameWriter::Finish() {
  const auto length = static_cast<std::uint32_t>(bytes_.size() - kHeaderSize);
  std::memcpy(bytes_.data(), &length, kHeaderSize);
  return bytes_;
}

void FrameReader::Raw(void* data, std::size_t size) {
  if (payload_.size() - position_ < size) {
    throw WireError(fmt::format("message {} ends after {} bytes where more were expected", static_cast<int>(type_),
                                payload_.size()));
  }
  std::memcpy(data, payload_.data() + position_, size);
  position_ += size;
}

std::uint8_t FrameReader::U8() {
  std::uint8_t value;
  Raw(&value, sizeof value);
  return value;
}

std::uint64_t FrameReader::U64() {
  std::uint64_t value;
  Raw(&value, sizeof value);
  return value;
}

double FrameReader::F64() {
  double value;
  Raw(&value, sizeof value);
  return value;
}

std::string FrameReader::String() {
  const std::uint64_t size = U64();
  if (size > payload_.size() - position_) {
    throw WireError(fmt::format("message {} holds a string of {} bytes in {} bytes", static_cast<int>(type_), size,
                                payload_.size() - position_));
  }
  std::string text(payload_.substr(position_, size));
  position_ += size;
  return text;
}

void FrameReader::Values(std::vector<double>& out, std::size_t max_count) {
  const std::uint64_t count = U64();
  if (count > max_count || count > (payload_.size() - position_) / sizeof(double)) {
    throw WireError(fmt::format("message {} holds {} values where at most {} were expected", static_cast<int>(type_),
                                count, max_count));
  }
  out.resize(count);
  if (count) Raw(out.data(), count * sizeof(double));
}

void FrameReader::OutcomeValues(Outcome& out, std::size_t max_count) {
  const std::uint64_t count = U64();
  if (count > max_count || count > (payload_.size() - position_) / sizeof(double)) {
    throw WireError(fmt::format("message {} holds an outcome of {} values where at most {} were expected",
                                static_cast<int>(type_), count, max_count));
  }
  if (out.size() != count) out = Outcome(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < count; ++i) out[i] = F64();
}

void FrameReader::End() const {
  if (position_ != payload_.size()) {
    throw WireError(
        fmt::format("message {} has {} bytes left over", static_cast<int>(type_), payload_.size() - position_));
  }
}

IoStatus SendFrame(int fd, const std::string& frame, Deadline deadline) {
  std::size_t done = 0;
  while (done < frame.size()) {
    const ssize_t sent =
        send(fd, frame.data() + done, frame.size() - done, (deadline ? MSG_DONTWAIT : 0) | MSG_NOSIGNAL);
    if (sent >= 0) {
      done += static_cast<std::size_t>(sent);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (const IoStatus status = Wait(fd, POLLOUT, deadline); status != IoStatus::kOk) return status;
    } else if (errno != EINTR) {
      return IoStatus::kClosed;
    }
  }
  return IoStatus::kOk;
}

IoStatus ReceiveFrame(int fd, Deadline deadline, std::size_t max_length, std::string& buffer, MessageType& type,
                      std::string_view& payload) {
  char header[kHeaderSize];
  if (const IoStatus status = ReceiveExactly(fd, header, kHeaderSize, deadline); status != IoStatus::kOk) return status;
  std::uint32_t length;
  std::memcpy(&length, header, kHeaderSize);
  if (length == 0 || length > max_length) return IoStatus::kMalformed;
  buffer.resize(length);
  if (const IoStatus status = ReceiveExactly(fd, buffer.data(), length, deadline); status != IoStatus::kOk) {
    return status;
  }
  type = static_cast<MessageType>(static_cast<std::uint8_t>(buffer[0]));
  payload = std::string_view(buffer).substr(1);
  return IoStatus::kOk;
}

}  // namespace parley::internal
