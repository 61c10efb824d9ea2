// Applies the machine-applicable edits of diagnostics (`check --fix`) to the source text, changing
// no other byte.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulsarc/diagnostic.hpp"

namespace pulsarc {

/// Byte offset of a 1-based line and code-point column (toml++'s units) in `source`; the column
/// may be one past the line's end. nullopt when the position is not in the text.
[[nodiscard]] std::optional<std::size_t> byte_offset(std::string_view source, std::uint32_t line, std::uint32_t column);

struct FixResult {
  std::string text;                    ///< the source with the applied edits
  std::vector<std::string> applied;    ///< one line per applied diagnostic: "LINE:COL: CODE: what"
  std::vector<std::string> conflicts;  ///< diagnostics whose edits overlap another's or do not fit the text
};

/// Applies every diagnostic's edits (all of one diagnostic or none). Edits of different
/// diagnostics that overlap (or insert at the same place) are all dropped; identical ones count once.
[[nodiscard]] FixResult apply_fixes(std::string_view source, const Diagnostics& diagnostics);

/// One line describing an edit for people: `insert "…" at 3:5` or `replace 3:5-3:9 with "…"`.
[[nodiscard]] std::string describe_edit(const Edit& edit);

}  // namespace pulsarc
