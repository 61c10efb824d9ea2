#pragma once
#include "parse/layer.hpp"

#include <span>

#include "diagnostics/code_info.hpp"

namespace pulsarc::parser {

inline constexpr std::string_view kSyntax = "PLS0001";
inline constexpr std::string_view kUnknownKey = "PLS0002";
inline constexpr std::string_view kWrongType = "PLS0003";
inline constexpr std::string_view kMissingKey = "PLS0004";
inline constexpr std::string_view kNotAllowed = "PLS0005";
inline constexpr std::string_view kTooLarge = "PLS0006";

/// The codes the parser reports (the check rules register their own).
[[nodiscard]] std::span<const CodeInfo> parse_codes();

}  // namespace pulsarc::parser
