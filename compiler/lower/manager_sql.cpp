#include "lower/manager_sql.hpp"

#include "lower/parts.hpp"

#include <stdexcept>
#include <vector>

namespace pulsarc::lowering {
namespace {

// ---------------------------------------------------------------------------------------------
// The schema, transcribed from apache/pulsar-manager
// src/main/resources/META-INF/sql/postgresql-schema.sql at tags v0.2.0 (c300c94), v0.3.0
// (8237dc4) and v0.4.0 (6b97a0a); v0.3.0 and v0.4.0 are identical. Only whitespace and the case
// of keywords differ from upstream; the leading `CREATE DATABASE pulsar_manager; \c
// pulsar_manager;` is replaced by our own role/database section.
// ---------------------------------------------------------------------------------------------

struct Column {
  std::string_view name;
  std::string_view declaration;  ///< type and column constraints, as upstream writes them
  std::string_view pg_type;      ///< what pg_catalog.format_type() reports for it
  bool not_null;                 ///< what pg_attribute.attnotnull reports (PRIMARY KEY implies it)
};

struct Table {
  std::string_view name;
  std::vector<Column> columns;
  std::vector<std::string_view> constraints;  ///< table constraints, in upstream order
  bool v0_2_0_only = false;                   ///< roles, role_binding
};

constexpr std::string_view kVarchar255 = "character varying(255)";
constexpr std::string_view kVarchar256 = "character varying(256)";
constexpr std::string_view kBigint = "bigint";
constexpr std::string_view kDouble = "double precision";

Column serial_pk(std::string_view name) {
  return {name, "BIGSERIAL PRIMARY KEY", kBigint, true};
}
Column dbl(std::string_view name) {
  return {name, "double precision", kDouble, false};
}
Column bigint(std::string_view name) {
  return {name, "BIGINT", kBigint, false};
}

std::vector<Table> schema_tables(ManagerSchema schema) {
  const bool v020 = schema == ManagerSchema::V0_2_0;
  std::vector<Column> environments = {
      {"name", "varchar(256) NOT NULL", kVarchar256, true},
      {"broker", "varchar(1024) NOT NULL", "character varying(1024)", true},
  };
  if (!v020) environments.push_back({"bookie", "varchar(1024) NOT NULL", "character varying(1024)", true});

  std::vector<Table> tables = {
      {"environments", environments, {"CONSTRAINT PK_name PRIMARY KEY (name)", "UNIQUE (broker)"}},
      {"topics_stats",
       {serial_pk("topic_stats_id"),
        {"environment", "varchar(255) NOT NULL", kVarchar255, true},
        {"cluster", "varchar(255) NOT NULL", kVarchar255, true},
        {"broker", "varchar(255) NOT NULL", kVarchar255, true},
        {"tenant", "varchar(255) NOT NULL", kVarchar255, true},
        {"namespace", "varchar(255) NOT NULL", kVarchar255, true},
        {"bundle", "varchar(255) NOT NULL", kVarchar255, true},
        {"persistent", "varchar(36) NOT NULL", "character varying(36)", true},
        {"topic", "varchar(255) NOT NULL", kVarchar255, true},
        bigint("producer_count"),
        bigint("subscription_count"),
        dbl("msg_rate_in"),
        dbl("msg_throughput_in"),
        dbl("msg_rate_out"),
        dbl("msg_throughput_out"),
        dbl("average_msg_size"),
        dbl("storage_size"),
        bigint("time_stamp")},
       {}},
      {"publishers_stats",
       {serial_pk("publisher_stats_id"),
        bigint("producer_id"),
        {"topic_stats_id", "BIGINT NOT NULL", kBigint, true},
        {"producer_name", "varchar(255) NOT NULL", kVarchar255, true},
        dbl("msg_rate_in"),
        dbl("msg_throughput_in"),
        dbl("average_msg_size"),
        {"address", "varchar(255)", kVarchar255, false},
        {"connected_since", "varchar(128)", "character varying(128)", false},
        {"client_version", "varchar(36)", "character varying(36)", false},
        {"metadata", "text", "text", false},
        bigint("time_stamp")},
       {"CONSTRAINT fk_publishers_stats_topic_stats_id FOREIGN KEY (topic_stats_id) "
        "REFERENCES topics_stats(topic_stats_id)"}},
      {"replications_stats",
       {serial_pk("replication_stats_id"),
        {"topic_stats_id", "BIGINT NOT NULL", kBigint, true},
        {"cluster", "varchar(255) NOT NULL", kVarchar255, true},
        {"connected", "BOOLEAN", "boolean", false},
        dbl("msg_rate_in"),
        dbl("msg_rate_out"),
        dbl("msg_rate_expired"),
        dbl("msg_throughput_in"),
        dbl("msg_throughput_out"),
        dbl("msg_rate_redeliver"),
        bigint("replication_backlog"),
        bigint("replication_delay_in_seconds"),
        {"inbound_connection", "varchar(255)", kVarchar255, false},
        {"inbound_connected_since", "varchar(255)", kVarchar255, false},
        {"outbound_connection", "varchar(255)", kVarchar255, false},
        {"outbound_connected_since", "varchar(255)", kVarchar255, false},
        bigint("time_stamp")},
       {"CONSTRAINT FK_replications_stats_topic_stats_id FOREIGN KEY (topic_stats_id) "
        "REFERENCES topics_stats(topic_stats_id)"}},
      {"subscriptions_stats",
       {serial_pk("subscription_stats_id"),
        {"topic_stats_id", "BIGINT NOT NULL", kBigint, true},
        {"subscription", "varchar(255) NULL", kVarchar255, false},
        bigint("msg_backlog"),
        dbl("msg_rate_expired"),
        dbl("msg_rate_out"),
        dbl("msg_throughput_out"),
        dbl("msg_rate_redeliver"),
        bigint("number_of_entries_since_first_not_acked_message"),
        bigint("total_non_contiguous_deleted_messages_range"),
        {"subscription_type", "varchar(16)", "character varying(16)", false},
        {"blocked_subscription_on_unacked_msgs", "BOOLEAN", "boolean", false},
        bigint("time_stamp")},
       {"UNIQUE (topic_stats_id, subscription)",
        "CONSTRAINT FK_subscriptions_stats_topic_stats_id FOREIGN KEY (topic_stats_id) "
        "REFERENCES topics_stats(topic_stats_id)"}},
      {"consumers_stats",
       {serial_pk("consumer_stats_id"),
        {"consumer", "varchar(255) NOT NULL", kVarchar255, true},
        {"topic_stats_id", "BIGINT NOT NULL", kBigint, true},
        bigint("replication_stats_id"),
        bigint("subscription_stats_id"),
        {"address", "varchar(255)", kVarchar255, false},
        bigint("available_permits"),
        {"connected_since", "varchar(255)", kVarchar255, false},
        dbl("msg_rate_out"),
        dbl("msg_throughput_out"),
        dbl("msg_rate_redeliver"),
        {"client_version", "varchar(36)", "character varying(36)", false},
        bigint("time_stamp"),
        {"metadata", "text", "text", false}},
       {}},
      {"tokens",
       {serial_pk("token_id"),
        {"role", "varchar(256) NOT NULL", kVarchar256, true},
        {"description", "varchar(128)", "character varying(128)", false},
        {"token", "varchar(1024) NOT NULL", "character varying(1024)", true}},
       {"UNIQUE (role)"}},
      {"users",
       {serial_pk("user_id"),
        {"access_token", "varchar(256)", kVarchar256, false},
        {"name", "varchar(256) NOT NULL", kVarchar256, true},
        {"description", "varchar(128)", "character varying(128)", false},
        {"email", "varchar(256)", kVarchar256, false},
        {"phone_number", "varchar(48)", "character varying(48)", false},
        {"location", "varchar(256)", kVarchar256, false},
        {"company", "varchar(256)", kVarchar256, false},
        {"expire", "BIGINT NOT NULL", kBigint, true},
        {"password", "varchar(256)", kVarchar256, false}},
       {"UNIQUE (name)"}},
      {"roles",
       {serial_pk("role_id"),
        {"role_name", "varchar(256) NOT NULL", kVarchar256, true},
        {"role_source", "varchar(256) NOT NULL", kVarchar256, true},
        {"description", "varchar(128)", "character varying(128)", false},
        {"resource_id", "BIGINT NOT NULL", kBigint, true},
        {"resource_type", "varchar(48) NOT NULL", "character varying(48)", true},
        {"resource_name", "varchar(48) NOT NULL", "character varying(48)", true},
        {"resource_verbs", "varchar(256) NOT NULL", kVarchar256, true},
        {"flag", "INT NOT NULL", "integer", true}},
       {},
       true},
      {"tenants",
       {serial_pk("tenant_id"),
        {"tenant", "varchar(255) NOT NULL", kVarchar255, true},
        {"admin_roles", "varchar(255)", kVarchar255, false},
        {"allowed_clusters", "varchar(255)", kVarchar255, false},
        {"environment_name", "varchar(255)", kVarchar255, false}},
       {"UNIQUE (tenant)"}},
      {"namespaces",
       {serial_pk("namespace_id"),
        {"tenant", "varchar(255) NOT NULL", kVarchar255, true},
        {"namespace", "varchar(255) NOT NULL", kVarchar255, true}},
       {"UNIQUE (tenant, namespace)"}},
      {"role_binding",
       {serial_pk("role_binding_id"),
        {"name", "varchar(256) NOT NULL", kVarchar256, true},
        {"description", "varchar(256)", kVarchar256, false},
        {"role_id", "BIGINT NOT NULL", kBigint, true},
        {"user_id", "BIGINT NOT NULL", kBigint, true}},
       {},
       true},
  };
  std::vector<Table> out;
  for (auto& t : tables) {
    if (t.v0_2_0_only && !v020) continue;
    out.push_back(std::move(t));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

void require_printable(std::string_view what, std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      throw std::invalid_argument(std::string("manager_init_sql: ") + std::string(what) +
                                  " contains a control character");
    }
  }
}

void line(std::string& out, std::string_view text) {
  out += text;
  out += '\n';
}

/// `\if :{?var}` guard: stops the script (ON_ERROR_STOP) when the variable is unset or empty.
/// Only fixed text goes into the DO blocks, so no user-supplied name can end their dollar quotes.
void require_variable(std::string& out, std::string_view var) {
  const std::string v(var);
  out += "\\if :{?" + v + "}\n";
  out += "\\else\n";
  out += "  DO $pulsarc$ BEGIN RAISE EXCEPTION 'pulsarc: the psql variable " + v + " is not set; run psql with -v " +
         v + "=... (see the top of manager/init.sql)'; END $pulsarc$;\n";
  out += "\\endif\n";
  out += "SELECT :'" + v + "' = '' AS pulsarc_empty \\gset\n";
  out += "\\if :pulsarc_empty\n";
  out += "  DO $pulsarc$ BEGIN RAISE EXCEPTION 'pulsarc: the psql variable " + v + " is empty'; END $pulsarc$;\n";
  out += "\\endif\n";
}

/// A word for the POSIX shell, quoted only when it needs to be (for the how-to-run comment).
std::string shell_word(std::string_view word) {
  bool plain = !word.empty();
  for (const char c : word) {
    const auto u = static_cast<unsigned char>(c);
    plain = plain && ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '_' ||
                      c == '.' || c == '/' || c == '-' || c == '+' || c == ',' || c == '@');
  }
  return plain ? std::string(word) : shell_quote(word);
}

/// The `:'admin_password'` hash exactly as the manager stores and compares it:
/// DigestUtils.sha256Hex(password), i.e. lowercase hex SHA-256 of the UTF-8 bytes, unsalted.
constexpr std::string_view kAdminPasswordHash =
    "pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(:'admin_password', 'UTF8')), 'hex')";

}  // namespace

std::string sql_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string sql_literal(std::string_view text) {
  const bool backslash = text.find('\\') != std::string_view::npos;
  std::string out = backslash ? "E'" : "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    if (c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string manager_init_sql(const ManagerSqlInput& input) {
  require_printable("the database name", input.database);
  require_printable("the role name", input.role);
  require_printable("the host", input.host);
  require_printable("the password file", input.password_file);
  if (input.admin) {
    require_printable("the admin name", input.admin->name);
    require_printable("the admin email", input.admin->email);
    require_printable("the admin password file", input.admin->password_file);
  }

  const std::string_view tag = manager_schema_tag(input.schema);
  const bool v020 = input.schema == ManagerSchema::V0_2_0;
  const std::string role = sql_identifier(input.role);
  const std::string db = sql_identifier(input.database);
  const std::string db_password_file =
      input.password_file.empty() ? "<manager.database.password_file>" : shell_word(input.password_file);
  const std::string admin_password_file = !input.admin || input.admin->password_file.empty()
                                              ? "<manager.admin.password_file>"
                                              : shell_word(input.admin->password_file);
  const auto tables = schema_tables(input.schema);

  std::string out;
  out.reserve(16384);
  line(out, "-- Generated by pulsarc from pulsar.toml. Do not edit.");
  line(out, "--");
  line(out, "-- PostgreSQL bootstrap for Pulsar Manager " + std::string(tag) + ": the login role " + role +
                ", the database " + db);
  line(out, "-- owned by it, and the manager's tables. The manager image never creates its tables in an");
  line(out, "-- external database (it runs with spring.datasource.initialization-mode=never), so run this");
  line(out, "-- before installing the chart, as a PostgreSQL superuser connected to the \"postgres\" database");
  line(out, "-- (PostgreSQL 11 or newer; the password files are relative to the directory of pulsar.toml):");
  line(out, "--");
  line(out, "--   psql -h " + (input.host.empty() ? std::string("<host>") : shell_word(input.host)) + " -p " +
                std::to_string(input.port) + " -U postgres -d postgres -v ON_ERROR_STOP=1 \\");
  line(out, "--     -v password=\"$(cat " + db_password_file + ")\" \\");
  if (input.admin) {
    line(out, "--     -v admin_password=\"$(cat " + admin_password_file + ")\" \\");
  }
  line(out, "--     -f manager/init.sql");
  line(out, "--");
  line(out, "-- Without a superuser (managed PostgreSQL), a role with CREATEROLE and CREATEDB works too: it");
  line(out, "-- is made a member of " + role + ", which CREATE DATABASE ... OWNER and SET ROLE need.");
  line(out, "--");
  if (input.admin) {
    line(out, "-- The file holds no secret: the role's password is the psql variable \"password\", the UI");
    line(out, "-- user's the variable \"admin_password\" (the server hashes it, as the manager does).");
  } else {
    line(out, "-- The file holds no secret: the role's password is the psql variable \"password\".");
  }
  line(out, "-- \"$(cat FILE)\" drops the file's trailing newlines. Do not add -a or -e: they echo the");
  line(out, "-- statements, and so the passwords.");
  line(out, "--");
  line(out, "-- Running it again is safe:");
  line(out, "--   1. The role and the database are created only when missing. Every run sets the role's");
  line(out, "--      password (so a re-run after changing the password file rotates it) and makes the role");
  line(out, "--      the owner of the database.");
  line(out, "--   2. In that database, in one transaction, the tables are created as the role (SET ROLE)");
  line(out, "--      with CREATE TABLE IF NOT EXISTS, as in the manager's postgresql-schema.sql, so the role");
  line(out, "--      owns every table and sequence; tables that already exist are handed to the role.");
  line(out, "--   3. The columns of every table are compared with the " + std::string(tag) +
                " schema: a database made for another");
  line(out, "--      manager version stops the script, and the transaction leaves nothing behind.");
  if (input.admin) {
    line(out, "--   4. The first UI user " + sql_literal(input.admin->name) +
                  " is inserted only when no user of that name exists; a later");
    line(out, "--      run never changes it (from then on the manager's UI owns it).");
  }
  line(out, "");
  line(out, "\\set ON_ERROR_STOP on");
  line(out, "-- Passwords are hashed as UTF-8, as pgjdbc and the manager's DigestUtils.sha256Hex do.");
  line(out, "SET client_encoding = 'UTF8';");
  line(out, "SET client_min_messages = warning;");
  require_variable(out, "password");
  if (input.admin) require_variable(out, "admin_password");
  line(out, "");

  line(out, "-- 1. The role and the database.");
  line(out, "SELECT " + sql_literal("CREATE ROLE " + role + " LOGIN"));
  line(out,
       "  WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = " + sql_literal(input.role) + ") \\gexec");
  line(out, "ALTER ROLE " + role + " WITH LOGIN PASSWORD :'password';");
  line(out, "SELECT 'GRANT ' || pg_catalog.quote_ident(" + sql_literal(input.role) +
                ") || ' TO ' || pg_catalog.quote_ident(current_user)");
  line(out, "  WHERE NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) \\gexec");
  line(out, "SELECT " + sql_literal("CREATE DATABASE " + db + " OWNER " + role));
  line(out, "  WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = " + sql_literal(input.database) +
                ") \\gexec");
  line(out, "ALTER DATABASE " + db + " OWNER TO " + role + ";");
  line(out, "");

  line(out, "-- 2. The schema, created as the role so that it owns every table and sequence.");
  line(out, "\\connect " + db);
  line(out, "SET client_encoding = 'UTF8';");
  line(out, "SET client_min_messages = warning;");
  line(out, "BEGIN;");
  line(out, "SET LOCAL search_path = public;");
  line(out, "SET LOCAL ROLE " + role + ";");
  for (const auto& t : tables) {
    line(out, "");
    line(out, "CREATE TABLE IF NOT EXISTS " + std::string(t.name) + " (");
    const std::size_t items = t.columns.size() + t.constraints.size();
    std::size_t i = 0;
    for (const auto& c : t.columns) {
      line(out, "  " + std::string(c.name) + " " + std::string(c.declaration) + (++i < items ? "," : ""));
    }
    for (const auto& c : t.constraints) {
      line(out, "  " + std::string(c) + (++i < items ? "," : ""));
    }
    line(out, ");");
  }
  line(out, "");
  line(out, "-- Tables that existed before (e.g. made by hand as another user) go to the role too;");
  line(out, "-- ALTER TABLE ... OWNER also moves the sequences of their BIGSERIAL columns.");
  line(out, "RESET ROLE;");
  for (const auto& t : tables) {
    line(out, "ALTER TABLE " + std::string(t.name) + " OWNER TO " + role + ";");
  }
  line(out, "");

  line(out, "-- 3. The tables must have exactly the columns of Pulsar Manager " + std::string(tag) + ".");
  line(out, "DO $pulsarc$");
  line(out, "DECLARE");
  line(out, "  mismatch text;");
  line(out, "BEGIN");
  line(out, "  WITH expected (table_name, column_name, column_type, not_null) AS (VALUES");
  {
    std::size_t total = 0;
    for (const auto& t : tables) total += t.columns.size();
    std::size_t i = 0;
    for (const auto& t : tables) {
      for (const auto& c : t.columns) {
        line(out, "    (" + sql_literal(t.name) + ", " + sql_literal(c.name) + ", " + sql_literal(c.pg_type) + ", " +
                      (c.not_null ? "true" : "false") + ")" + (++i < total ? "," : ""));
      }
    }
  }
  line(out, "  ), actual AS (");
  line(out, "    SELECT c.relname::text, a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod),");
  line(out, "           a.attnotnull");
  line(out, "    FROM pg_catalog.pg_class c");
  line(out, "    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped");
  line(out, "    WHERE c.relnamespace = 'public'::regnamespace");
  line(out, "      AND c.relname IN (SELECT table_name FROM expected)");
  line(out, "  ), difference AS (");
  line(out, "    (SELECT 'missing' AS problem, * FROM expected EXCEPT SELECT 'missing', * FROM actual)");
  line(out, "    UNION ALL");
  line(out, "    (SELECT 'unexpected', * FROM actual EXCEPT SELECT 'unexpected', * FROM expected)");
  line(out, "  )");
  line(out, "  SELECT string_agg(format('%s %s.%s %s%s', d.problem, d.table_name, d.column_name,");
  line(out, "                           d.column_type, CASE WHEN d.not_null THEN ' NOT NULL' ELSE '' END),");
  line(out, "                    '; ' ORDER BY d.table_name, d.column_name, d.problem)");
  line(out, "    INTO mismatch FROM difference d;");
  line(out, "  IF mismatch IS NOT NULL THEN");
  line(out, "    RAISE EXCEPTION 'pulsarc: the tables in database % do not match the Pulsar Manager " +
                std::string(tag) + " schema', current_database()");
  line(out, "      USING DETAIL = mismatch,");
  line(out,
       "            HINT = 'The database was probably made for another manager version; "
       "migrate or drop it, or set images.manager to that version.';");
  line(out, "  END IF;");
  line(out, "END");
  line(out, "$pulsarc$;");

  if (input.admin) {
    const auto& a = *input.admin;
    const std::string name = sql_literal(a.name);
    line(out, "");
    line(out, "-- 4. The first UI user, as PUT /pulsar-manager/users/superuser stores it: password =");
    line(out, "--    DigestUtils.sha256Hex(password) (lowercase hex SHA-256 of the UTF-8 bytes), expire = 0.");
    if (v020) {
      line(out, "--    v0.2.0 also needs its super role (flag 0) and the binding of the user to it.");
    }
    line(out, "SET LOCAL ROLE " + role + ";");
    if (v020) {
      line(out, "INSERT INTO roles (role_name, description, resource_type, resource_name, resource_verbs,");
      line(out, "                   resource_id, role_source, flag)");
      line(out, "  SELECT " + name + ", 'This is super role', 'ALL', 'superuser', 'SUPER_USER', 0, " + name + ", 0");
      line(out, "  WHERE NOT EXISTS (SELECT FROM roles WHERE role_name = " + name + " AND role_source = " + name +
                    " AND flag = 0);");
    }
    line(out, "INSERT INTO users (access_token, name, description, email, phone_number, location, company,");
    line(out, "                   expire, password)");
    line(out, "  SELECT NULL, " + name + ", NULL, " + sql_literal(a.email) + ", NULL, NULL, NULL, 0,");
    line(out, "         " + std::string(kAdminPasswordHash));
    line(out, "  WHERE NOT EXISTS (SELECT FROM users WHERE name = " + name + ");");
    if (v020) {
      line(out, "INSERT INTO role_binding (name, description, user_id, role_id)");
      line(out, "  SELECT 'super_user_role_binding', 'This is super role binding', u.user_id, r.role_id");
      line(out, "  FROM users u,");
      line(out, "       (SELECT min(role_id) AS role_id FROM roles");
      line(out, "        WHERE role_name = " + name + " AND role_source = " + name + " AND flag = 0) r");
      line(out, "  WHERE u.name = " + name);
      line(out,
           "    AND NOT EXISTS (SELECT FROM role_binding b WHERE b.user_id = u.user_id AND b.role_id = r.role_id);");
    }
  }
  line(out, "COMMIT;");
  return out;
}

}  // namespace pulsarc::lowering
