// The parser codes (PLS0001-PLS0006) and the structure rules (PLS01xx): for each, an input it
// accepts and inputs it rejects, with the exact code, severity, position and message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "check/rule.hpp"
#include "rule_test_support.hpp"

using namespace ruletest;

TEST_CASE("the base configurations are valid", "[rules]") {
  CHECK(summary(run(kBase)) == "");
  CHECK(summary(run(kProduction, production_files())) == "");
}

TEST_CASE("every diagnostic code is unique and looks like PLSdddd", "[rules]") {
  std::set<std::string_view> seen;
  for (const auto& info : pulsarc::checker::all_codes()) {
    INFO(info.code);
    CHECK(info.code.size() == 7);
    CHECK(info.code.starts_with("PLS"));
    CHECK(std::all_of(info.code.begin() + 3, info.code.end(), [](char c) { return c >= '0' && c <= '9'; }));
    CHECK(seen.insert(info.code).second);
    CHECK_FALSE(info.title.empty());
    CHECK_FALSE(info.explanation.empty());
  }
}

TEST_CASE("every diagnostic code has test cases tagged with it", "[rules]") {
  // A new rule without its accept/reject tests fails here.
  std::set<std::string> tags;
  for (const auto& test : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
    tags.insert(test.tags.begin(), test.tags.end());
  }
  for (const auto& info : pulsarc::checker::all_codes()) {
    INFO(info.code);
    CHECK(tags.count(std::string(info.code)) == 1);
  }
}

// ---- PLS0001: TOML syntax --------------------------------------------------------------------

// The messages are toml++'s (v3), kept verbatim so that users can search for them.

TEST_CASE("PLS0001 reports TOML syntax errors with the parser's message and position", "[rules][PLS0001]") {
  const auto toml = edit(kBase, R"(namespace = "pulsar")", R"(namespace = "pulsar)");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0001", at_after(toml, R"(namespace = "pulsar)"),
                                      "Error while parsing string: unescaped control characters other than TAB "
                                      "(U+0009) are explicitly prohibited"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "fix the TOML syntax at this position (see https://toml.io)");
}

TEST_CASE("PLS0001 stops at the first syntax error: nothing else is checked", "[rules][PLS0001]") {
  // The release is invalid too (PLS0101), but a file that does not parse gets only PLS0001.
  auto toml = edit(kBase, R"(release = "pulsar")", R"(release = "Not_Valid")");
  toml = edit(toml, "[manager]", "[manager");
  CHECK(summary(run(toml)) ==
        error("PLS0001", at_after(toml, "[manager"), "Error while parsing table header: expected ']', saw '\\n'"));
}

TEST_CASE("PLS0001 rejects a key defined twice and a missing value", "[rules][PLS0001]") {
  const auto twice = edit(kBase, R"(profile = "test")", "profile = \"test\"\nprofile = \"production\"");
  CHECK(summary(run(twice)) == error("PLS0001", at(twice, "\"production\""),
                                     "Error while parsing key-value pair: cannot redefine existing string 'profile'"));
  const auto missing = edit(kBase, R"(namespace = "pulsar")", "namespace =");
  CHECK(summary(run(missing)) == error("PLS0001", at_after(missing, "namespace ="),
                                       "Error while parsing key-value pair: expected value, saw '\\n'"));
}

TEST_CASE("PLS0001 accepts the TOML forms the seed does not use", "[rules][PLS0001]") {
  // Literal strings, dotted keys, comments and CRLF line ends are all plain TOML.
  auto toml = edit(kBase, R"(namespace = "pulsar")", "namespace = 'pulsar' # a literal string");
  toml = edit(toml, "[manager]\nenabled = false\n", "manager.enabled = false\n");
  toml = edit(toml, "[auth]\n", "");
  toml = edit(toml, "jwt = \"off\"\n", "auth.jwt = \"off\"\n");
  // Dotted keys at the end belong to the last table header, so move them to the top instead.
  toml = edit(toml, "auth.jwt = \"off\"\n", "");
  toml = edit(toml, "manager.enabled = false\n", "");
  toml = "auth.jwt = \"off\"\nmanager.enabled = false\n\n" + toml;
  CHECK(summary(run(toml)) == "");
  CHECK(summary(run(replace_all(toml, "\n", "\r\n"))) == "");
}

// ---- PLS0002: unknown keys ---------------------------------------------------------------------

TEST_CASE("PLS0002 rejects an unknown key with a did-you-mean suggestion", "[rules][PLS0002]") {
  const auto toml = edit(kBase, R"(namespace = "pulsar")", R"(namespce = "pulsar")");
  const auto diagnostics = run(toml);
  // The misspelt key is unknown, and the real one is then missing.
  CHECK(summary(diagnostics) == error("PLS0004", at(toml, "[cluster]"), "missing required key `cluster.namespace`") +
                                    error("PLS0002", at(toml, "namespce"), "unknown key `cluster.namespce`"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[1].help == "did you mean `namespace`?");
}

TEST_CASE("PLS0002 suggests the nearest key for misspelt tables and nested keys", "[rules][PLS0002]") {
  const auto toml = append(kBase, "[brokr]\nreplicas = 2\n\n[monitoring]\nprometeus = true\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0002", at(toml, "brokr"), "unknown key `brokr`") +
                                    error("PLS0002", at(toml, "prometeus"), "unknown key `monitoring.prometeus`"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help == "did you mean `broker`?");
  CHECK(diagnostics[1].help == "did you mean `prometheus`?");
}

TEST_CASE("PLS0002 lists the known keys when nothing is close", "[rules][PLS0002]") {
  const auto toml = append(kBase, "[output]\nwhatever = 1\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0002", at(toml, "whatever"), "unknown key `output.whatever`"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "known keys here: `dir`, `secrets`");
}

TEST_CASE("PLS0002 checks keys inside arrays of tables and inline tables", "[rules][PLS0002]") {
  auto toml = edit(kBase, R"(name = "node1")", "name = \"node1\"\nlables = { a = \"b\" }");
  toml = edit(toml, R"(size = "50Gi" })", R"(size = "50Gi", sise = "1Gi" })");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0002", at(toml, "lables"), "unknown key `nodes[0].lables`") +
                                    error("PLS0002", at(toml, "sise"), "unknown key `bookkeeper.ledgers.sise`"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help == "did you mean `labels`?");
  CHECK(diagnostics[1].help == "did you mean `size`?");
}

TEST_CASE("PLS0002 accepts any key inside chart.values", "[rules][PLS0002]") {
  // Known chart keys produce nothing at all; unknown ones are PLS0114 warnings, never PLS0002.
  const auto toml = edit(kBase, "version = \"2.7.7\"",
                         "version = \"2.7.7\"\n\n[chart.values.broker.configData]\nanyKeyAtAll = \"1\"\n");
  CHECK(summary(run(toml)) == "");
}

// ---- PLS0003: wrong types ----------------------------------------------------------------------

TEST_CASE("PLS0003 rejects a value of the wrong TOML type", "[rules][PLS0003]") {
  const auto toml = append(kBase, "[broker]\nreplicas = \"3\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0003", at(toml, "\"3\""), "`broker.replicas` must be an integer, found a string"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "`replicas` is an integer: replica count");
}

TEST_CASE("PLS0003 rejects unquoted label values and non-string node names", "[rules][PLS0003]") {
  auto toml = edit(kBase, R"(name = "node1")", "name = \"node1\"\nlabels = { pulsar = true }");
  toml = edit(toml, R"(nodes = ["node1", "node2", "node3"]
data)",
              R"(nodes = ["node1", 2, "node3"]
data)");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0003", at(toml, "true"), "`nodes[0].labels.\"pulsar\"` must be a string, found a boolean") +
            error("PLS0003", at(toml, "2,"), "`zookeeper.nodes[1]` must be a string, found an integer"));
}

TEST_CASE("PLS0003 requires an offset date-time for token expiry", "[rules][PLS0003]") {
  // A local date-time would depend on the machine's time zone, so the token would too.
  auto toml = edit(kBase, R"(jwt = "off")", R"(jwt = "symmetric"
secret_key = "keys/secret.key"

[[auth.tokens]]
subject = "app"
expires = 2030-01-01T00:00:00)");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0003", at(toml, "2030"),
                                      "`auth.tokens[0].expires` must be an offset date-time, found a local date-time"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "write an offset date-time such as 2027-01-01T00:00:00Z");
}

TEST_CASE("PLS0003 accepts an offset date-time for token expiry", "[rules][PLS0003]") {
  const auto toml = edit(kBase, R"(jwt = "off")", R"(jwt = "symmetric"
secret_key = "keys/secret.key"

[[auth.tokens]]
subject = "app"
expires = 2030-01-01T00:00:00+02:00)");
  ReferencedFiles files;
  files["keys/secret.key"] = pulsarc::FileContent{std::string(32, 'k'), {}};
  CHECK(summary(run(toml, files)) == "");
}

TEST_CASE("PLS0003 rejects dates and times inside chart.values", "[rules][PLS0003]") {
  const auto toml = append(kBase, "[chart.values]\nwhen = 07:30:00\n");
  // [chart] is already defined above, so [chart.values] appended later is still the same table.
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0003", at(toml, "07:30:00"), "`chart.values.when` is a time, which Helm values cannot hold"));
}

// ---- PLS0004: missing keys ---------------------------------------------------------------------

TEST_CASE("PLS0004 reports a missing top-level table at the start of the file", "[rules][PLS0004]") {
  const auto toml = edit(kBase, "[chart]\nversion = \"2.7.7\"\n", "");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0004", Position{1, 1}, "missing required key `chart`"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "add a [chart] table (the apache/pulsar-helm-chart release the values are for)");
}

TEST_CASE("PLS0004 reports a missing key at its table", "[rules][PLS0004]") {
  const auto toml =
      edit(kBase, R"(data = { path = "/data/zookeeper", size = "10Gi" })", R"(data = { path = "/data/zookeeper" })");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0004", at(toml, "{ path"), "missing required key `zookeeper.data.size`"));
}

TEST_CASE("PLS0004 reports every missing key in one run", "[rules][PLS0004]") {
  const auto toml = edit(kBase, "[[nodes]]\nname = \"node2\"", "[[nodes]]\nlabels = {}");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0004", at(toml, "[[nodes]]", 2), "missing required key `nodes[1].name`"));
}

// ---- PLS0005: values outside a fixed set -------------------------------------------------------

TEST_CASE("PLS0005 rejects an enum value with a did-you-mean suggestion", "[rules][PLS0005]") {
  const auto toml = edit(kBase, R"(profile = "test")", R"(profile = "prodution")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0005", at(toml, "\"prodution\""), "`cluster.profile` cannot be \"prodution\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "did you mean \"production\"?");
}

TEST_CASE("PLS0005 suggests nothing for a value too far from every allowed one", "[rules][PLS0005]") {
  // About one typo per three characters: "prod" is six edits away from "production".
  const auto toml = edit(kBase, R"(profile = "test")", R"(profile = "prod")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0005", at(toml, "\"prod\""), "`cluster.profile` cannot be \"prod\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use \"test\" or \"production\"");
}

TEST_CASE("PLS0005 values are case-sensitive", "[rules][PLS0005]") {
  const auto toml =
      edit(kBase, R"(name = "node1")", "name = \"node1\"\ntaints = [{ key = \"a\", effect = \"noschedule\" }]");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0005", at(toml, "\"noschedule\""), "`nodes[0].taints[0].effect` cannot be \"noschedule\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "did you mean \"NoSchedule\"?");
}

TEST_CASE("PLS0005 lists the allowed values when nothing is close", "[rules][PLS0005]") {
  const auto toml = edit(kBase, R"(jwt = "off")", R"(jwt = "rsa")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0005", at(toml, "\"rsa\""), "`auth.jwt` cannot be \"rsa\""));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "use \"off\", \"asymmetric\" or \"symmetric\"");
}

TEST_CASE("PLS0005 accepts every allowed enum value", "[rules][PLS0005]") {
  for (const auto* policy : {"IfNotPresent", "Always", "Never"}) {
    const auto toml = append(kBase, fmt::format("[images]\npull_policy = \"{}\"\n", policy));
    CHECK(summary(run(toml)) == "");
  }
  for (const auto* policy : {"Retain", "Delete"}) {
    const auto toml = append(kBase, fmt::format("[storage]\nreclaim_policy = \"{}\"\n", policy));
    CHECK(summary(run(toml)) == "");
  }
  for (const auto* mode : {"separate", "inline", "none"}) {
    const auto toml = append(kBase, fmt::format("[output]\nsecrets = \"{}\"\n", mode));
    CHECK(summary(run(toml)) == "");
  }
}

// ---- PLS0006: limits ---------------------------------------------------------------------------

TEST_CASE("PLS0006 rejects an over-long string", "[rules][PLS0006]") {
  const std::string long_name(65 * 1024, 'a');
  const auto toml = edit(kBase, R"(release = "pulsar")", fmt::format("release = \"{}\"", long_name));
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0006", at(toml, "\"aaa"), "`cluster.release` is longer than 65536 bytes"));
}

TEST_CASE("PLS0006 accepts a string of exactly the limit (then other rules apply)", "[rules][PLS0006]") {
  const std::string long_value(64 * 1024, 'a');
  const auto toml = append(kBase, fmt::format("[chart.values.broker.configData]\nlong = \"{}\"\n", long_value));
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0006 rejects deep nesting inside chart.values", "[rules][PLS0006]") {
  std::string keys = "[chart.values";
  for (int i = 0; i < 40; ++i) keys += fmt::format(".k{}", i);
  const auto toml = append(kBase, keys + "]\nx = 1\n");
  const auto diagnostics = run(toml);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "PLS0006");
  CHECK(diagnostics[0].message.ends_with("is nested deeper than 32 levels"));
}

TEST_CASE("PLS0006 rejects a file larger than 8 MiB before parsing it", "[rules][PLS0006]") {
  const auto toml = std::string(kBase) + "# " + std::string(8u << 20, 'x') + "\n";
  CHECK(summary(run(toml)) == error("PLS0006", Position{1, 1}, "pulsar.toml is larger than 8 MiB"));
}

TEST_CASE("PLS0006 rejects an array longer than 100000 elements", "[rules][PLS0006]") {
  std::string items;
  for (int i = 0; i < 100'001; ++i) items += "1,";
  const auto toml = append(kBase, "[chart.values]\nlist = [" + items + "]\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0006", at(toml, "[1,"), "`chart.values.list` has more than 100000 elements"));
}

// ---- PLS0101: names ----------------------------------------------------------------------------

TEST_CASE("PLS0101 accepts DNS-1123 names", "[rules][PLS0101]") {
  auto toml = edit(kBase, R"(release = "pulsar")", R"(release = "my-pulsar-2")");
  toml = edit(toml, R"(namespace = "pulsar")", R"(namespace = "a")");
  toml = append(toml, "[storage]\nclass = \"local.storage-1\"\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0101 rejects release and namespace that are not DNS-1123 labels", "[rules][PLS0101]") {
  auto toml = edit(kBase, R"(release = "pulsar")", R"(release = "Pulsar")");
  toml = edit(toml, R"(namespace = "pulsar")", R"(namespace = "pulsar.ns")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0101", at(toml, "\"Pulsar\""), "cluster.release \"Pulsar\" is not a DNS-1123 label") +
            error("PLS0101", at(toml, "\"pulsar.ns\""), "cluster.namespace \"pulsar.ns\" is not a DNS-1123 label"));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].help ==
        "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
}

TEST_CASE("PLS0101 rejects a 64-character namespace and a release ending in '-'", "[rules][PLS0101]") {
  const std::string ns(64, 'n');
  auto toml = edit(kBase, R"(namespace = "pulsar")", fmt::format("namespace = \"{}\"", ns));
  toml = edit(toml, R"(release = "pulsar")", R"(release = "pulsar-")");
  CHECK(summary(run(toml)) ==
        error("PLS0101", at(toml, "\"pulsar-\""), "cluster.release \"pulsar-\" is not a DNS-1123 label") +
            error("PLS0101", at(toml, "\"nnn"), fmt::format("cluster.namespace \"{}\" is not a DNS-1123 label", ns)));
}

TEST_CASE("PLS0101 rejects a storage class and node name that are not DNS-1123 subdomains", "[rules][PLS0101]") {
  // The node keeps its (invalid) name everywhere, so only PLS0101 fires for it.
  auto toml = edit(kBase, R"(name = "node1")", R"(name = "Node_1")");
  toml = edit(toml, R"(nodes = ["node1", "node2", "node3"]
data)",
              R"(nodes = ["Node_1", "node2", "node3"]
data)");
  toml = edit(toml, R"(nodes = ["node1", "node2", "node3"]
journal)",
              R"(nodes = ["Node_1", "node2", "node3"]
journal)");
  toml = append(toml, "[storage]\nclass = \"local..storage\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0101", at(toml, "\"Node_1\""), "node name \"Node_1\" is not a DNS-1123 subdomain") +
            error("PLS0101", at(toml, "\"local..storage\""),
                  "storage.class \"local..storage\" is not a DNS-1123 subdomain"));
}

// ---- PLS0102: labels ---------------------------------------------------------------------------

TEST_CASE("PLS0102 accepts valid label keys and values, including prefixes and empty values", "[rules][PLS0102]") {
  const auto toml = edit(kBase, R"(name = "node1")",
                         "name = \"node1\"\nlabels = { \"example.com/role\" = \"\", \"a_b.c-d\" = \"X_1.y-Z\" }");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0102 rejects invalid label keys and values on nodes", "[rules][PLS0102]") {
  const auto toml =
      edit(kBase, R"(name = "node1")", "name = \"node1\"\nlabels = { \"-role\" = \"ok\", role2 = \"has space\" }");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0102", at(toml, "\"-role\""), "labels of node \"node1\": \"-role\" is not a valid label key") +
            error("PLS0102", at(toml, "\"has space\""),
                  "labels of node \"node1\": \"has space\" is not a valid label value"));
}

TEST_CASE("PLS0102 rejects invalid node selectors, default and per component", "[rules][PLS0102]") {
  const std::string long_value(64, 'v');
  auto toml = append(kBase, fmt::format("[scheduling]\nnode_selector = {{ \"Example.com/role\" = \"x\" }}\n\n"
                                        "[broker]\nnode_selector = {{ role = \"{}\" }}\n",
                                        long_value));
  const auto diagnostics = run(toml);
  // The selectors match no node either (PLS0502), reported at the replica counts' table positions.
  const auto lines = summary(diagnostics);
  CHECK_THAT(lines, Catch::Contains(error("PLS0102", at(toml, "\"Example.com/role\""),
                                          "scheduling.node_selector: \"Example.com/role\" is not a valid label key")));
  CHECK_THAT(lines, Catch::Contains(
                        error("PLS0102", at(toml, "\"vvv"),
                              fmt::format("broker.node_selector: \"{}\" is not a valid label value", long_value))));
}

// ---- PLS0103: taints and tolerations -----------------------------------------------------------

TEST_CASE("PLS0103 accepts well-formed taints and tolerations", "[rules][PLS0103]") {
  auto toml = edit(
      kBase, R"(name = "node1")",
      "name = \"node1\"\ntaints = [{ key = \"example.com/dedicated\", value = \"pulsar\", effect = \"NoSchedule\" }, "
      "{ key = \"spot\", effect = \"NoExecute\" }]");
  toml = append(toml,
                "[scheduling]\ntolerations = [{ key = \"example.com/dedicated\", value = \"pulsar\" }, "
                "{ key = \"spot\", operator = \"Exists\" }]\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0103 rejects invalid taint keys and values", "[rules][PLS0103]") {
  auto toml = edit(kBase, R"(name = "node1")",
                   "name = \"node1\"\ntaints = [{ key = \"bad key\", value = \"ok\", effect = \"PreferNoSchedule\" }, "
                   "{ key = \"ok\", value = \"-bad\", effect = \"PreferNoSchedule\" }]");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0103", at(toml, "\"bad key\""), "\"bad key\" is not a valid taint key") +
                                    error("PLS0103", at(toml, "\"-bad\""), "\"-bad\" is not a valid taint value"));
}

TEST_CASE("PLS0103 rejects a value with operator Exists", "[rules][PLS0103]") {
  auto toml = edit(kBase, R"(name = "node1")",
                   "name = \"node1\"\ntaints = [{ key = \"dedicated\", value = \"pulsar\", effect = \"NoSchedule\" }]");
  toml = append(toml,
                "[scheduling]\ntolerations = [{ key = \"dedicated\", operator = \"Exists\", value = \"pulsar\" }]\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0103", at_after(toml, "operator = \"Exists\", value = "),
                                      "scheduling.tolerations: operator Exists takes no value"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "remove `value`, or use operator = \"Equal\"");
}

TEST_CASE("PLS0103 rejects a toleration without a key unless it uses Exists", "[rules][PLS0103]") {
  const auto toml = append(kBase, "[broker]\ntolerations = [{ value = \"x\" }, { key = \"Bad Key\" }]\n");
  // No node has taints, so both tolerations are also dead configuration (PLS0503 warnings).
  CHECK(
      summary(run(toml)) ==
      error("PLS0103", at(toml, "{ value"), "broker.tolerations: a toleration without a key must use operator Exists") +
          warning("PLS0503", at(toml, "{ value"),
                  "broker.tolerations: this toleration matches no taint of any declared node") +
          warning("PLS0503", at(toml, "{ key = \"Bad"),
                  "broker.tolerations: this toleration matches no taint of any declared node") +
          error("PLS0103", at(toml, "\"Bad Key\""), "broker.tolerations: \"Bad Key\" is not a valid taint key"));
}

// ---- PLS0104: images ---------------------------------------------------------------------------

TEST_CASE("PLS0104 accepts image references with tags and registry prefixes", "[rules][PLS0104]") {
  const auto toml =
      append(kBase,
             "[images]\nregistry = \"localhost:5000/mirror\"\npulsar = \"apachepulsar/pulsar-all:2.7.4\"\n"
             "manager = \"apachepulsar/pulsar-manager:v0.2.0\"\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0104 rejects an image without a tag and a malformed registry", "[rules][PLS0104]") {
  const auto toml =
      append(kBase,
             "[images]\nregistry = \"harbor.example.com/library/\"\npulsar = \"apachepulsar/pulsar-all\"\n"
             "manager = \"Apachepulsar/pulsar-manager:v0.2.0\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0104", at(toml, "\"harbor"), "\"harbor.example.com/library/\" is not a registry prefix") +
            error("PLS0104", at(toml, "\"apachepulsar/pulsar-all\""),
                  "\"apachepulsar/pulsar-all\" is not an image reference with a tag") +
            error("PLS0104", at(toml, "\"Apachepulsar"),
                  "\"Apachepulsar/pulsar-manager:v0.2.0\" is not an image reference with a tag"));
}

TEST_CASE("PLS0104 rejects a port without a tag and an empty registry", "[rules][PLS0104]") {
  const auto toml = append(kBase, "[images]\nregistry = \"\"\npulsar = \"localhost:5000/pulsar\"\n");
  CHECK(summary(run(toml)) == error("PLS0104", at(toml, "\"\""), "\"\" is not a registry prefix") +
                                  error("PLS0104", at(toml, "\"localhost"),
                                        "\"localhost:5000/pulsar\" is not an image reference with a tag"));
}

// ---- PLS0105: quantities -----------------------------------------------------------------------

TEST_CASE("PLS0105 accepts Kubernetes quantities", "[rules][PLS0105]") {
  for (const auto* size : {"20Gi", "500M", "1.5Ti", "1e3", "100", "0.5Gi", "1E+2"}) {
    const auto toml = edit(kBase, R"(data = { path = "/data/zookeeper", size = "10Gi" })",
                           fmt::format("data = {{ path = \"/data/zookeeper\", size = \"{}\" }}", size));
    INFO(size);
    CHECK(summary(run(toml)) == "");
  }
}

TEST_CASE("PLS0105 rejects malformed, negative and zero sizes", "[rules][PLS0105]") {
  for (const auto* size : {"20GB", "-1Gi", "0", "0Gi", "0.0Mi", "Gi", "", "1.2.3", "20 Gi", "1e"}) {
    const auto toml = edit(kBase, R"(data = { path = "/data/zookeeper", size = "10Gi" })",
                           fmt::format("data = {{ path = \"/data/zookeeper\", size = \"{}\" }}", size));
    INFO(size);
    CHECK(summary(run(toml)) ==
          error("PLS0105", at(toml, fmt::format("\"{}\" }}", size)),
                fmt::format("zookeeper.data.size \"{}\" is not a positive Kubernetes quantity", size)));
  }
}

TEST_CASE("PLS0105 checks resource requests of every component", "[rules][PLS0105]") {
  const auto toml = append(
      kBase, "[proxy.resources]\ncpu = \"500m\"\nmemory = \"lots\"\n\n[toolset]\nresources = { cpu = \"-1\" }\n");
  CHECK(
      summary(run(toml)) ==
      error("PLS0105", at(toml, "\"lots\""), "proxy.resources.memory \"lots\" is not a positive Kubernetes quantity") +
          error("PLS0105", at(toml, "\"-1\""), "toolset.resources.cpu \"-1\" is not a positive Kubernetes quantity"));
}

// ---- PLS0106: host paths -----------------------------------------------------------------------

TEST_CASE("PLS0106 rejects relative, trailing-slash and unnormalised paths", "[rules][PLS0106]") {
  for (const auto* path : {"data/zookeeper", "/data/zookeeper/", "/data/./zookeeper", "/data/../zookeeper",
                           "/data//zookeeper", "/data/zoo keeper", "/", ""}) {
    const auto toml = edit(kBase, R"(path = "/data/zookeeper")", fmt::format("path = \"{}\"", path));
    INFO(path);
    CHECK(summary(run(toml)) ==
          error("PLS0106", at(toml, fmt::format("\"{}\", size", path)),
                fmt::format("zookeeper.data.path \"{}\" is not an absolute, normalised path", path)));
  }
}

TEST_CASE("PLS0106 alone reports a malformed path that would overlap every other path", "[rules][PLS0106]") {
  // "" and "/" contain every path; PLS0302 and PLS0401 must not pile up on top of PLS0106.
  auto toml = edit(kBase, R"(path = "/data/bookkeeper/journal")", R"(path = "/")");
  toml = edit(toml, R"(path = "/data/zookeeper")", R"(path = "")");
  CHECK(summary(run(toml)) ==
        error("PLS0106", at(toml, R"("", size)"), "zookeeper.data.path \"\" is not an absolute, normalised path") +
            error("PLS0106", at(toml, R"("/", size)"),
                  "bookkeeper.journal.path \"/\" is not an absolute, normalised path"));
}

TEST_CASE("PLS0106 accepts absolute normalised paths with dots inside names", "[rules][PLS0106]") {
  const auto toml = edit(kBase, R"(path = "/data/zookeeper")", R"(path = "/data/.zk/zoo.keeper-1_a")");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0106 checks the bookie journal and ledgers paths", "[rules][PLS0106]") {
  auto toml = edit(kBase, R"(path = "/data/bookkeeper/journal")", R"(path = "journal")");
  toml = edit(toml, R"(path = "/data/bookkeeper/ledgers")", R"(path = "~/ledgers")");
  CHECK(summary(run(toml)) == error("PLS0106", at(toml, "\"journal\""),
                                    "bookkeeper.journal.path \"journal\" is not an absolute, normalised path") +
                                  error("PLS0106", at(toml, "\"~/ledgers\""),
                                        "bookkeeper.ledgers.path \"~/ledgers\" is not an absolute, normalised path"));
}

// ---- PLS0107: derived names --------------------------------------------------------------------

namespace {

std::string with_release(std::string_view release) {
  return edit(kBase, R"(release = "pulsar")", fmt::format("release = \"{}\"", release));
}

}  // namespace

TEST_CASE("PLS0107 accepts the longest releases whose StatefulSet names fit 52 characters", "[rules][PLS0107]") {
  // Without "pulsar" the chart's full name is "<release>-pulsar": 35 + 7 + len("-zookeeper") = 52.
  CHECK(summary(run(with_release(std::string(35, 'r')))) == "");
  // With "pulsar" the full name is the release itself: 42 + 10 = 52.
  CHECK(summary(run(with_release("pulsar-" + std::string(35, 'r')))) == "");
}

TEST_CASE("PLS0107 rejects a release whose StatefulSet names exceed 52 characters", "[rules][PLS0107]") {
  const std::string release36(36, 'r');
  const auto toml36 = with_release(release36);
  CHECK(summary(run(toml36)) ==
        error("PLS0107", at(toml36, "\"rrr"),
              fmt::format("StatefulSet name \"{}-pulsar-zookeeper\" is 53 characters, more than 52", release36)));

  const std::string release43 = "pulsar-" + std::string(36, 'r');
  const auto toml43 = with_release(release43);
  CHECK(summary(run(toml43)) ==
        error("PLS0107", at(toml43, "\"pulsar-rrr"),
              fmt::format("StatefulSet name \"{}-zookeeper\" is 53 characters, more than 52", release43)));

  const std::string release45(45, 'x');
  const auto toml45 = with_release(release45);
  const auto diagnostics = run(toml45);
  CHECK(summary(diagnostics) ==
        error("PLS0107", at(toml45, "\"xxx"),
              fmt::format("StatefulSet name \"{}-pulsar-zookeeper\" is 62 characters, more than 52", release45)));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help ==
        "shorten cluster.release: StatefulSet names over 52 characters break the controller-revision-hash label");
}

TEST_CASE("PLS0107 rejects node names longer than the 63-character hostname label", "[rules][PLS0107]") {
  const std::string name63 = std::string(59, 'n') + ".a.b";  // 63: fits
  const std::string name64 = std::string(60, 'n') + ".a.b";  // 64: a valid subdomain, too long a label value
  auto replace_node1 = [](const std::string& name) { return replace_all(kBase, "\"node1\"", "\"" + name + "\""); };
  CHECK(summary(run(replace_node1(name63))) == "");
  const auto toml = replace_node1(name64);
  CHECK(summary(run(toml)) ==
        error("PLS0107", at(toml, "\"nnn"), fmt::format("node name \"{}\" is longer than 63 characters", name64)));
}

// ---- PLS0108: Kubernetes version ---------------------------------------------------------------

TEST_CASE("PLS0108 accepts supported Kubernetes versions", "[rules][PLS0108]") {
  for (const auto* version : {"1.21", "1.22", "1.25", "1.30", "1.34"}) {
    INFO(version);
    CHECK(summary(run(edit(kBase, R"(profile = "test")",
                           fmt::format("profile = \"test\"\nkubernetes = \"{}\"", version)))) == "");
  }
}

TEST_CASE("PLS0108 rejects unsupported or malformed Kubernetes versions", "[rules][PLS0108]") {
  for (const auto* version : {"1.20", "1.35", "2.0", "1.x", "", "1.", "v1.30", "1.30.1"}) {
    const auto toml =
        edit(kBase, R"(profile = "test")", fmt::format("profile = \"test\"\nkubernetes = \"{}\"", version));
    INFO(version);
    const auto diagnostics = run(toml);
    CHECK(summary(diagnostics) == error("PLS0108", at(toml, fmt::format("\"{}\"\n", version)),
                                        "cluster.kubernetes is not a supported Kubernetes version"));
  }
}

// ---- PLS0109: chart version --------------------------------------------------------------------

TEST_CASE("PLS0109 rejects unsupported chart versions and lists the supported ones", "[rules][PLS0109]") {
  const auto toml = edit(kBase, R"(version = "2.7.7")", R"(version = "3.9.9")");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0109", at(toml, "\"3.9.9\""), "chart version \"3.9.9\" is not supported"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "supported: \"2.7.7\", \"4.7.0\"");
}

// ---- PLS0110: duplicate nodes ------------------------------------------------------------------

TEST_CASE("PLS0110 rejects a node declared twice and points at the first declaration", "[rules][PLS0110]") {
  const auto toml = edit(kBase, R"(name = "node3")", R"(name = "node1")");
  // node3 is then undeclared (PLS0111) in both lists.
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0110", at(toml, "\"node1\"", 2), "node \"node1\" is declared twice") +
                                    error("PLS0111", at(toml, "\"node3\"", 1),
                                          "zookeeper.nodes uses node \"node3\", which no [[nodes]] entry declares") +
                                    error("PLS0111", at(toml, "\"node3\"", 2),
                                          "bookkeeper.nodes uses node \"node3\", which no [[nodes]] entry declares"));
  REQUIRE(diagnostics.size() == 3);
  CHECK(notes(diagnostics[0]) == note(at(toml, "\"node1\"", 1), "first declared here"));
  CHECK(diagnostics[0].help == "merge the two [[nodes]] entries into one");
}

// ---- PLS0111: undeclared nodes -----------------------------------------------------------------

TEST_CASE("PLS0111 rejects replicas pinned to undeclared nodes, with did-you-mean", "[rules][PLS0111]") {
  const auto toml = edit(kBase, R"(nodes = ["node1", "node2", "node3"]
data)",
                         R"(nodes = ["node1", "node2", "nodE3x"]
data)");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0111", at(toml, "\"nodE3x\""),
                                      "zookeeper.nodes uses node \"nodE3x\", which no [[nodes]] entry declares"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "did you mean \"node3\"?");
}

TEST_CASE("PLS0111 gives a generic help when no declared node is close", "[rules][PLS0111]") {
  const auto toml = edit(kBase, R"(nodes = ["node1", "node2", "node3"]
journal)",
                         R"(nodes = ["node1", "node2", "storage-server-7"]
journal)");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0111", at(toml, "\"storage-server-7\""),
              "bookkeeper.nodes uses node \"storage-server-7\", which no [[nodes]] entry declares"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "add a [[nodes]] entry with this name, or use a declared node");
}

// ---- PLS0112: replicas -------------------------------------------------------------------------

TEST_CASE("PLS0112 accepts 0 for optional components and large broker counts", "[rules][PLS0112]") {
  const auto toml = append(kBase,
                           "[broker]\nreplicas = 10000\n\n[proxy]\nreplicas = 0\n\n[autorecovery]\nreplicas = 0\n\n"
                           "[toolset]\nreplicas = 0\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0112 rejects negative and huge replica counts and a cluster without brokers", "[rules][PLS0112]") {
  const auto toml = append(kBase, "[broker]\nreplicas = 0\n\n[proxy]\nreplicas = -1\n\n[toolset]\nreplicas = 10001\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0112", at_after(toml, "replicas = "), "a Pulsar cluster needs at least one broker") +
            error("PLS0112", at(toml, "-1"), "proxy.replicas must be between 0 and 10000") +
            error("PLS0112", at(toml, "10001"), "toolset.replicas must be between 0 and 10000"));
}

// ---- PLS0113: conditional keys -----------------------------------------------------------------

TEST_CASE("PLS0113 requires the key file that the JWT mode reads", "[rules][PLS0113]") {
  const auto asymmetric = edit(kBase, R"(jwt = "off")", R"(jwt = "asymmetric")");
  CHECK(summary(run(asymmetric)) ==
        error("PLS0113", at(asymmetric, "\"asymmetric\""), "auth.jwt = \"asymmetric\" needs auth.private_key"));
  const auto symmetric = edit(kBase, R"(jwt = "off")", R"(jwt = "symmetric")");
  CHECK(summary(run(symmetric)) ==
        error("PLS0113", at(symmetric, "\"symmetric\""), "auth.jwt = \"symmetric\" needs auth.secret_key"));
}

TEST_CASE("PLS0113 rejects key files the JWT mode never reads", "[rules][PLS0113]") {
  const auto toml = edit(kBase, R"(jwt = "off")",
                         "jwt = \"off\"\nprivate_key = \"keys/private.der\"\nsecret_key = \"keys/secret.key\"");
  CHECK(summary(run(toml)) == error("PLS0113", at(toml, "\"keys/private.der\""),
                                    "auth.private_key is set but auth.jwt is not \"asymmetric\"") +
                                  error("PLS0113", at(toml, "\"keys/secret.key\""),
                                        "auth.secret_key is set but auth.jwt is not \"symmetric\""));
}

TEST_CASE("PLS0113 rejects tokens without JWT and a manager without a database", "[rules][PLS0113]") {
  auto toml = edit(kBase, R"(jwt = "off")", "jwt = \"off\"\n\n[[auth.tokens]]\nsubject = \"app\"");
  toml = edit(toml, "enabled = false", "enabled = true");
  toml = append(toml, "[images]\nmanager = \"apachepulsar/pulsar-manager:v0.4.0\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0113", at(toml, "[[auth.tokens]]"), "[[auth.tokens]] needs auth.jwt to be on") +
            error("PLS0113", at(toml, "true"), "manager.enabled = true needs [manager.database]"));
}

// ---- PLS0114: chart.values ---------------------------------------------------------------------

TEST_CASE("PLS0114 accepts keys of the chart's values and free-form maps", "[rules][PLS0114]") {
  const auto toml =
      append(kBase, "[chart.values.broker]\ngracePeriod = 60\nconfigData = { maxMessageSize = \"5242880\" }\n");
  CHECK(summary(run(toml)) == "");
}

TEST_CASE("PLS0114 warns about keys the chart does not have", "[rules][PLS0114]") {
  const auto toml = append(kBase, "[chart.values.broker]\nreplicaCont = 2\n\n[chart.values.brokr]\nx = 1\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        warning("PLS0114", at(toml, "replicaCont"),
                "chart.values.broker.replicaCont is not a key of chart 2.7.7's values") +
            warning("PLS0114", at(toml, "brokr"), "chart.values.brokr is not a key of chart 2.7.7's values"));
  CHECK_FALSE(pulsarc::has_errors(diagnostics));
}

// ---- every independent error in one run, sorted by position -----------------------------------

TEST_CASE("independent errors are all reported in one run, sorted by position", "[rules]") {
  auto toml = edit(kBase, R"(release = "pulsar")", R"(release = "Pulsar")");
  toml = edit(toml, R"(version = "2.7.7")", R"(version = "3.0.0")");
  toml = edit(toml, R"(nodes = ["node1", "node2", "node3"]
data)",
              R"(nodes = ["node1", "node1"]
data)");
  toml = edit(toml, R"(size = "50Gi")", R"(size = "fifty")");
  toml = append(toml, "[broker]\nreplicas = 0\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) ==
        error("PLS0101", at(toml, "\"Pulsar\""), "cluster.release \"Pulsar\" is not a DNS-1123 label") +
            error("PLS0109", at(toml, "\"3.0.0\""), "chart version \"3.0.0\" is not supported") +
            error("PLS0201", at(toml, "[\"node1\", \"node1\"]"), "zookeeper needs at least three replicas, found 2") +
            error("PLS0201", at(toml, "\"node1\"]"), "zookeeper replicas 0 and 1 are both on node \"node1\"") +
            error("PLS0105", at(toml, "\"fifty\""),
                  "bookkeeper.ledgers.size \"fifty\" is not a positive Kubernetes quantity") +
            error("PLS0112", at_after(toml, "replicas = "), "a Pulsar cluster needs at least one broker"));
  // Sorted by (line, column), whatever the rule order.
  CHECK(std::is_sorted(diagnostics.begin(), diagnostics.end(),
                       [](const auto& a, const auto& b) { return a.span < b.span; }));
}

TEST_CASE("check reports the same mistakes whatever the order of the tables and of the nodes", "[rules]") {
  // The diagnostics' positions follow the text; their codes and messages must not (no rule may
  // depend on the order in which it meets tables or [[nodes]] entries).
  const std::string mistakes =
      "[proxy]\nreplicas = 5\nnode_selector = { disk = \"ssd\" }\n\n"
      "[scheduling]\ntolerations = [{ key = \"none\", operator = \"Exists\" }]\n\n";
  const auto renamed = edit(kBase, R"(release = "pulsar")", R"(release = "Pulsar")");
  const auto in_order = run(append(renamed, mistakes));
  // The same file with the mistakes' tables first and the nodes reversed.
  auto text = edit(renamed, "[[nodes]]\nname = \"node1\"", mistakes + "[[nodes]]\nname = \"node3\"");
  text = edit(text, "[[nodes]]\nname = \"node3\"\n\n[zookeeper]", "[[nodes]]\nname = \"node1\"\n\n[zookeeper]");
  const auto reordered = run(text);
  const auto codes_and_messages = [](const Diagnostics& diagnostics) {
    std::multiset<std::string> out;
    for (const auto& d : diagnostics) out.insert(std::string(d.code) + " " + d.message);
    return out;
  };
  const auto expected = codes_and_messages(in_order);
  REQUIRE(expected.size() >= 2);  // the release name and the proxies' selector, at least
  CHECK(codes_and_messages(reordered) == expected);
  CHECK(summary(reordered) != summary(in_order));  // the positions did move
}

// ---- PLS0116: printable paths -----------------------------------------------------------------

TEST_CASE("PLS0116 accepts printable paths, spaces and UTF-8 included", "[rules][PLS0116]") {
  CHECK(summary(run(append(kBase, "[output]\ndir = \"deploy/my bundle/ü\"\n"))) == "");
}

TEST_CASE("PLS0116 rejects control characters in file paths", "[rules][PLS0116]") {
  const auto toml = append(kBase, "[output]\ndir = \"deploy\\n\\u001b[31m\"\n");
  const auto diagnostics = run(toml);
  CHECK(summary(diagnostics) == error("PLS0116", at_after(toml, "dir = "), "output.dir contains a control character"));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].help == "file names in pulsar.toml must be printable; rename the file");
}

TEST_CASE("PLS0116 checks key and password file paths too", "[rules][PLS0116]") {
  const auto toml = edit(kBase, R"(jwt = "off")", "jwt = \"symmetric\"\nsecret_key = \"keys/\\tsecret.key\"");
  ReferencedFiles files;
  files["keys/\tsecret.key"] = pulsarc::FileContent{std::string(32, 'k'), {}};
  CHECK(summary(run(toml, files)) ==
        error("PLS0116", at_after(toml, "secret_key = "), "auth.secret_key contains a control character"));
}
