// Renders diagnostics for people (rustc-style, with the source line and a caret) or as JSON, and the
// code descriptions of `pulsarc explain` and docs/codes.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "diagnostics/code_info.hpp"
#include "pulsarc/diagnostic.hpp"

namespace pulsarc {

struct RenderOptions {
  std::string_view display_path = "pulsar.toml";  ///< as the user named the file
  bool color = false;
};

[[nodiscard]] std::string render_human(const Diagnostics& diagnostics, std::string_view source,
                                       const RenderOptions& options);

/// Version of the JSON layout below; raised only if a field changes meaning or goes away.
inline constexpr int kJsonDiagnosticsVersion = 1;

/// One JSON document per run, one line, documented in docs/json-diagnostics.md:
/// {"version":1,"file":…,"errors":N,"warnings":N,"diagnostics":[{"file","line","column","end_line",
/// "end_column","severity","code","message","notes":[{"line","column","end_line","end_column",
/// "message"}],"help"}]}. Positions are 1-based; null when a diagnostic has no position; "help" is
/// null when there is none. Every string is valid UTF-8 (invalid bytes become U+FFFD).
[[nodiscard]] std::string render_json(const Diagnostics& diagnostics, std::string_view display_path);

/// JSON string literal (RFC 8259): control characters escaped, invalid UTF-8 replaced by U+FFFD.
[[nodiscard]] std::string json_quote(std::string_view text);

/// Text safe to print on a terminal: control characters (but tab) as \u{XX}, so that a key or
/// value from pulsar.toml cannot move the cursor or change colours.
[[nodiscard]] std::string printable_text(std::string_view text);

[[nodiscard]] std::string_view severity_name(Severity severity);

/// What `pulsarc explain CODE` prints.
[[nodiscard]] std::string render_code_explanation(const CodeInfo& info);

/// docs/codes.md: an index of every code, then each code's explanation, sorted by code (`pulsarc
/// explain --all --markdown`; a test compares it with the checked-in file).
[[nodiscard]] std::string render_codes_markdown(std::span<const CodeInfo> codes);

}  // namespace pulsarc
