// Pulsar Manager rules (PLS08xx) and the chart.values override warning (PLS0115).
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace ruletest;

namespace {

/// kBase with the manager on: image v0.4.0, an external database, an in-memory password file.
const std::string kManager = replace_all(kBase, "[manager]\nenabled = false\n", R"([images]
manager = "apachepulsar/pulsar-manager:v0.4.0"

[manager]
enabled = true

[manager.database]
host = "postgres.example.com"
name = "pulsar_manager"
user = "pulsar_manager"
password_file = "secrets/db.password"
)");

ReferencedFiles manager_files() {
  ReferencedFiles files;
  files["secrets/db.password"] = pulsarc::FileContent{"s3cret\n", {}};
  files["secrets/admin.password"] = pulsarc::FileContent{"adm1n", {}};
  return files;
}

Diagnostics run_manager(std::string_view toml) {
  return run(toml, manager_files());
}

/// kManager with [manager.admin] added.
std::string with_admin(std::string_view name, std::string_view email) {
  return append(
      kManager,
      fmt::format("[manager.admin]\nname = \"{}\"\nemail = \"{}\"\npassword_file = \"secrets/admin.password\"\n", name,
                  email));
}

}  // namespace

TEST_CASE("the manager configuration is valid", "[rules][PLS0801]") {
  CHECK(summary(run_manager(kManager)) == "");
  CHECK(summary(run_manager(with_admin("admin", "admin@example.com"))) == "");
  for (const auto* tag : {"v0.2.0", "v0.3.0", "v0.4.0"}) {
    INFO(tag);
    CHECK(summary(run_manager(edit(kManager, "pulsar-manager:v0.4.0", fmt::format("pulsar-manager:{}", tag)))) == "");
  }
}

// ---- PLS0801: known schema -----------------------------------------------------------------------

TEST_CASE("PLS0801 rejects a manager image whose schema pulsarc does not know", "[rules][PLS0801]") {
  const auto toml = edit(kManager, "pulsar-manager:v0.4.0", "pulsar-manager:v0.9.0");
  const auto diagnostics = run_manager(toml);
  CHECK(summary(diagnostics) == error("PLS0801", at(toml, "\"apachepulsar/pulsar-manager"),
                                      "pulsarc does not know the database schema of Pulsar Manager \"v0.9.0\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use the tag v0.2.0, v0.3.0 or v0.4.0");
}

TEST_CASE("PLS0801 rejects chart 2.7.7's default manager image, v0.1.0", "[rules][PLS0801]") {
  const auto toml = edit(kManager, "[images]\nmanager = \"apachepulsar/pulsar-manager:v0.4.0\"\n", "");
  const auto diagnostics = run_manager(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0801", at_after(toml, "enabled = "), "Pulsar Manager v0.1.0 always uses its embedded database"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "set images.manager = \"apachepulsar/pulsar-manager:v0.4.0\" (chart 2.7.7 defaults to v0.1.0)");
}

TEST_CASE("PLS0801 ignores the manager image while the manager is off", "[rules][PLS0801]") {
  CHECK(summary(run(append(kBase, "[images]\nmanager = \"apachepulsar/pulsar-manager:v0.9.0\"\n"))) == "");
}

// ---- PLS0802: v0.1.0 with JWT --------------------------------------------------------------------

TEST_CASE("PLS0802 rejects Pulsar Manager v0.1.0 with JWT on", "[rules][PLS0802]") {
  auto toml = edit(kManager, "pulsar-manager:v0.4.0", "pulsar-manager:v0.1.0");
  toml = edit(toml, R"(jwt = "off")", "jwt = \"symmetric\"\nsecret_key = \"keys/secret.key\"");
  auto files = manager_files();
  files["keys/secret.key"] = pulsarc::FileContent{std::string(32, 'k'), {}};
  const auto diagnostics = run(toml, files);
  CHECK(summary(diagnostics) ==
        error("PLS0802", at(toml, "\"apachepulsar/pulsar-manager"), "Pulsar Manager v0.1.0 cannot use JWT tokens"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "set images.manager = \"apachepulsar/pulsar-manager:v0.4.0\" (or v0.2.0/v0.3.0)");
}

// ---- PLS0803: the database is external -----------------------------------------------------------

TEST_CASE("PLS0803 rejects the URL that starts the embedded database", "[rules][PLS0803]") {
  const auto toml = edit(kManager, R"(host = "postgres.example.com")", R"(host = "127.0.0.1")");
  const auto diagnostics = run_manager(toml);
  CHECK(summary(diagnostics) == error("PLS0803", at(toml, "\"127.0.0.1\""),
                                      "this database URL makes Pulsar Manager start its embedded database instead"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use the external server's address; 127.0.0.1 inside the pod is the pod itself");
}

TEST_CASE("PLS0803 rejects loopback hosts", "[rules][PLS0803]") {
  for (const auto* host : {"localhost", "127.0.0.2", "::1"}) {
    const auto toml = edit(kManager, R"(host = "postgres.example.com")", fmt::format("host = \"{}\"", host));
    INFO(host);
    CHECK(summary(run_manager(toml)) == error("PLS0803", at(toml, fmt::format("\"{}\"", host)),
                                              fmt::format("\"{}\" is the manager pod itself", host)));
  }
}

// ---- PLS0804: identifiers ------------------------------------------------------------------------

TEST_CASE("PLS0804 rejects database and role names that are not plain identifiers", "[rules][PLS0804]") {
  auto toml = edit(kManager, R"(name = "pulsar_manager")", R"(name = "pulsar-manager")");
  toml = edit(toml, R"(user = "pulsar_manager")", R"(user = "postgres")");
  const auto diagnostics = run_manager(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0804", at(toml, "\"pulsar-manager\""), "\"pulsar-manager\" is not a plain PostgreSQL identifier") +
            error("PLS0804", at(toml, "\"postgres\""), "\"postgres\" is not a plain PostgreSQL identifier"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help ==
        "use at most 63 lowercase letters, digits and '_', starting with a letter or '_'; not postgres or pg_*");
}

TEST_CASE("PLS0804 rejects pg_ names, capitals and names over 63 characters", "[rules][PLS0804]") {
  for (const std::string& name :
       {std::string("pg_manager"), std::string("Manager"), std::string(64, 'm'), std::string("1db")}) {
    const auto toml = edit(kManager, R"(name = "pulsar_manager")", fmt::format("name = \"{}\"", name));
    INFO(name);
    CHECK(summary(run_manager(toml)) == error("PLS0804", at(toml, fmt::format("\"{}\"", name)),
                                              fmt::format("\"{}\" is not a plain PostgreSQL identifier", name)));
  }
  CHECK(summary(run_manager(
            edit(kManager, R"(name = "pulsar_manager")", fmt::format("name = \"_{}\"", std::string(62, 'm'))))) == "");
}

// ---- PLS0805: port ---------------------------------------------------------------------------------

TEST_CASE("PLS0805 rejects ports outside 1..65535", "[rules][PLS0805]") {
  for (const auto port : {0, -1, 65536}) {
    const auto toml = edit(kManager, "host = \"postgres.example.com\"",
                           fmt::format("host = \"postgres.example.com\"\nport = {}", port));
    INFO(port);
    CHECK(summary(run_manager(toml)) ==
          error("PLS0805", at_after(toml, "port = "), fmt::format("port {} is out of range", port)));
  }
  for (const auto port : {1, 5433, 65535}) {
    CHECK(summary(run_manager(edit(kManager, "host = \"postgres.example.com\"",
                                   fmt::format("host = \"postgres.example.com\"\nport = {}", port)))) == "");
  }
}

// ---- PLS0806: password files -----------------------------------------------------------------------

TEST_CASE("PLS0806 rejects missing and empty password files", "[rules][PLS0806]") {
  const auto toml = with_admin("admin", "admin@example.com");
  ReferencedFiles files;
  files["secrets/db.password"] = pulsarc::FileContent{"\n", {}};
  files["secrets/admin.password"] = pulsarc::FileContent{std::nullopt, "Permission denied"};
  const auto diagnostics = run(toml, files);
  CHECK(summary(diagnostics) ==
        error("PLS0806", at(toml, "\"secrets/db.password\""),
              "the database password file \"secrets/db.password\" is empty") +
            error("PLS0806", at(toml, "\"secrets/admin.password\""),
                  "cannot read the UI admin password file \"secrets/admin.password\": Permission denied"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help == "write the password into the file");
  CHECK(diagnostics[1].help == "create it (paths are relative to pulsar.toml) and keep it out of git");
}

TEST_CASE("PLS0806 never shows the password", "[rules][PLS0806]") {
  // A readable password is fine; nothing in any diagnostic may contain it.
  auto toml = edit(kManager, R"(host = "postgres.example.com")", R"(host = "localhost")");
  const auto diagnostics = run_manager(toml);
  REQUIRE_FALSE(diagnostics.empty());
  for (const auto& d : diagnostics) {
    CHECK(d.message.find("s3cret") == std::string::npos);
    CHECK(d.help.find("s3cret") == std::string::npos);
  }
}

// ---- PLS0807: the seeded UI user -------------------------------------------------------------------

TEST_CASE("PLS0807 rejects a user name and e-mail the manager's API would refuse", "[rules][PLS0807]") {
  const auto toml = with_admin("ad min", "admin@localhost");
  const auto diagnostics = run_manager(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0807", at(toml, "\"ad min\""), "\"ad min\" is not a Pulsar Manager user name") +
            error("PLS0807", at(toml, "\"admin@localhost\""), "\"admin@localhost\" is not an e-mail address"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help == "use letters, digits and '_' only, as the manager's API requires");
  CHECK(diagnostics[1].help == "write an address such as admin@example.com; the manager requires one");
}

// ---- PLS0115: chart.values replacing derived values ------------------------------------------------

TEST_CASE("PLS0115 warns when chart.values replaces a value pulsarc derives", "[rules][PLS0115]") {
  const auto toml = append(
      kBase, "[chart.values.broker]\nreplicaCount = 2\n\n[chart.values.zookeeper.volumes.data]\nsize = \"1Gi\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        warning("PLS0115", at(toml, "replicaCount"),
                "chart.values.broker.replicaCount replaces a value pulsarc derives from pulsar.toml") +
            warning("PLS0115", at(toml, "size = \"1Gi\""),
                    "chart.values.zookeeper.volumes.data.size replaces a value pulsarc derives from pulsar.toml"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help ==
        "set it through pulsar.toml instead, or the bundle's volumes, nodes and values may disagree");
  CHECK_FALSE(pulsarc::has_errors(diagnostics));
}

TEST_CASE("PLS0115 is quiet about values pulsarc leaves to the chart", "[rules][PLS0115]") {
  CHECK(summary(run(append(kBase, "[chart.values.broker.configData]\nmaxMessageSize = \"5242880\"\n"))) == "");
}

// ---- PLS0808: the database host ------------------------------------------------------------------

TEST_CASE("PLS0808 accepts host names, IPv4 and IPv6 addresses", "[rules][PLS0808]") {
  for (const auto* host : {"postgres", "db-1.example.com", "10.0.0.5", "fd00::5", "[fd00::5]"}) {
    INFO(host);
    CHECK(summary(run_manager(
              edit(kManager, R"(host = "postgres.example.com")", fmt::format("host = \"{}\"", host)))) == "");
  }
}

TEST_CASE("PLS0808 rejects hosts that would change the JDBC URL", "[rules][PLS0808]") {
  for (const auto* host : {"db:5432", "db/other", "db?ssl=false", "", "-db", "db..example.com", "db example"}) {
    const auto toml = edit(kManager, R"(host = "postgres.example.com")", fmt::format("host = \"{}\"", host));
    INFO(host);
    const auto diagnostics = run_manager(toml);
    CHECK(summary(diagnostics) ==
          error("PLS0808", at_after(toml, "host = "), fmt::format("\"{}\" is not a host name or IP address", host)));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].help ==
          "write the database server's name or address only, e.g. \"postgres.example.com\" or \"10.0.0.5\"; the port "
          "goes into `port`");
  }
}
