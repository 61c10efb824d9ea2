// Rules that depend on the chart version (PLS0117-PLS0119, PLS0809, PLS0810), and the 4.7.0 profile
// on the same small cluster the other rule tests use.
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace ruletest;

namespace {

/// kBase on chart 4.7.0 (which needs Kubernetes 1.25 or newer). Plain replacements: edit() checks
/// with Catch, which does not run before main.
const std::string kCurrent = replace_all(replace_all(kBase, R"(version = "2.7.7")", R"(version = "4.7.0")"),
                                         "profile = \"test\"\n", "profile = \"test\"\nkubernetes = \"1.30\"\n");

/// kCurrent with the manager on, its database and its UI user.
const std::string kCurrentManager = replace_all(kCurrent, "[manager]\nenabled = false\n", R"([manager]
enabled = true

[manager.database]
host = "postgres.example.com"
name = "pulsar_manager"
user = "pulsar_manager"
password_file = "secrets/db.password"

[manager.admin]
name = "admin"
email = "admin@example.com"
password_file = "secrets/admin.password"
)");

ReferencedFiles manager_files(std::string admin_password = "adm1n") {
  ReferencedFiles files;
  files["secrets/db.password"] = pulsarc::FileContent{"s3cret\n", {}};
  files["secrets/admin.password"] = pulsarc::FileContent{std::move(admin_password), {}};
  return files;
}

}  // namespace

TEST_CASE("the small cluster is valid on chart 4.7.0, with and without the manager", "[rules][PLS0109]") {
  CHECK(summary(run(kCurrent)) == "");
  CHECK(summary(run(kCurrentManager, manager_files())) == "");
}

// ---- PLS0117: keys the chart version removed or renamed ------------------------------------------

TEST_CASE("PLS0117 names the replacement of a removed or renamed chart.values key", "[rules][PLS0117]") {
  const auto toml = append(kCurrent, "[chart.values.auth.authentication]\nprovider = \"jwt\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0117", at(toml, "provider ="),
                                      "chart 4.7.0 has no `auth.authentication.provider`: it was removed or renamed"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use auth.authentication.jwt.enabled (pulsarc sets it from auth.jwt)");
}

TEST_CASE("PLS0117 reports a removed table once, not each key below it", "[rules][PLS0117]") {
  const auto toml = append(kCurrent, "[chart.values.extra]\nproxy = true\ndashboard = true\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0117", at(toml, "extra]"), "chart 4.7.0 has no `extra`: it was removed or renamed"));
}

TEST_CASE("PLS0117 accepts the same keys on the chart that has them, and current keys", "[rules][PLS0117]") {
  CHECK(summary(run(append(kBase, "[chart.values.extra]\nproxy = true\n"))) == "");
  CHECK(summary(run(append(kCurrent, "[chart.values.broker.configData]\nmaxMessageSize = \"1048576\"\n"))) == "");
}

// ---- PLS0118: the chart's Kubernetes versions ----------------------------------------------------

TEST_CASE("PLS0118 refuses a Kubernetes version below the chart's kubeVersion", "[rules][PLS0118]") {
  const auto toml = edit(kCurrent, R"(kubernetes = "1.30")", R"(kubernetes = "1.24")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0118", at(toml, "\"1.24\""),
              "chart 4.7.0 needs Kubernetes 1.25 or newer (its kubeVersion is \">=1.25.0-0\")"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"4.7.0\""), "the chart version is chosen here"));
}

TEST_CASE("PLS0118 accepts the oldest Kubernetes the chart supports, and 2.7.7 on older ones", "[rules][PLS0118]") {
  CHECK(summary(run(edit(kCurrent, R"(kubernetes = "1.30")", R"(kubernetes = "1.25")"))) == "");
  CHECK(summary(run(append(edit(kBase, "profile = \"test\"\n", "profile = \"test\"\nkubernetes = \"1.22\"\n"), ""))) ==
        "");
}

// ---- PLS0119: settings the chart version lacks --------------------------------------------------

TEST_CASE("PLS0119 refuses zookeeper.datalog and a manager role on chart 2.7.7", "[rules][PLS0119]") {
  const auto toml = edit(edit(kBase, "data = { path = \"/data/zookeeper\", size = \"10Gi\" }\n",
                              "data = { path = \"/data/zookeeper\", size = \"10Gi\" }\n"
                              "datalog = { path = \"/data/zookeeper-log\", size = \"10Gi\" }\n"),
                         "jwt = \"off\"\n", "jwt = \"off\"\nsuperusers = { manager = \"manager-admin\" }\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0119", at(toml, "{ path = \"/data/zookeeper-log\""),
              "chart 2.7.7 has no separate ZooKeeper transaction-log volume (zookeeper.datalog)") +
            error("PLS0119", at(toml, "\"manager-admin\""),
                  "chart 2.7.7 has no manager superuser (auth.superusers.manager)"));
}

TEST_CASE("PLS0119 accepts both on chart 4.7.0", "[rules][PLS0119]") {
  const auto toml = edit(edit(kCurrent, "data = { path = \"/data/zookeeper\", size = \"10Gi\" }\n",
                              "data = { path = \"/data/zookeeper\", size = \"10Gi\" }\n"
                              "datalog = { path = \"/data/zookeeper-log\", size = \"10Gi\" }\n"),
                         "jwt = \"off\"\n", "jwt = \"off\"\nsuperusers = { manager = \"manager-admin\" }\n");
  CHECK(summary(run(toml)) == "");
}

// ---- PLS0809: a manager image the chart version cannot run ---------------------------------------

TEST_CASE("PLS0809 refuses a manager image chart 4.7.0 cannot run, and nothing else about it", "[rules][PLS0809]") {
  const auto toml = append(kCurrentManager, "[images]\nmanager = \"apachepulsar/pulsar-manager:v0.2.0\"\n");
  const auto diagnostics = run(toml, manager_files());
  CHECK(summary(diagnostics) == error("PLS0809", at(toml, "\"apachepulsar/pulsar-manager:v0.2.0\""),
                                      "chart 4.7.0 cannot run Pulsar Manager \"v0.2.0\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "set images.manager to a tag chart 4.7.0 runs: v0.4.0");
}

TEST_CASE("PLS0809 accepts the chart's default image and any image on chart 2.7.7", "[rules][PLS0809]") {
  CHECK(summary(run(append(kCurrentManager, "[images]\nmanager = \"apachepulsar/pulsar-manager:v0.4.0\"\n"),
                    manager_files())) == "");
}

// ---- PLS0810: the UI user the chart creates -------------------------------------------------------

TEST_CASE("PLS0810 requires manager.admin when the chart creates the UI user", "[rules][PLS0810]") {
  const auto toml = edit(kCurrentManager,
                         "[manager.admin]\nname = \"admin\"\nemail = \"admin@example.com\"\npassword_file = "
                         "\"secrets/admin.password\"\n",
                         "");
  const auto diagnostics = run(toml, manager_files());
  CHECK(summary(diagnostics) ==
        error("PLS0810", at(toml, "true"), "Pulsar Manager needs manager.admin with this chart version"));
}

TEST_CASE("PLS0810 refuses a UI password the chart's init Job cannot pass, without showing the password",
          "[rules][PLS0810]") {
  const auto toml = kCurrentManager;
  const auto diagnostics = run(toml, manager_files("p\"w'd$x"));
  CHECK(summary(diagnostics) ==
        error("PLS0810", at(toml, "\"secrets/admin.password\""),
              "the UI password in \"secrets/admin.password\" has characters the chart's init Job cannot pass"));
  for (const auto& d : diagnostics) CHECK(d.message.find("p\"w'd") == std::string::npos);
}

TEST_CASE("PLS0810 accepts plain UI credentials, and chart 2.7.7 without manager.admin", "[rules][PLS0810]") {
  CHECK(summary(run(kCurrentManager, manager_files("Abc.def_1-2\n"))) == "");
}
