// `pulsarc schema` against the parser's field table, and the checked-in copy against `pulsarc schema`.
#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "parse/json_schema.hpp"
#include "parse/schema.hpp"
#include "pulsarc/pipeline.hpp"
#include "test_files.hpp"

using pulsarc::parser::config_schema;
using pulsarc::parser::Field;
using pulsarc::parser::FieldType;
using pulsarc::parser::json_schema;

namespace {

using testfiles::read_text;

std::set<std::string> keys_of(const YAML::Node& map) {
  std::set<std::string> keys;
  for (const auto& entry : map) keys.insert(entry.first.as<std::string>());
  return keys;
}

/// Walks one field of the table next to its JSON Schema, checking every rule the parser applies.
void check_field(const Field& field, const YAML::Node& schema, const std::string& path) {
  INFO("at " << path);
  REQUIRE(schema.IsMap());
  const auto type = schema["type"].as<std::string>();
  switch (field.type) {
    case FieldType::string:
      CHECK(type == "string");
      if (field.allowed.empty()) {
        CHECK_FALSE(schema["enum"]);
      } else {
        REQUIRE(schema["enum"].IsSequence());
        std::vector<std::string> values;
        for (const auto& v : schema["enum"]) values.push_back(v.as<std::string>());
        CHECK(values == std::vector<std::string>(field.allowed.begin(), field.allowed.end()));
      }
      break;
    case FieldType::integer: CHECK(type == "integer"); break;
    case FieldType::boolean: CHECK(type == "boolean"); break;
    case FieldType::datetime:
      CHECK(type == "string");
      CHECK(schema["format"].as<std::string>() == "date-time");
      break;
    case FieldType::string_array:
      CHECK(type == "array");
      CHECK(schema["items"]["type"].as<std::string>() == "string");
      break;
    case FieldType::string_map:
      CHECK(type == "object");
      CHECK(schema["additionalProperties"]["type"].as<std::string>() == "string");
      break;
    case FieldType::free_table:
      CHECK(type == "object");
      CHECK_FALSE(schema["additionalProperties"]);  // chart.values takes any key
      CHECK_FALSE(schema["properties"]);
      break;
    case FieldType::table:
    case FieldType::table_array: {
      const YAML::Node object = field.type == FieldType::table ? schema : schema["items"];
      if (field.type == FieldType::table_array) CHECK(type == "array");
      CHECK(object["type"].as<std::string>() == "object");
      // Unknown keys are errors in the parser, so the schema must refuse them too.
      CHECK(object["additionalProperties"].as<bool>() == false);
      std::set<std::string> names, required;
      for (const auto& child : field.children) {
        names.insert(std::string(child.name));
        if (child.required) required.insert(std::string(child.name));
      }
      CHECK(keys_of(object["properties"]) == names);
      std::set<std::string> schema_required;
      if (object["required"]) {
        for (const auto& r : object["required"]) schema_required.insert(r.as<std::string>());
      }
      CHECK(schema_required == required);
      for (const auto& child : field.children) {
        check_field(child, object["properties"][std::string(child.name)], path + "." + std::string(child.name));
      }
      break;
    }
  }
  // A default must be a value the field accepts, of the field's type.
  if (!field.default_text.empty()) {
    REQUIRE(schema["default"]);
    if (field.type == FieldType::integer) CHECK_NOTHROW(schema["default"].as<long long>());
    if (field.type == FieldType::boolean) CHECK_NOTHROW(schema["default"].as<bool>());
    if (!field.allowed.empty()) {
      CHECK(std::ranges::find(field.allowed, schema["default"].as<std::string>()) != field.allowed.end());
    }
  } else {
    CHECK_FALSE(schema["default"]);
  }
}

}  // namespace

TEST_CASE("pulsarc schema is draft-07 and mirrors the parser's field table", "[schema]") {
  const auto schema = YAML::Load(json_schema());  // JSON is YAML; yaml-cpp reads it
  CHECK(schema["$schema"].as<std::string>() == "http://json-schema.org/draft-07/schema#");
  check_field(config_schema(), schema, "pulsar.toml");
}

TEST_CASE("schemas/pulsar.schema.json is current (regenerate: pulsarc schema > schemas/pulsar.schema.json)",
          "[schema]") {
  const auto checked_in = read_text(std::filesystem::path(PULSARC_SOURCE_DIR) / "schemas" / "pulsar.schema.json");
  CHECK(checked_in == json_schema());
}

TEST_CASE("the schema's defaults are the parser's defaults", "[schema]") {
  // A configuration with only the required keys: whatever the parser fills in must match the
  // defaults the schema advertises to editors.
  const auto parsed = pulsarc::parse(R"(
[cluster]
release = "r"
namespace = "n"
[chart]
version = "2.7.7"
[zookeeper]
nodes = ["a"]
data = { path = "/d", size = "1Gi" }
[bookkeeper]
nodes = ["a"]
journal = { path = "/j", size = "1Gi" }
ledgers = { path = "/l", size = "1Gi" }
)");
  REQUIRE(parsed.config);
  const auto& c = *parsed.config;
  const auto schema = YAML::Load(json_schema());
  const auto props = schema["properties"];
  CHECK(props["cluster"]["properties"]["profile"]["default"].as<std::string>() == "production");
  CHECK(c.cluster.profile.value == pulsarc::Profile::production);
  CHECK(props["bookkeeper"]["properties"]["ensemble"]["default"].as<long long>() == c.bookkeeper.ensemble.value);
  CHECK(props["bookkeeper"]["properties"]["write_quorum"]["default"].as<long long>() ==
        c.bookkeeper.write_quorum.value);
  CHECK(props["bookkeeper"]["properties"]["ack_quorum"]["default"].as<long long>() == c.bookkeeper.ack_quorum.value);
  CHECK(props["broker"]["properties"]["replicas"]["default"].as<long long>() == c.broker.replicas.value);
  CHECK(props["proxy"]["properties"]["replicas"]["default"].as<long long>() == c.proxy.replicas.value);
  CHECK(props["autorecovery"]["properties"]["replicas"]["default"].as<long long>() == c.autorecovery.replicas.value);
  CHECK(props["toolset"]["properties"]["replicas"]["default"].as<long long>() == c.toolset.replicas.value);
  CHECK(props["storage"]["properties"]["class"]["default"].as<std::string>() == c.storage.class_name.value);
  CHECK(props["output"]["properties"]["dir"]["default"].as<std::string>() == c.output.dir.value);
  CHECK(props["output"]["properties"]["secrets"]["default"].as<std::string>() == "separate");
  CHECK(c.output.secrets.value == pulsarc::SecretsMode::separate);
  CHECK(props["manager"]["properties"]["enabled"]["default"].as<bool>() == c.manager.enabled.value);
  CHECK(props["auth"]["properties"]["jwt"]["default"].as<std::string>() == "off");
  CHECK(c.auth.jwt.value == pulsarc::JwtMode::off);
}
