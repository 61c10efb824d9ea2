// Text diffs for `pulsarc build --check`, and the redaction that keeps secrets out of them.
#pragma once
#include "cli/layer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pulsarc::cli {

/// A unified diff (3 lines of context, GNU `diff -u` layout) from `before` to `after`, with the
/// header lines `--- before_name` and `+++ after_name`; empty when the texts are equal. A missing
/// final newline is marked `\ No newline at end of file`; text with NUL bytes gives the one line
/// "Binary files … differ".
[[nodiscard]] std::string unified_diff(std::string_view before_name, std::string_view before,
                                       std::string_view after_name, std::string_view after);

/// A Secret manifest with every value that could hold key material replaced by `<redacted>`.
/// Shown as is: the header comment, `---`, apiVersion, kind, type, and metadata name, namespace and
/// labels. Under `data:`/`stringData:` the keys stay and the values go; anything else (unknown keys,
/// other comments, annotations, lines the redactor does not understand) is redacted whole, so a
/// hand-edited file cannot smuggle a value past it. When `compared_with` is given, a value that
/// differs from the same key's value there is shown as `<redacted> (changed)`, so the diff still
/// says which entry changed.
[[nodiscard]] std::string redact_secret_yaml(std::string_view text, std::string_view compared_with = {});

/// True when a file must be shown through redact_secret_yaml: it lies under secrets/ or it is a
/// Secret manifest (a top-level `kind: Secret` line).
[[nodiscard]] bool looks_like_secret(std::string_view path, std::string_view text);

/// Known secret strings (key files, passwords, tokens, their base64 forms), replaced by
/// `<redacted>` wherever they occur in text about to be shown: the last line of defence when a
/// secret was pasted into a file that is not a Secret.
class SecretMask {
 public:
  /// Adds a secret; multi-line secrets (PEM) also add each of their long lines.
  void add(std::string_view secret);
  /// Adds every value under `data:`/`stringData:` of a generated Secret manifest, and its decoding,
  /// except entries that are public by name (TYPE, PUBLICKEY, *_USER).
  void add_secret_manifest(std::string_view yaml);
  [[nodiscard]] std::string apply(std::string text) const;
  [[nodiscard]] bool empty() const { return secrets_.empty(); }

 private:
  std::vector<std::string> secrets_;  ///< longest first, so a secret's substring never splits it
};

}  // namespace pulsarc::cli
