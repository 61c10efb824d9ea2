// The field table of pulsar.toml: one source for the strict structural pass, `pulsarc schema`
// (JSON Schema for editors) and the reference documentation, so the three cannot drift.
#pragma once
#include "parse/layer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pulsarc::parser {

enum class FieldType {
  string,
  integer,
  boolean,
  datetime,     ///< TOML offset date-time
  table,        ///< fixed keys, described by `children`
  table_array,  ///< array of tables with fixed keys (`[[nodes]]` or inline)
  string_array,
  string_map,  ///< table of string -> string (labels, node selectors)
  free_table,  ///< anything goes (`chart.values`)
};

struct Field {
  std::string_view name;
  FieldType type = FieldType::string;
  bool required = false;
  std::string description;
  std::vector<std::string_view> allowed;  ///< enum values (from pulsarc/spelling.hpp); empty = any
  std::string default_text;               ///< the default: the parser, the JSON Schema and the docs read it
  std::vector<Field> children;
};

/// The root table of pulsar.toml.
[[nodiscard]] const Field& config_schema();

[[nodiscard]] std::string_view type_name(FieldType type);

/// The default of the key at `dotted` (e.g. "broker.replicas"), as written in the field table.
/// A path the table lacks, or a key without a default, is a bug: std::logic_error.
[[nodiscard]] const std::string& default_text(std::string_view dotted);
[[nodiscard]] std::int64_t default_integer(std::string_view dotted);
[[nodiscard]] bool default_boolean(std::string_view dotted);

}  // namespace pulsarc::parser
