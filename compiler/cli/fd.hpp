// The one file-descriptor wrapper of the CLI (bundle writing, key files, reading inputs).
#pragma once
#include "cli/layer.hpp"

#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace pulsarc::cli {

/// Owns a file descriptor; closes it once.
class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] bool is_open() const noexcept { return fd_ >= 0; }
  [[nodiscard]] int get() const noexcept { return fd_; }
  /// Closes now and reports the result (a write error can surface only here); errno tells why.
  bool close() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

/// Writes all of `bytes`, retrying short writes and EINTR; 0 or the errno of the failure.
inline int write_all(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

}  // namespace pulsarc::cli
