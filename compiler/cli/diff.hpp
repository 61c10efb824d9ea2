#pragma once

#include <string>
#include <string_view>

namespace pulsarc::cli {

/// A unified diff (3 lines of context) between two texts; empty when they are equal.
[[nodiscard]] std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

/// Replaces every value under a Secret's `data:` with <redacted>, keeping the keys.
[[nodiscard]] std::string redact_secret_yaml(std::string_view text);

}  // namespace pulsarc::cli
