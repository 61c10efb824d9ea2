#include "check/syntax.hpp"

#include <algorithm>

namespace pulsarc::checker {
namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

bool is_dns1123_label(std::string_view text) {
  if (text.empty() || text.size() > 63) return false;
  if (!is_lower_alnum(text.front()) || !is_lower_alnum(text.back())) return false;
  return std::ranges::all_of(text, [](char c) { return is_lower_alnum(c) || c == '-'; });
}

bool is_dns1123_subdomain(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = text.find('.', start);
    if (!is_dns1123_label(text.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_label_value(std::string_view text) {
  if (text.empty()) return true;
  if (text.size() > 63 || !is_alnum(text.front()) || !is_alnum(text.back())) return false;
  return std::ranges::all_of(text, [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_label_key(std::string_view text) {
  const auto slash = text.find('/');
  std::string_view name = text;
  if (slash != std::string_view::npos) {
    if (!is_dns1123_subdomain(text.substr(0, slash))) return false;
    name = text.substr(slash + 1);
  }
  return !name.empty() && is_label_value(name);
}

bool is_quantity(std::string_view text) {
  // Kubernetes: sign? digits [. digits] (binarySI | decimalSI | decimalExponent)?
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  bool any_digits = i > digits_start;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t fraction_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    any_digits = any_digits || i > fraction_start;
  }
  if (!any_digits) return false;
  const std::string_view suffix = text.substr(i);
  static constexpr std::string_view kSuffixes[] = {"",  "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n",
                                                   "u", "m",  "k",  "M",  "G",  "T",  "P",  "E"};
  if (std::ranges::find(kSuffixes, suffix) != std::end(kSuffixes)) return true;
  if (suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::size_t j = 1;
    if (suffix[j] == '+' || suffix[j] == '-') ++j;
    return j < suffix.size() && std::all_of(suffix.begin() + static_cast<std::ptrdiff_t>(j), suffix.end(), is_digit);
  }
  return false;
}

bool is_normalised_absolute_path(std::string_view text) {
  if (text.size() < 2 || text.front() != '/' || text.back() == '/' || text.size() > 4096) return false;
  if (!std::ranges::all_of(text, [](char c) { return c > ' ' && c < 0x7f; })) return false;
  std::size_t start = 1;
  while (start <= text.size()) {
    const auto slash = text.find('/', start);
    const auto part = text.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

bool is_host(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  if (text.find(':') != std::string_view::npos) {
    // IPv6: hex digits, ':' and (for an embedded IPv4 tail) '.', optionally in brackets.
    std::string_view address = text;
    if (address.front() == '[') {
      if (address.size() < 3 || address.back() != ']') return false;
      address = address.substr(1, address.size() - 2);
    }
    return std::ranges::count(address, ':') >= 2 && std::ranges::all_of(address, [](char c) {
             return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
           });
  }
  std::size_t start = 0;
  while (true) {
    const auto dot = text.find('.', start);
    const auto label = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::ranges::all_of(label, [](char c) { return is_alnum(c) || c == '-'; })) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_image_reference(std::string_view text) {
  const auto slash = text.rfind('/');
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash)) return false;
  const auto repository = text.substr(0, colon);
  const auto tag = text.substr(colon + 1);
  if (repository.empty() || tag.empty() || tag.size() > 128) return false;
  if (!(is_alnum(tag.front()) || tag.front() == '_')) return false;
  if (!std::ranges::all_of(tag, [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; })) return false;
  // Path components: lowercase alphanumerics separated by '.', '_', '__' or '-'; the first may be a host[:port].
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const auto next = repository.find('/', start);
    const auto part = repository.substr(start, next - start);
    if (part.empty()) return false;
    const bool is_host = first && next != std::string_view::npos &&
                         (part.find_first_of(".:") != std::string_view::npos || part == "localhost");
    const bool ok =
        is_host ? std::ranges::all_of(part, [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == ':'; })
                : is_lower_alnum(part.front()) && is_lower_alnum(part.back()) && std::ranges::all_of(part, [](char c) {
                    return is_lower_alnum(c) || c == '.' || c == '_' || c == '-';
                  });
    if (!ok) return false;
    if (next == std::string_view::npos) return true;
    start = next + 1;
    first = false;
  }
}

}  // namespace pulsarc::checker
