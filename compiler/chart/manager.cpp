#include "chart/manager.hpp"

namespace pulsarc::manager {

std::optional<ManagerSchema> manager_schema_for_tag(std::string_view image_tag) {
  if (image_tag == "v0.2.0") return ManagerSchema::V0_2_0;
  if (image_tag == "v0.3.0") return ManagerSchema::V0_3_0;
  if (image_tag == "v0.4.0") return ManagerSchema::V0_4_0;
  return std::nullopt;
}

std::string_view manager_schema_tag(ManagerSchema schema) {
  switch (schema) {
    case ManagerSchema::V0_2_0: return kManagerSchemaTags[0];
    case ManagerSchema::V0_3_0: return kManagerSchemaTags[1];
    case ManagerSchema::V0_4_0: return kManagerSchemaTags[2];
  }
  return kManagerSchemaTags[2];
}

std::string manager_jdbc_url(std::string_view host, std::int64_t port, std::string_view database) {
  std::string out = "jdbc:postgresql://";
  const bool ipv6 = host.find(':') != std::string_view::npos && !host.starts_with('[');
  if (ipv6) out += '[';
  out += host;
  if (ipv6) out += ']';
  out += ':';
  out += std::to_string(port);
  out += '/';
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : database) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0f];
    }
  }
  return out;
}

}  // namespace pulsarc::manager
