// What lower produces (documents as trees) and what emit produces (files as bytes).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
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
  /// A yaml file's one document, made when the file is rendered rather than by lower. The files a
  /// cluster has one of per volume or per node (PersistentVolumes, node-preparation Jobs) are made
  /// this way: all their trees at once were most of a large build's memory. It may read the Config
  /// lower was given, so the manifest must not outlive that Config.
  std::function<yaml::Node()> make_document;
};

/// A YAML file of one document, moved in: a braced list `{document}` would copy the whole tree.
inline ManifestFile yaml_file(std::string path, yaml::Node document) {
  ManifestFile file{.path = std::move(path), .kind = FileKind::yaml};
  file.documents.push_back(std::move(document));
  return file;
}

/// A YAML file of one document that `make` makes when the file is rendered (see make_document).
inline ManifestFile deferred_yaml_file(std::string path, std::function<yaml::Node()> make) {
  return {.path = std::move(path), .kind = FileKind::yaml, .make_document = std::move(make)};
}

/// A yaml file's documents, made now when they are deferred.
inline std::vector<yaml::Node> documents_of(const ManifestFile& file) {
  if (!file.make_document) return file.documents;
  std::vector<yaml::Node> documents;
  documents.push_back(file.make_document());
  return documents;
}

/// SHA-256 fingerprints of the token material, for the index (spec §5, §9): they show key and
/// token changes in review without any secret leaving secrets/. Lowercase hex digests only.
struct Fingerprints {
  /// False when JWT is on but the key file could not be read (`build --check` and `diff` work
  /// without key files): the digests below are then unknown, not absent.
  bool complete = true;
  /// The token-verification key: SHA-256 of the public key DER (SubjectPublicKeyInfo), or of the
  /// secret key bytes; unset when JWT is off.
  std::optional<std::string> signing_key;
  /// SHA-256 of each role's token, sorted by role.
  std::vector<std::pair<std::string, std::string>> tokens;
};

struct Manifest {
  std::vector<ManifestFile> files;
  bool secrets_separate = false;  ///< secrets/ is its own, git-ignored part of the bundle
  std::string chart_version;      ///< recorded in the index, so review reads it without parsing scripts
  Fingerprints fingerprints;
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
  bool fingerprints_complete = true;  ///< Manifest::fingerprints.complete
};

inline constexpr const char* kIndexFileName = ".pulsarc-index";

}  // namespace pulsarc
