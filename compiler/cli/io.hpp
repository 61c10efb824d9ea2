// The only place that touches the file system: reading inputs and writing the bundle.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "pulsarc/pipeline.hpp"

namespace pulsarc::cli {

[[nodiscard]] FileContent read_file(const std::filesystem::path& path);

/// Reads every key and password file the configuration names, relative to `base`.
[[nodiscard]] ReferencedFiles read_referenced(const Config& config, const std::filesystem::path& base);

/// Files of an existing bundle directory (path -> bytes); secrets/ only when `with_secrets`.
[[nodiscard]] std::optional<std::map<std::string, std::string>> read_bundle_dir(const std::filesystem::path& dir,
                                                                                bool with_secrets,
                                                                                std::string& error);

/// Writes into a temporary sibling directory, then swaps it in: the old bundle survives any error.
/// Refuses a non-empty directory that has no pulsarc index.
[[nodiscard]] bool write_bundle(const Bundle& bundle, const std::filesystem::path& dir, std::string& error);

}  // namespace pulsarc::cli
