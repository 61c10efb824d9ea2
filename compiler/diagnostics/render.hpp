// Renders diagnostics for people (rustc-style, with the source line and a caret) or as JSON.
#pragma once

#include <string>
#include <string_view>

#include "pulsarc/diagnostic.hpp"

namespace pulsarc {

struct RenderOptions {
  std::string_view display_path = "pulsar.toml";  ///< as the user named the file
  bool color = false;
};

[[nodiscard]] std::string render_human(const Diagnostics& diagnostics, std::string_view source,
                                       const RenderOptions& options);

/// One JSON object per run: {"diagnostics":[{file,line,column,end_line,end_column,severity,code,
/// message,notes:[{line,column,end_line,end_column,message}],help}]}.
[[nodiscard]] std::string render_json(const Diagnostics& diagnostics, std::string_view display_path);

/// JSON string literal (RFC 8259), escaping control characters.
[[nodiscard]] std::string json_quote(std::string_view text);

}  // namespace pulsarc
