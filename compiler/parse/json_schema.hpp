#pragma once
#include "parse/layer.hpp"

#include <string>

namespace pulsarc::parser {

/// JSON Schema (draft-07) of pulsar.toml, generated from the parser's field table.
[[nodiscard]] std::string json_schema();

}  // namespace pulsarc::parser
