// manager/init.sql: the schema per manager version, quoting, no secrets, determinism.
// tests/external/manager_postgres.test.sh runs the same SQL against a real PostgreSQL server.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lower/manager_sql.hpp"

using namespace pulsarc::lowering;

namespace {

ManagerSqlInput input(ManagerSchema schema, bool admin = true) {
  ManagerSqlInput in;
  in.schema = schema;
  in.database = "pulsar_manager";
  in.role = "pulsar_manager";
  if (admin) in.admin = ManagerAdminSeed{"admin", "admin@example.com"};
  return in;
}

/// Names of the tables the script creates, in order.
std::vector<std::string> created_tables(const std::string& sql) {
  std::vector<std::string> out;
  const std::string_view marker = "\nCREATE TABLE IF NOT EXISTS ";
  for (auto pos = sql.find(marker); pos != std::string::npos; pos = sql.find(marker, pos + 1)) {
    const auto start = pos + marker.size();
    out.push_back(sql.substr(start, sql.find(' ', start) - start));
  }
  return out;
}

/// The body of `CREATE TABLE IF NOT EXISTS name (...);`.
std::string table_body(const std::string& sql, const std::string& name) {
  const auto start = sql.find("CREATE TABLE IF NOT EXISTS " + name + " (");
  REQUIRE(start != std::string::npos);
  return sql.substr(start, sql.find(");", start) - start);
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("manager image tags map to schema versions", "[manager_sql]") {
  CHECK(manager_schema_for_tag("v0.2.0") == ManagerSchema::V0_2_0);
  CHECK(manager_schema_for_tag("v0.3.0") == ManagerSchema::V0_3_0);
  CHECK(manager_schema_for_tag("v0.4.0") == ManagerSchema::V0_4_0);
  CHECK_FALSE(manager_schema_for_tag("v0.1.0"));
  CHECK_FALSE(manager_schema_for_tag("0.4.0"));
  CHECK_FALSE(manager_schema_for_tag("v0.4.0 "));
  CHECK_FALSE(manager_schema_for_tag("latest"));
  CHECK_FALSE(manager_schema_for_tag(""));
  for (const auto tag : kManagerSchemaTags) {
    CHECK(manager_schema_tag(*manager_schema_for_tag(tag)) == tag);
  }
}

TEST_CASE("each version gets exactly its upstream table set", "[manager_sql]") {
  const std::vector<std::string> common_head = {
      "environments",        "topics_stats",    "publishers_stats", "replications_stats",
      "subscriptions_stats", "consumers_stats", "tokens",           "users"};
  const auto v020 = manager_init_sql(input(ManagerSchema::V0_2_0));
  std::vector<std::string> want020 = common_head;
  want020.insert(want020.end(), {"roles", "tenants", "namespaces", "role_binding"});
  CHECK(created_tables(v020) == want020);

  std::vector<std::string> want030 = common_head;
  want030.insert(want030.end(), {"tenants", "namespaces"});
  for (const auto schema : {ManagerSchema::V0_3_0, ManagerSchema::V0_4_0}) {
    const auto sql = manager_init_sql(input(schema));
    CHECK(created_tables(sql) == want030);
    CHECK_FALSE(contains(sql, " roles "));
    CHECK_FALSE(contains(sql, "role_binding"));
  }
}

TEST_CASE("environments.bookie exists from v0.3.0 on", "[manager_sql]") {
  CHECK_FALSE(contains(table_body(manager_init_sql(input(ManagerSchema::V0_2_0)), "environments"), "bookie"));
  for (const auto schema : {ManagerSchema::V0_3_0, ManagerSchema::V0_4_0}) {
    const auto body = table_body(manager_init_sql(input(schema)), "environments");
    CHECK(contains(body, "  bookie varchar(1024) NOT NULL,\n"));
  }
  // v0.3.0 and v0.4.0 have the same schema upstream, so the same script apart from the tag.
  auto v030 = manager_init_sql(input(ManagerSchema::V0_3_0));
  auto v040 = manager_init_sql(input(ManagerSchema::V0_4_0));
  std::replace(v030.begin(), v030.end(), '3', '4');
  std::replace(v040.begin(), v040.end(), '3', '4');
  CHECK(v030 == v040);
}

TEST_CASE("upstream column definitions are kept", "[manager_sql]") {
  const auto sql = manager_init_sql(input(ManagerSchema::V0_2_0));
  CHECK(table_body(sql, "users") ==
        "CREATE TABLE IF NOT EXISTS users (\n"
        "  user_id BIGSERIAL PRIMARY KEY,\n"
        "  access_token varchar(256),\n"
        "  name varchar(256) NOT NULL,\n"
        "  description varchar(128),\n"
        "  email varchar(256),\n"
        "  phone_number varchar(48),\n"
        "  location varchar(256),\n"
        "  company varchar(256),\n"
        "  expire BIGINT NOT NULL,\n"
        "  password varchar(256),\n"
        "  UNIQUE (name)\n");
  CHECK(table_body(sql, "environments") ==
        "CREATE TABLE IF NOT EXISTS environments (\n"
        "  name varchar(256) NOT NULL,\n"
        "  broker varchar(1024) NOT NULL,\n"
        "  CONSTRAINT PK_name PRIMARY KEY (name),\n"
        "  UNIQUE (broker)\n");
  CHECK(contains(table_body(sql, "subscriptions_stats"), "  UNIQUE (topic_stats_id, subscription),\n"));
  CHECK(contains(table_body(sql, "roles"), "  flag INT NOT NULL\n"));
  // The schema check lists every column with the type PostgreSQL reports for it.
  CHECK(contains(sql, "('environments', 'broker', 'character varying(1024)', true)"));
  CHECK(contains(sql, "('subscriptions_stats', 'subscription', 'character varying(255)', false)"));
  CHECK(contains(sql, "('roles', 'flag', 'integer', true)"));
  CHECK(contains(sql, "('topics_stats', 'topic_stats_id', 'bigint', true)"));
}

TEST_CASE("the role, the database and ownership", "[manager_sql]") {
  const auto sql = manager_init_sql(input(ManagerSchema::V0_4_0));
  CHECK(sql.starts_with("-- Generated by pulsarc from pulsar.toml. Do not edit.\n"));
  CHECK(sql.ends_with("COMMIT;\n"));
  CHECK_FALSE(contains(sql, "\r"));
  CHECK(contains(sql, "\\set ON_ERROR_STOP on\n"));
  CHECK(contains(sql,
                 "SELECT 'CREATE ROLE \"pulsar_manager\" LOGIN'\n"
                 "  WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pulsar_manager') \\gexec\n"));
  CHECK(contains(sql, "ALTER ROLE \"pulsar_manager\" WITH LOGIN PASSWORD :'password';\n"));
  // A non-superuser (CREATEROLE, CREATEDB) joins the role, which CREATE DATABASE ... OWNER needs.
  CHECK(contains(sql,
                 "SELECT 'GRANT ' || pg_catalog.quote_ident('pulsar_manager') || ' TO ' || "
                 "pg_catalog.quote_ident(current_user)\n"
                 "  WHERE NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) \\gexec\n"));
  CHECK(contains(sql, "SELECT 'CREATE DATABASE \"pulsar_manager\" OWNER \"pulsar_manager\"'\n"));
  CHECK(contains(sql, "ALTER DATABASE \"pulsar_manager\" OWNER TO \"pulsar_manager\";\n"));
  CHECK(contains(sql, "\\connect \"pulsar_manager\"\n"));
  // Tables are created as the role, and pre-existing ones are handed over.
  const auto set_role = sql.find("SET LOCAL ROLE \"pulsar_manager\";\n");
  REQUIRE(set_role != std::string::npos);
  CHECK(set_role < sql.find("\nCREATE TABLE IF NOT EXISTS"));
  CHECK(contains(sql, "ALTER TABLE namespaces OWNER TO \"pulsar_manager\";\n"));
  // Every statement after \connect is in one transaction.
  const auto begin = sql.find("BEGIN;\n");
  CHECK(begin > sql.find("\\connect"));
  CHECK(begin < set_role);
}

TEST_CASE("no secret in the file: passwords are psql variables", "[manager_sql]") {
  for (const auto schema : {ManagerSchema::V0_2_0, ManagerSchema::V0_3_0, ManagerSchema::V0_4_0}) {
    const auto sql = manager_init_sql(input(schema));
    CHECK(contains(sql, "\\if :{?password}\n"));
    CHECK(contains(sql, "\\if :{?admin_password}\n"));
    CHECK(contains(sql,
                   "pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(:'admin_password', "
                   "'UTF8')), 'hex')"));
    // PASSWORD is only ever followed by the variable, never by a literal.
    for (auto pos = sql.find("PASSWORD "); pos != std::string::npos; pos = sql.find("PASSWORD ", pos + 1)) {
      CHECK(sql.compare(pos, 21, "PASSWORD :'password';") == 0);
    }
    CHECK_FALSE(contains(sql, "ENCRYPTED"));
  }
  const auto no_admin = manager_init_sql(input(ManagerSchema::V0_2_0, false));
  CHECK_FALSE(contains(no_admin, "admin_password"));
  CHECK_FALSE(contains(no_admin, "INSERT"));
}

TEST_CASE("the admin seed is what the manager's API stores", "[manager_sql]") {
  const auto v040 = manager_init_sql(input(ManagerSchema::V0_4_0));
  CHECK(contains(v040,
                 "INSERT INTO users (access_token, name, description, email, phone_number, location, "
                 "company,\n                   expire, password)\n"
                 "  SELECT NULL, 'admin', NULL, 'admin@example.com', NULL, NULL, NULL, 0,\n"));
  CHECK(contains(v040, "  WHERE NOT EXISTS (SELECT FROM users WHERE name = 'admin');\n"));
  CHECK_FALSE(contains(v040, "INSERT INTO roles"));
  CHECK_FALSE(contains(v040, "INSERT INTO role_binding"));

  const auto v020 = manager_init_sql(input(ManagerSchema::V0_2_0));
  CHECK(contains(v020, "'admin', 'This is super role', 'ALL', 'superuser', 'SUPER_USER', 0, 'admin', 0\n"));
  CHECK(contains(v020, "SELECT 'super_user_role_binding', 'This is super role binding', u.user_id, r.role_id\n"));
  // The role row comes before the user row, the binding after both (as the API inserts them).
  CHECK(v020.find("INSERT INTO roles") < v020.find("INSERT INTO users"));
  CHECK(v020.find("INSERT INTO users") < v020.find("INSERT INTO role_binding"));
}

TEST_CASE("odd identifiers and literals are quoted", "[manager_sql]") {
  CHECK(sql_identifier("pulsar_manager") == "\"pulsar_manager\"");
  CHECK(sql_identifier("Mixed Case") == "\"Mixed Case\"");
  CHECK(sql_identifier("a\"b") == "\"a\"\"b\"");
  CHECK(sql_literal("it's") == "'it''s'");
  CHECK(sql_literal("a\\b") == "E'a\\\\b'");
  CHECK(sql_literal("") == "''");

  ManagerSqlInput in = input(ManagerSchema::V0_2_0);
  in.database = "Pulsar \"DB\" x\\y:password";
  in.role = "o'Role$pulsarc$";
  in.admin = ManagerAdminSeed{"o'neil", "o'neil@example.com"};
  const auto sql = manager_init_sql(in);
  CHECK(contains(sql, "SELECT 'CREATE ROLE \"o''Role$pulsarc$\" LOGIN'\n"));
  CHECK(contains(sql, "WHERE rolname = 'o''Role$pulsarc$') \\gexec\n"));
  CHECK(contains(sql, "ALTER ROLE \"o'Role$pulsarc$\" WITH LOGIN PASSWORD :'password';\n"));
  CHECK(contains(sql, "SELECT E'CREATE DATABASE \"Pulsar \"\"DB\"\" x\\\\y:password\" OWNER \"o''Role$pulsarc$\"'\n"));
  CHECK(contains(sql, "WHERE datname = E'Pulsar \"DB\" x\\\\y:password') \\gexec\n"));
  CHECK(contains(sql, "\\connect \"Pulsar \"\"DB\"\" x\\y:password\"\n"));
  CHECK(contains(sql, "SET LOCAL ROLE \"o'Role$pulsarc$\";\n"));
  CHECK(contains(sql, "SELECT NULL, 'o''neil', NULL, 'o''neil@example.com', NULL, NULL, NULL, 0,\n"));
  // User-supplied text never enters a dollar-quoted DO block.
  for (auto pos = sql.find("$pulsarc$ BEGIN"); pos != std::string::npos; pos = sql.find("$pulsarc$ BEGIN", pos + 1)) {
    const auto end = sql.find('\n', pos);
    CHECK_FALSE(contains(sql.substr(pos, end - pos), "Role"));
  }

  ManagerSqlInput bad = input(ManagerSchema::V0_4_0);
  bad.database = "db\n\\! rm -rf /";
  CHECK_THROWS_AS(manager_init_sql(bad), std::invalid_argument);
  bad = input(ManagerSchema::V0_4_0);
  bad.admin->name = "a\rb";
  CHECK_THROWS_AS(manager_init_sql(bad), std::invalid_argument);
}

TEST_CASE("the how-to-run comment uses the configured paths", "[manager_sql]") {
  ManagerSqlInput in = input(ManagerSchema::V0_4_0);
  CHECK(contains(manager_init_sql(in), "-v password=\"$(cat <manager.database.password_file>)\""));
  in.host = "postgres.example.com";
  in.port = 6432;
  in.password_file = "secrets/manager-db.password";
  in.admin->password_file = "secrets/my admin's.password";
  const auto sql = manager_init_sql(in);
  CHECK(contains(sql,
                 "--   psql -h postgres.example.com -p 6432 -U postgres -d postgres -v ON_ERROR_STOP=1 \\\n"
                 "--     -v password=\"$(cat secrets/manager-db.password)\" \\\n"
                 "--     -v admin_password=\"$(cat 'secrets/my admin'\\''s.password')\" \\\n"
                 "--     -f manager/init.sql\n"));
  // The hints change comments only.
  auto strip_comments = [](const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const auto end = text.find('\n', pos);
      const auto l = text.substr(pos, end - pos);
      if (!l.starts_with("--")) out += l + "\n";
      pos = end + 1;
    }
    return out;
  };
  CHECK(strip_comments(sql) == strip_comments(manager_init_sql(input(ManagerSchema::V0_4_0))));
}

// That the bytes are the same in every run, locale and time zone is shown across processes by the
// goldens and tests/external/determinism.test.sh.
TEST_CASE("every table is created once", "[manager_sql]") {
  for (const auto schema : {ManagerSchema::V0_2_0, ManagerSchema::V0_3_0, ManagerSchema::V0_4_0}) {
    const auto tables = created_tables(manager_init_sql(input(schema)));
    REQUIRE_FALSE(tables.empty());
    std::set<std::string> seen;
    for (const auto& t : tables) CHECK(seen.insert(t).second);
  }
}

TEST_CASE("JDBC URLs are what pgjdbc parses back", "[manager_sql]") {
  CHECK(manager_jdbc_url("127.0.0.1", 5432, "pulsar_manager") == "jdbc:postgresql://127.0.0.1:5432/pulsar_manager");
  CHECK(manager_jdbc_url("postgres.example.com", 6432, "pm") == "jdbc:postgresql://postgres.example.com:6432/pm");
  CHECK(manager_jdbc_url("::1", 5432, "pm") == "jdbc:postgresql://[::1]:5432/pm");
  CHECK(manager_jdbc_url("[::1]", 5432, "pm") == "jdbc:postgresql://[::1]:5432/pm");
  // pgjdbc URL-decodes the database name ('+' would become a space, '?' would start options).
  CHECK(manager_jdbc_url("db", 5432, "a+b c?d$e") == "jdbc:postgresql://db:5432/a%2Bb%20c%3Fd%24e");
  CHECK(manager_jdbc_url("db", 5432, "Mixed.Case-1~x") == "jdbc:postgresql://db:5432/Mixed.Case-1~x");
}
