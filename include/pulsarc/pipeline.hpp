// The pipeline: parse -> check -> lower -> emit. Each stage is a pure function of its inputs; only
// the CLI reads and writes files.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulsarc/bundle.hpp"
#include "pulsarc/diagnostic.hpp"
#include "pulsarc/model.hpp"

namespace pulsarc {

namespace crypto {
struct KeyLoad;
}

struct ParseResult {
  std::optional<Config> config;  ///< set when the file is structurally valid
  Diagnostics diagnostics;
};

/// TOML text -> typed model. Strict: unknown keys, wrong types and missing keys are diagnostics.
[[nodiscard]] ParseResult parse(std::string_view toml_text);

/// A file pulsar.toml refers to (key or password), read by the caller so the stages stay pure.
struct FileContent {
  std::optional<std::string> bytes;  ///< unset when it could not be read
  std::string problem;               ///< why not, e.g. "No such file or directory"
};

/// Every referenced file by the path as written in pulsar.toml.
using ReferencedFiles = std::map<std::string, FileContent, std::less<>>;

/// The paths (as written) of the key and password files the configuration uses.
[[nodiscard]] std::vector<std::string> referenced_paths(const Config& config);

struct CheckOptions {
  /// Key and password files may be absent (`build --check` of a bundle whose Secrets are not
  /// compared); files that are present are still checked.
  bool allow_missing_secret_files = false;
  /// The signing key decoded once per process (crypto::load_signing_key) and shared with lower;
  /// null: the stage decodes it itself.
  std::shared_ptr<const crypto::KeyLoad> signing_key;
};

/// The constraint pass: every rule, every independent diagnostic, sorted by position.
[[nodiscard]] Diagnostics check(const Config& config, const ReferencedFiles& files, const CheckOptions& options = {});

struct LowerOptions {
  std::optional<SecretsMode> secrets_override;  ///< `--secrets`
  /// As CheckOptions::signing_key.
  std::shared_ptr<const crypto::KeyLoad> signing_key;
  /// Tokens of the bundle being replaced. One that is exactly what this build would sign (same key,
  /// role and expiry) is kept, which costs a signature check instead of a signing.
  std::vector<std::string> previous_tokens;
};

/// A checked configuration -> the objects, values, scripts and SQL of the bundle.
[[nodiscard]] Manifest lower(const Config& config, const ReferencedFiles& files, const LowerOptions& options = {});

/// The manifest -> canonical bytes, including the index file.
[[nodiscard]] Bundle emit(const Manifest& manifest);
/// The same, consuming the manifest: each file's documents are freed once rendered, so that a large
/// cluster's bundle is never held twice (as YAML trees and as bytes).
[[nodiscard]] Bundle emit(Manifest&& manifest);

}  // namespace pulsarc
