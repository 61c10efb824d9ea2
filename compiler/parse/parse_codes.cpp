#include "parse/parse_codes.hpp"

#include <array>

namespace pulsarc::parser {

std::span<const CodeInfo> parse_codes() {
  static constexpr std::array<CodeInfo, 6> kCodes{{
      {kSyntax, Severity::error, "TOML syntax error",
       "pulsar.toml is not valid TOML (https://toml.io/en/v1.0.0). The message is the TOML parser's;\n"
       "the position is where it stopped. Nothing else is checked until the file parses."},
      {kUnknownKey, Severity::error, "unknown key",
       "Every table and key of pulsar.toml is known to pulsarc; anything else is most likely a typo\n"
       "that would otherwise be ignored silently (a setting that never takes effect). The message\n"
       "suggests the nearest known key. Only [chart.values] accepts arbitrary keys."},
      {kWrongType, Severity::error, "wrong type",
       "The key exists but its value has the wrong TOML type, e.g. a quoted \"3\" where an integer is\n"
       "expected, or a local date-time where an offset date-time (with Z or +hh:mm) is required so\n"
       "that the result does not depend on the machine's time zone."},
      {kMissingKey, Severity::error, "missing required key",
       "A key without a default is missing. `pulsarc schema` and README.md list every key with its\n"
       "default; add the key to the table named in the message."},
      {kNotAllowed, Severity::error, "value not allowed",
       "The key takes one of a fixed set of values (for example profile = \"test\" or \"production\").\n"
       "Values are case-sensitive; the message lists the allowed ones."},
      {kTooLarge, Severity::error, "input exceeds a limit",
       "pulsarc refuses inputs beyond fixed limits (file size, array length, string length, nesting)\n"
       "so that a damaged or hostile file cannot make it slow or exhaust memory. Real clusters stay\n"
       "far below the limits named in the message."},
  }};
  return kCodes;
}

}  // namespace pulsarc::parser
