#pragma once

#include <string_view>

#include "pulsarc/diagnostic.hpp"

namespace pulsarc {

/// What `pulsarc explain CODE` prints and docs/codes.md lists.
struct CodeInfo {
  std::string_view code;
  Severity severity = Severity::error;
  std::string_view title;        ///< one line, names the rule
  std::string_view explanation;  ///< why the rule exists and how to fix a violation
};

}  // namespace pulsarc
