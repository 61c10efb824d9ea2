#pragma once
#include "parse/layer.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace pulsarc::parser {

/// "2027-01-01T00:00:00Z" -> seconds since the epoch; the offset is required.
[[nodiscard]] std::optional<std::int64_t> parse_offset_datetime(std::string_view text);

}  // namespace pulsarc::parser
