// Kubernetes and host-path syntax predicates shared by the structure rules.
#pragma once
#include "check/layer.hpp"

#include <string_view>

namespace pulsarc::checker {

/// RFC 1123 label: lowercase alphanumerics and '-', 1..63, alphanumeric at both ends.
[[nodiscard]] bool is_dns1123_label(std::string_view text);
/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
[[nodiscard]] bool is_dns1123_subdomain(std::string_view text);
/// A label key: optional DNS subdomain prefix and '/', then a name of at most 63 characters.
[[nodiscard]] bool is_label_key(std::string_view text);
/// A label value: empty, or at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends.
[[nodiscard]] bool is_label_value(std::string_view text);
/// A Kubernetes quantity such as "20Gi", "500m", "1.5", "1e3".
[[nodiscard]] bool is_quantity(std::string_view text);
/// Absolute, no "." or ".." components, no "//", no trailing '/', printable ASCII only.
[[nodiscard]] bool is_normalised_absolute_path(std::string_view text);
/// A host name (letters, digits and '-' in dot-separated labels), an IPv4 address, or an IPv6 address,
/// bare or in brackets: what may stand between "//" and ":port" in a URL without changing its meaning.
[[nodiscard]] bool is_host(std::string_view text);
/// `[registry/]repository[:tag]` as Docker accepts it, with a tag and no digest-less "latest".
[[nodiscard]] bool is_image_reference(std::string_view text);

}  // namespace pulsarc::checker
