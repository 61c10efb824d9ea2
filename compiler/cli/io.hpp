// The only place that touches the file system: reading inputs and writing the bundle.
#pragma once
#include "cli/layer.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pulsarc/pipeline.hpp"

namespace pulsarc::cli {

[[nodiscard]] FileContent read_file(const std::filesystem::path& path);

/// Replaces the file's content atomically: a temporary file in the same directory with the
/// file's mode, synced, then renamed over it. False with `error` set on failure (file unchanged).
[[nodiscard]] bool replace_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                           std::string& error);

/// Reads every key and password file the configuration names, relative to `base`.
[[nodiscard]] ReferencedFiles read_referenced(const Config& config, const std::filesystem::path& base);

/// One entry of a bundle directory on disk. Symbolic links are never followed.
struct DiskEntry {
  enum class Kind { file, directory, symlink, other };
  Kind kind = Kind::file;
  std::string bytes;        ///< files only
  bool executable = false;  ///< files only: the owner's execute bit, which git records
  unsigned mode = 0;        ///< permission bits (files and directories)
};

/// An existing bundle directory: every entry by its '/'-separated path relative to the directory.
struct DiskBundle {
  bool exists = false;
  std::map<std::string, DiskEntry> entries;
};

/// Reads a bundle directory for `build --check`. A missing directory is an empty DiskBundle; any
/// other failure (unreadable file or directory, not a directory) is std::nullopt with `error` set,
/// so that a problem can never look like "no difference". The top-level entry `skip` (e.g.
/// "secrets") is left out whole.
[[nodiscard]] std::optional<DiskBundle> read_bundle_dir(const std::filesystem::path& dir, std::string_view skip,
                                                        std::string& error);

/// Why `dir` may not be used as the bundle directory (it is the file system root, or holds the
/// configuration or a file it refers to, which a build would delete); nullopt when it may.
[[nodiscard]] std::optional<std::string> unsafe_bundle_dir(const std::filesystem::path& dir,
                                                           const std::vector<std::filesystem::path>& protected_paths);

/// The bundle pulsarc wrote at `dir` before (the directory has a pulsarc index), secrets/ included;
/// nullopt when there is none or it cannot be read, so the build writes as if there were none.
[[nodiscard]] std::optional<DiskBundle> read_previous_bundle(const std::filesystem::path& dir);

/// `disk` holds exactly the files of `bundle` (bytes and modes) and the directories they need,
/// nothing else: a build then writes nothing, and every file keeps its timestamp.
[[nodiscard]] bool bundle_matches(const Bundle& bundle, const DiskBundle& disk);

struct WriteResult {
  bool ok = false;
  std::string error;       ///< when !ok; the previous bundle is then unchanged
  std::string warning;     ///< when ok but cleaning up the previous bundle's files failed
  bool unchanged = false;  ///< the bundle on disk was already this one: nothing was written
};

/// Writes the bundle into a fresh sibling directory (`.NAME.pulsarc-new-PID-RANDOM`), syncs it, and
/// swaps it with `dir` in one rename; files the bundle no longer has go with the old directory. A
/// symbolic link at `dir` is followed, so the bundle lands where it points. Refuses a non-empty
/// directory without a pulsarc index. On any error the previous bundle is untouched and the
/// temporary directory is removed. When `on_disk` (what read_previous_bundle() read at `dir`)
/// already is this bundle, nothing is written and every file keeps its timestamps.
[[nodiscard]] WriteResult write_bundle(const Bundle& bundle, const std::filesystem::path& dir,
                                       const DiskBundle* on_disk = nullptr);

}  // namespace pulsarc::cli
