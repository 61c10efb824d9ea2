#include "cli/io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

namespace pulsarc::cli {
namespace fs = std::filesystem;

FileContent read_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return {std::nullopt, "is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, std::strerror(errno)};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return {std::nullopt, "read error"};
  return {std::move(bytes), {}};
}

ReferencedFiles read_referenced(const Config& config, const fs::path& base) {
  ReferencedFiles files;
  for (const auto& path : referenced_paths(config)) {
    if (path.empty() || files.contains(path)) continue;
    const fs::path p(path);
    files.emplace(path, read_file(p.is_absolute() ? p : base / p));
  }
  return files;
}

std::optional<std::map<std::string, std::string>> read_bundle_dir(const fs::path& dir, bool with_secrets,
                                                                  std::string& error) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto relative = fs::relative(it->path(), dir, ec).generic_string();
    if (!with_secrets && (relative == "secrets" || relative.starts_with("secrets/"))) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    auto content = read_file(it->path());
    if (!content.bytes) {
      error = fmt::format("{}: {}", it->path().string(), content.problem);
      return std::nullopt;
    }
    files.emplace(relative, std::move(*content.bytes));
  }
  if (ec) {
    error = fmt::format("{}: {}", dir.string(), ec.message());
    return std::nullopt;
  }
  return files;
}

namespace {

bool write_one(const fs::path& path, const BundleFile& file, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    error = fmt::format("{}: {}", path.parent_path().string(), ec.message());
    return false;
  }
  // O_EXCL in a fresh directory; fchmod so that the umask cannot change the mode.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = fmt::format("{}: {}", path.string(), std::strerror(errno));
    return false;
  }
  bool ok = ::fchmod(fd, static_cast<mode_t>(file.mode)) == 0;
  std::size_t written = 0;
  while (ok && written < file.bytes.size()) {
    const auto n = ::write(fd, file.bytes.data() + written, file.bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  if (!ok) error = fmt::format("{}: {}", path.string(), std::strerror(errno));
  ::close(fd);
  return ok;
}

std::string random_suffix() {
  std::random_device device;  // only names a temporary directory; never reaches the output
  return fmt::format("{:08x}", device());
}

}  // namespace

bool write_bundle(const Bundle& bundle, const fs::path& dir, std::string& error) {
  std::error_code ec;
  const bool exists = fs::exists(dir, ec);
  if (exists) {
    if (!fs::is_directory(dir, ec)) {
      error = fmt::format("{} exists and is not a directory", dir.string());
      return false;
    }
    if (!fs::is_empty(dir, ec) && !fs::exists(dir / kIndexFileName, ec)) {
      error = fmt::format("{} is not empty and has no {}: refusing to replace a directory pulsarc did not write",
                          dir.string(), kIndexFileName);
      return false;
    }
  }
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  const auto name = dir.filename().string();
  const fs::path staging = parent / fmt::format(".{}.pulsarc-new-{}", name, random_suffix());
  const fs::path retired = parent / fmt::format(".{}.pulsarc-old-{}", name, random_suffix());
  fs::create_directory(staging, ec);
  if (ec) {
    error = fmt::format("{}: {}", staging.string(), ec.message());
    return false;
  }
  ::chmod(staging.c_str(), 0755);
  for (const auto& file : bundle.files) {
    if (!write_one(staging / file.path, file, error)) {
      fs::remove_all(staging, ec);
      return false;
    }
    // Directories inside the bundle get a fixed mode, whatever the umask.
    for (fs::path p = fs::path(file.path).parent_path(); !p.empty(); p = p.parent_path()) {
      ::chmod((staging / p).c_str(), p == "secrets" ? 0700 : 0755);
    }
  }
  if (exists && std::rename(dir.c_str(), retired.c_str()) != 0) {
    error = fmt::format("{}: {}", dir.string(), std::strerror(errno));
    fs::remove_all(staging, ec);
    return false;
  }
  if (std::rename(staging.c_str(), dir.c_str()) != 0) {
    error = fmt::format("{}: {}", dir.string(), std::strerror(errno));
    if (exists) std::rename(retired.c_str(), dir.c_str());
    fs::remove_all(staging, ec);
    return false;
  }
  if (exists) fs::remove_all(retired, ec);
  return true;
}

}  // namespace pulsarc::cli
