// manager/init.sql: the PostgreSQL role, database and schema that Pulsar Manager needs.
//
// The manager image never creates its tables in an external database (it runs with
// spring.datasource.initialization-mode=never), and its schema differs per release, so pulsarc
// writes the exact schema of the image's version. The file is a psql script, safe to run again,
// and holds no secret: passwords come from psql variables.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pulsarc::lowering {

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

/// The first UI user (`manager.admin`). The password is not here: init.sql hashes the psql
/// variable `admin_password` itself.
struct ManagerAdminSeed {
  std::string name;
  std::string email;
  std::string password_file = {};  ///< only shown in the how-to-run comment; empty: a placeholder
};

struct ManagerSqlInput {
  ManagerSchema schema = ManagerSchema::V0_4_0;
  std::string database;  ///< `manager.database.name`
  std::string role;      ///< `manager.database.user`
  std::optional<ManagerAdminSeed> admin;
  // Only shown in the how-to-run comment (empty: placeholders); they change no statement.
  std::string host = {};
  std::int64_t port = 5432;
  std::string password_file = {};  ///< `manager.database.password_file`, as written
};

/// The whole manager/init.sql: deterministic text, LF line ends, one trailing newline.
/// Precondition (guaranteed by the check stage): database, role and admin fields hold no control
/// characters; violating it throws std::invalid_argument (a psql meta-command cannot carry them).
std::string manager_init_sql(const ManagerSqlInput& input);

/// `jdbc:postgresql://HOST:PORT/DATABASE` as pgjdbc parses it: an IPv6 host is bracketed and the
/// database is percent-encoded (pgjdbc URL-decodes it) except for [A-Za-z0-9._~-], so
/// ("127.0.0.1", 5432, "pulsar_manager") gives exactly the URL the image treats as "embedded".
std::string manager_jdbc_url(std::string_view host, std::int64_t port, std::string_view database);

/// SQL quoting used by init.sql, exposed for tests: an always-quoted identifier ("a""b") and a
/// string literal that is right whatever standard_conforming_strings is ('a''b', E'a\\b').
std::string sql_identifier(std::string_view name);
std::string sql_literal(std::string_view text);

}  // namespace pulsarc::lowering
