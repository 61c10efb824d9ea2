#include "cli/key_files.hpp"

#include "cli/fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace pulsarc::cli {
namespace {

namespace fs = std::filesystem;

constexpr mode_t key_file_mode = 0600;

std::string describe_errno(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

/// Makes the new directory entries durable, not just the file contents.
int fsync_directory(const fs::path& dir) {
  const Fd directory{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
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

/// Writes one key file that must not exist yet; returns a failure description or nothing.
std::optional<WriteFailure> write_new_key_file(const fs::path& path, std::string_view bytes) {
  // O_EXCL makes "does not exist yet" atomic; O_NOFOLLOW refuses a planted symlink.
  Fd file{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, key_file_mode)};
  if (!file.is_open()) {
    const int error_number = errno;
    if (error_number == EEXIST) {
      return WriteFailure{WriteKeysResult::already_exists, path.string() + " already exists", false};
    }
    return WriteFailure{WriteKeysResult::io_error,
                        "cannot create " + path.string() + ": " + describe_errno(error_number), false};
  }
  // The mode given to open() is masked by the umask; the key must be 0600 whatever the umask.
  if (::fchmod(file.get(), key_file_mode) != 0) {
    return WriteFailure{WriteKeysResult::io_error,
                        "cannot set mode 0600 on " + path.string() + ": " + describe_errno(errno), true};
  }
  if (const int error_number = write_all(file.get(), bytes); error_number != 0) {
    return WriteFailure{WriteKeysResult::io_error,
                        "cannot write " + path.string() + ": " + describe_errno(error_number), true};
  }
  if (::fsync(file.get()) != 0) {
    return WriteFailure{WriteKeysResult::io_error, "cannot sync " + path.string() + ": " + describe_errno(errno), true};
  }
  if (!file.close()) {
    return WriteFailure{WriteKeysResult::io_error, "cannot close " + path.string() + ": " + describe_errno(errno),
                        true};
  }
  return std::nullopt;
}

}  // namespace

WriteKeysResult write_key_files_exclusively(const fs::path& dir, const crypto::GeneratedKeyFiles& keys,
                                            std::string& error_message) {
  std::error_code error;
  const bool created_directory = fs::create_directories(dir, error);
  if (error) {
    error_message = "cannot create directory " + dir.string() + ": " + error.message();
    return WriteKeysResult::io_error;
  }
  if (!fs::is_directory(dir, error)) {
    error_message = dir.string() + " is not a directory";
    return WriteKeysResult::io_error;
  }
  if (created_directory) {
    // A directory made just for keys needs no access by others.
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error) {
      error_message = "cannot set mode 0700 on " + dir.string() + ": " + error.message();
      return WriteKeysResult::io_error;
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
    return WriteKeysResult::already_exists;
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
    return WriteKeysResult::io_error;
  }
  return WriteKeysResult::ok;
}

}  // namespace pulsarc::cli
