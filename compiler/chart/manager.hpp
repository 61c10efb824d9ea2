// Facts about Pulsar Manager images that every chart version shares: which database schema each
// image version has, and the JDBC URL it is given.
#pragma once
#include "chart/layer.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pulsarc::manager {

/// The Pulsar Manager releases whose PostgreSQL schema pulsarc knows.
/// v0.2.0 has `roles` and `role_binding` and no `environments.bookie`; v0.3.0 and v0.4.0 have
/// the same schema: `environments.bookie` (NOT NULL) and neither of those two tables.
enum class ManagerSchema { V0_2_0, V0_3_0, V0_4_0 };

/// "v0.2.0", "v0.3.0", "v0.4.0" (exact image tags); anything else -> nullopt.
std::optional<ManagerSchema> manager_schema_for_tag(std::string_view image_tag);

/// The image tag of a schema version, e.g. "v0.4.0".
std::string_view manager_schema_tag(ManagerSchema schema);

/// Every supported tag, oldest first (for "supported are ..." messages).
inline constexpr std::array<std::string_view, 3> kManagerSchemaTags = {"v0.2.0", "v0.3.0", "v0.4.0"};

/// `jdbc:postgresql://HOST:PORT/DATABASE` as pgjdbc parses it: an IPv6 host is bracketed and the
/// database is percent-encoded (pgjdbc URL-decodes it) except for [A-Za-z0-9._~-], so
/// ("127.0.0.1", 5432, "pulsar_manager") gives exactly the URL the image treats as "embedded".
std::string manager_jdbc_url(std::string_view host, std::int64_t port, std::string_view database);

}  // namespace pulsarc::manager
