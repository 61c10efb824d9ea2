// The field table of pulsar.toml: one source for the strict structural pass, `pulsarc schema`
// (JSON Schema for editors) and the reference documentation, so the three cannot drift.
#pragma once

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
  std::string_view description;
  std::vector<std::string_view> allowed;  ///< enum values; empty = any
  std::string_view default_text;          ///< for documentation and the JSON Schema
  std::vector<Field> children;
};

/// The root table of pulsar.toml.
[[nodiscard]] const Field& config_schema();

[[nodiscard]] std::string_view type_name(FieldType type);

}  // namespace pulsarc::parser
