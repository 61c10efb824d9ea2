// A bound on how deeply pulsar.toml nests, found before toml++ sees the text: toml++ limits nested
// arrays and inline tables, but not dotted keys, and it builds and destroys tables recursively, so
// `[a.a.a.…]` with tens of thousands of parts overflows the stack (found by tests/fuzz).
#pragma once
#include "parse/layer.hpp"

#include <optional>
#include <string_view>

#include "pulsarc/diagnostic.hpp"

namespace pulsarc::parser {

/// Where the text first nests tables and arrays deeper than `limit` levels (the root table is level 0,
/// every dotted-key part, table header part, inline table and array adds one), if anywhere. A lexical
/// scan that follows TOML's strings and comments; on text that is not TOML it still ends, linearly.
[[nodiscard]] std::optional<Span> find_nesting_beyond(std::string_view toml_text, int limit);

}  // namespace pulsarc::parser
