// manager/init.sql: the PostgreSQL role, database and schema that Pulsar Manager needs.
//
// The manager image never creates its tables in an external database (it runs with
// spring.datasource.initialization-mode=never), and its schema differs per release, so pulsarc
// writes the exact schema of the image's version. The file is a psql script, safe to run again,
// and holds no secret: passwords come from psql variables.
#pragma once
#include "lower/layer.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chart/manager.hpp"

namespace pulsarc::lowering {

using manager::kManagerSchemaTags;
using manager::manager_jdbc_url;
using manager::manager_schema_for_tag;
using manager::manager_schema_tag;
using manager::ManagerSchema;

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

/// SQL quoting used by init.sql, exposed for tests: an always-quoted identifier ("a""b") and a
/// string literal that is right whatever standard_conforming_strings is ('a''b', E'a\\b').
std::string sql_identifier(std::string_view name);
std::string sql_literal(std::string_view text);

}  // namespace pulsarc::lowering
