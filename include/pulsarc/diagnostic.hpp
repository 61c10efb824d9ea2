// Diagnostics are data: every stage returns them instead of throwing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pulsarc {

/// A region of pulsar.toml, 1-based; line 0 means "no position" (e.g. a defaulted value).
struct Span {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t end_line = 0;
  std::uint32_t end_column = 0;

  [[nodiscard]] bool known() const { return line != 0; }
  friend bool operator==(const Span&, const Span&) = default;
  friend auto operator<=>(const Span&, const Span&) = default;
};

enum class Severity { error, warning };

/// A secondary location: "node1 is also used here".
struct Label {
  Span span;
  std::string message;
};

/// A machine-applicable change to pulsar.toml: the text at `span` (1-based lines, columns in
/// Unicode code points as toml++ counts them, end exclusive; start == end inserts) becomes
/// `replacement`. Only attached when the fix is certain; `check --fix` applies them.
struct Edit {
  Span span;
  std::string replacement;
  friend bool operator==(const Edit&, const Edit&) = default;
};

struct Diagnostic {
  std::string code;  ///< stable, e.g. "PLS0201"; `pulsarc explain` describes it
  Severity severity = Severity::error;
  std::string message;
  Span span;
  std::vector<Label> notes;
  std::string help;
  std::vector<Edit> fixes;  ///< applied together or not at all; empty when no fix is certain
};

using Diagnostics = std::vector<Diagnostic>;

[[nodiscard]] bool has_errors(const Diagnostics& diagnostics);

/// Orders by position, then code, then message, so output never depends on rule order.
void sort_diagnostics(Diagnostics& diagnostics);

}  // namespace pulsarc
