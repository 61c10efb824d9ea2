// What lower produces (documents as trees) and what emit produces (files as bytes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pulsarc/yaml.hpp"

namespace pulsarc {

enum class FileKind { yaml, script, sql, text };

struct ManifestFile {
  std::string path;  ///< relative to the bundle directory, '/' separated
  FileKind kind = FileKind::yaml;
  std::vector<yaml::Node> documents;  ///< yaml files: one or more documents
  std::string text;                   ///< scripts, SQL and other text files, without the header
  bool secret = false;                ///< holds key material, a token or a password
  bool executable = false;
};

struct Manifest {
  std::vector<ManifestFile> files;
  bool secrets_separate = false;  ///< secrets/ is its own, git-ignored part of the bundle
};

struct BundleFile {
  std::string path;
  std::string bytes;
  std::uint32_t mode = 0644;
  bool secret = false;
};

/// Files sorted by path; the index file is among them.
struct Bundle {
  std::vector<BundleFile> files;
};

inline constexpr const char* kIndexFileName = ".pulsarc-index";

}  // namespace pulsarc
