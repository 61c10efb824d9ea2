#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pulsarc {

/// Levenshtein distance, bounded: stops counting past `limit`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate closest to `word`, if it is close enough to be what the user meant.
[[nodiscard]] std::optional<std::string_view> closest_match(std::string_view word,
                                                            std::span<const std::string_view> candidates);

}  // namespace pulsarc
