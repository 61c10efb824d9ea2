#include "crypto/key_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace pulsarc::crypto {
namespace {

namespace fs = std::filesystem;

constexpr mode_t key_file_mode = 0600;

std::string describe_errno(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// Owns a POSIX file descriptor; close errors that matter are checked explicitly via close_now().
class FileDescriptor {
 public:
  explicit FileDescriptor(int descriptor) noexcept : descriptor_(descriptor) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (descriptor_ >= 0) {
      ::close(descriptor_);
    }
  }
  [[nodiscard]] bool is_open() const noexcept { return descriptor_ >= 0; }
  [[nodiscard]] int get() const noexcept { return descriptor_; }
  // Returns 0 or the errno of close(2); on some file systems a failed close is a lost write.
  int close_now() noexcept {
    const int descriptor = descriptor_;
    descriptor_ = -1;
    return ::close(descriptor) == 0 ? 0 : errno;
  }

 private:
  int descriptor_;
};

// Returns 0 or an errno; retries short writes and EINTR.
int write_all(int descriptor, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(descriptor, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// Makes the new directory entries durable, not just the file contents.
int fsync_directory(const fs::path& dir) {
  const FileDescriptor directory{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (!directory.is_open()) {
    return errno;
  }
  return ::fsync(directory.get()) == 0 ? 0 : errno;
}

struct WriteFailure {
  WriteKeysResult result;
  std::string message;
  bool file_was_created;  // only a file this call created may be removed again
};

// Writes one key file that must not exist yet; returns a failure description or nothing.
std::optional<WriteFailure> write_new_key_file(const fs::path& path, std::string_view bytes) {
  // O_EXCL makes "does not exist yet" atomic; O_NOFOLLOW refuses a planted symlink.
  FileDescriptor file{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, key_file_mode)};
  if (!file.is_open()) {
    const int error_number = errno;
    if (error_number == EEXIST) {
      return WriteFailure{WriteKeysResult::AlreadyExists, path.string() + " already exists", false};
    }
    return WriteFailure{WriteKeysResult::IoError,
                        "cannot create " + path.string() + ": " + describe_errno(error_number), false};
  }
  // The mode given to open() is masked by the umask; the key must be 0600 whatever the umask.
  if (::fchmod(file.get(), key_file_mode) != 0) {
    return WriteFailure{WriteKeysResult::IoError,
                        "cannot set mode 0600 on " + path.string() + ": " + describe_errno(errno), true};
  }
  if (const int error_number = write_all(file.get(), bytes); error_number != 0) {
    return WriteFailure{WriteKeysResult::IoError, "cannot write " + path.string() + ": " + describe_errno(error_number),
                        true};
  }
  if (::fsync(file.get()) != 0) {
    return WriteFailure{WriteKeysResult::IoError, "cannot sync " + path.string() + ": " + describe_errno(errno), true};
  }
  if (const int error_number = file.close_now(); error_number != 0) {
    return WriteFailure{WriteKeysResult::IoError, "cannot close " + path.string() + ": " + describe_errno(error_number),
                        true};
  }
  return std::nullopt;
}

}  // namespace

WriteKeysResult write_key_files_exclusively(const fs::path& dir, const GeneratedKeyFiles& keys,
                                            std::string& error_message) {
  std::error_code error;
  const bool created_directory = fs::create_directories(dir, error);
  if (error) {
    error_message = "cannot create directory " + dir.string() + ": " + error.message();
    return WriteKeysResult::IoError;
  }
  if (!fs::is_directory(dir, error)) {
    error_message = dir.string() + " is not a directory";
    return WriteKeysResult::IoError;
  }
  if (created_directory) {
    // A directory made just for keys needs no access by others.
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error) {
      error_message = "cannot set mode 0700 on " + dir.string() + ": " + error.message();
      return WriteKeysResult::IoError;
    }
  }

  // Check every name first, so an existing key is reported before anything is written.
  std::string existing_files;
  int existing_count = 0;
  for (const auto& [file_name, bytes] : keys.files) {
    const fs::path path = dir / file_name;
    if (fs::exists(fs::symlink_status(path, error))) {
      existing_files += (existing_count++ == 0 ? "" : ", ") + path.string();
    }
  }
  if (existing_count > 0) {
    error_message = existing_files + (existing_count == 1 ? " already exists" : " already exist");
    return WriteKeysResult::AlreadyExists;
  }

  std::vector<fs::path> written_paths;
  const auto remove_written_files = [&] {
    for (const fs::path& path : written_paths) {
      fs::remove(path, error);  // best effort: the original failure is the one worth reporting
    }
  };
  for (const auto& [file_name, bytes] : keys.files) {
    const fs::path path = dir / file_name;
    if (std::optional<WriteFailure> failure = write_new_key_file(path, bytes)) {
      if (failure->file_was_created) {
        written_paths.push_back(path);
      }
      remove_written_files();
      error_message = std::move(failure->message);
      return failure->result;
    }
    written_paths.push_back(path);
  }
  if (const int error_number = fsync_directory(dir); error_number != 0) {
    remove_written_files();
    error_message = "cannot sync directory " + dir.string() + ": " + describe_errno(error_number);
    return WriteKeysResult::IoError;
  }
  return WriteKeysResult::Ok;
}

}  // namespace pulsarc::crypto
