// Facts that must live once: chart versions only in compiler/chart/, each enum spelling only in
// pulsarc/spelling.hpp, each default only in the field table (parse/schema.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "chart/profile.hpp"
#include "parse/schema.hpp"
#include "pulsarc/spelling.hpp"

namespace {

namespace fs = std::filesystem;

struct Source {
  std::string path;  ///< relative to the source tree
  std::string text;
};

std::vector<Source> sources() {
  std::vector<Source> out;
  const fs::path root(PULSARC_SOURCE_DIR);
  for (const char* dir : {"compiler", "include"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp" && ext != ".inc") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      out.push_back({fs::relative(entry.path(), root).generic_string(), text.str()});
    }
  }
  REQUIRE(out.size() > 50);
  return out;
}

/// Files (outside `except`) that hold the literal "text", quoted.
std::vector<std::string> holders(const std::vector<Source>& all, const std::string& text,
                                 const std::vector<std::string>& except) {
  std::vector<std::string> out;
  const std::string quoted = "\"" + text + "\"";
  for (const auto& s : all) {
    if (std::ranges::any_of(except, [&](const std::string& e) { return s.path.starts_with(e); })) continue;
    if (s.text.find(quoted) != std::string::npos) out.push_back(s.path);
  }
  return out;
}

template <class E>
void add_spellings(std::vector<std::string>& out) {
  for (const auto name : pulsarc::Spelling<E>::names) out.emplace_back(name);
}

void string_defaults(const pulsarc::parser::Field& field, std::vector<std::string>& out) {
  if (field.type == pulsarc::parser::FieldType::string && field.allowed.empty() && !field.default_text.empty())
    out.push_back(field.default_text);
  for (const auto& child : field.children) string_defaults(child, out);
}

}  // namespace

TEST_CASE("no chart version is written outside compiler/chart/", "[layout]") {
  const auto all = sources();
  for (const auto* profile : pulsarc::chart::profiles()) {
    INFO(profile->version);
    CHECK(holders(all, std::string(profile->version), {"compiler/chart/"}) == std::vector<std::string>{});
  }
  // Nor a version-named identifier such as values_2_7_7 or a v2_7_7 namespace.
  for (const auto* profile : pulsarc::chart::profiles()) {
    std::string identifier(profile->version);
    std::ranges::replace(identifier, '.', '_');
    for (const auto& s : all) {
      if (s.path.starts_with("compiler/chart/")) continue;
      INFO(s.path);
      CHECK(s.text.find(identifier) == std::string::npos);
    }
  }
}

TEST_CASE("every enum spelling is written once, in pulsarc/spelling.hpp", "[layout]") {
  const auto all = sources();
  std::vector<std::string> spellings;
  add_spellings<pulsarc::Profile>(spellings);
  add_spellings<pulsarc::PullPolicy>(spellings);
  add_spellings<pulsarc::ReclaimPolicy>(spellings);
  add_spellings<pulsarc::TaintEffect>(spellings);
  add_spellings<pulsarc::TolerationOperator>(spellings);
  add_spellings<pulsarc::JwtMode>(spellings);
  add_spellings<pulsarc::SecretsMode>(spellings);
  add_spellings<pulsarc::ServiceType>(spellings);
  // The same words with another meaning: a Pod's restartPolicy, YAML 1.1's "off" boolean, the
  // index's "no signing key", a review's empty list and a component without anti-affinity.
  const std::map<std::string, std::vector<std::string>> elsewhere{
      {"Never", {"compiler/lower/node_preparation.cpp"}},
      {"off", {"compiler/emit/yaml.cpp"}},
      {"none", {"compiler/emit/index.cpp", "compiler/review/risks.cpp", "compiler/check/placement.cpp"}}};
  for (const auto& spelling : spellings) {
    INFO(spelling);
    const auto it = elsewhere.find(spelling);
    CHECK(holders(all, spelling, {"include/pulsarc/spelling.hpp"}) ==
          (it == elsewhere.end() ? std::vector<std::string>{} : it->second));
  }
}

TEST_CASE("every default is written once, in the field table", "[layout]") {
  const auto all = sources();
  std::vector<std::string> defaults;
  string_defaults(pulsarc::parser::config_schema(), defaults);
  REQUIRE(defaults.size() >= 5);
  for (const auto& value : defaults) {
    INFO(value);
    // "admin" is also the name of the chart's and pulsar.toml's [manager.admin] table.
    if (value == "admin") continue;
    CHECK(holders(all, value, {"compiler/parse/schema.cpp"}) == std::vector<std::string>{});
  }
}
