#include "emit/index.hpp"

#include <fmt/format.h>

#include <vector>

namespace pulsarc::bundle_index {
namespace {

constexpr std::string_view kChartPrefix = "# chart ";
constexpr std::string_view kFingerprintPrefix = "# fingerprint ";
constexpr std::string_view kDigestPrefix = "sha256:";

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool is_hex_digest(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// "sha256:<hex>" -> hex; anything else (e.g. "none", "unknown") -> nullopt.
std::optional<std::string> digest_of(std::string_view text) {
  if (!text.starts_with(kDigestPrefix)) return std::nullopt;
  text.remove_prefix(kDigestPrefix.size());
  if (!is_hex_digest(text)) return std::nullopt;
  return std::string(text);
}

}  // namespace

std::string index_metadata_lines(std::string_view chart_version, const Fingerprints& fingerprints) {
  std::string out = fmt::format("{}{}\n", kChartPrefix, chart_version);
  if (!fingerprints.complete) return out + fmt::format("{}signing-key unknown\n", kFingerprintPrefix);
  out += fmt::format("{}signing-key {}\n", kFingerprintPrefix,
                     fingerprints.signing_key ? fmt::format("{}{}", kDigestPrefix, *fingerprints.signing_key) : "none");
  for (const auto& [role, digest] : fingerprints.tokens) {
    out += fmt::format("{}token {} {}{}\n", kFingerprintPrefix, role, kDigestPrefix, digest);
  }
  return out;
}

IndexInfo parse_index(std::string_view text) {
  IndexInfo info;
  for (auto line : lines_of(text)) {
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with(kChartPrefix)) {
      info.chart_version = std::string(line.substr(kChartPrefix.size()));
    } else if (line.starts_with(kFingerprintPrefix)) {
      auto rest = line.substr(kFingerprintPrefix.size());
      if (rest.starts_with("signing-key ")) {
        rest.remove_prefix(std::string_view("signing-key ").size());
        if (rest == "none") {
          info.fingerprints_recorded = true;
        } else if (auto digest = digest_of(rest)) {
          info.fingerprints_recorded = true;
          info.signing_key = std::move(digest);
        }
      } else if (rest.starts_with("token ")) {
        rest.remove_prefix(std::string_view("token ").size());
        const auto space = rest.find(' ');
        if (space == std::string_view::npos) continue;
        if (auto digest = digest_of(rest.substr(space + 1))) {
          info.tokens.emplace(std::string(rest.substr(0, space)), std::move(*digest));
        }
      }
    } else if (!line.starts_with('#') && line.size() > 66 && line.substr(64, 2) == "  " &&
               is_hex_digest(line.substr(0, 64))) {
      info.files.emplace(std::string(line.substr(66)), std::string(line.substr(0, 64)));
    }
  }
  return info;
}

std::string with_fingerprints_of(std::string_view index, std::string_view donor) {
  std::string donor_lines;
  for (const auto line : lines_of(donor)) {
    if (line.starts_with(kFingerprintPrefix)) donor_lines += fmt::format("{}\n", line);
  }
  if (donor_lines.empty()) return std::string(index);
  std::string out;
  bool inserted = false;
  for (const auto line : lines_of(index)) {
    if (line.starts_with(kFingerprintPrefix)) {
      if (!inserted) out += donor_lines;
      inserted = true;
      continue;
    }
    out += fmt::format("{}\n", line);
  }
  return out;
}

}  // namespace pulsarc::bundle_index
