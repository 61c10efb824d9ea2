// The canonical YAML writer: exact bytes for the shapes the bundle uses, quoting of every string a
// YAML reader would otherwise retype, and a round trip through an independent reader (yaml-cpp).
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "pulsarc/yaml.hpp"

using pulsarc::yaml::needs_quotes;
using pulsarc::yaml::Node;
using pulsarc::yaml::write_document;

namespace {

std::string write(const Node& document) {
  std::string out;
  write_document(out, document);
  return out;
}

/// UTF-8 encoding of one code point.
std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

/// True when yaml-cpp would read the plain scalar as something other than a string.
bool retyped_by_yaml_cpp(const YAML::Node& scalar) {
  if (scalar.Tag() != "?") return false;  // quoted ("!") scalars are always strings
  if (scalar.IsNull()) return true;
  bool b = false;
  std::int64_t i = 0;
  double d = 0;
  return YAML::convert<bool>::decode(scalar, b) || YAML::convert<std::int64_t>::decode(scalar, i) ||
         YAML::convert<double>::decode(scalar, d);
}

/// Writes `text` as a value, as a key and as a sequence item, reads it back with yaml-cpp and
/// checks that every copy is the same string.
void check_round_trip(const std::string& text) {
  Node document = Node::map();
  document.set("value", Node::str(text));
  document.set(text.empty() ? std::string("k") : text, Node::str("as key"));
  Node list = Node::seq();
  list.push(Node::str(text));
  list.push(Node::str("after"));
  document.set("zlist", std::move(list));
  const auto written = write(document);
  INFO("text: " << text);
  INFO("written:\n" << written);
  YAML::Node read;
  REQUIRE_NOTHROW(read = YAML::Load(written));
  REQUIRE(read.IsMap());
  CHECK(read["value"].as<std::string>() == text);
  CHECK_FALSE(retyped_by_yaml_cpp(read["value"]));
  CHECK(read["zlist"][0].as<std::string>() == text);
  CHECK(read["zlist"][1].as<std::string>() == "after");
  if (!text.empty()) {
    bool found = false;
    for (const auto& entry : read) {
      if (entry.first.as<std::string>() == text) {
        found = true;
        CHECK(entry.second.as<std::string>() == "as key");
        CHECK_FALSE(retyped_by_yaml_cpp(entry.first));
      }
    }
    CHECK(found);
  }
  CHECK(read.size() == 3);
}

}  // namespace

// ---- quoting -------------------------------------------------------------------------------------

TEST_CASE("strings that YAML would retype are quoted", "[yaml]") {
  for (const char* text : {"on",    "On",     "ON",      "off",         "yes",   "Yes",        "no",    "NO",    "y",
                           "Y",     "n",      "N",       "true",        "True",  "FALSE",      "null",  "Null",  "NULL",
                           "~",     "",       "0123",    "123",         "-1",    "+1",         "1.0",   ".5",    "1e3",
                           "0x1F",  "0o17",   "2.7.4",   "1_000",       "12:30", "2024-01-01", ".inf",  "-.inf", ".nan",
                           "nan",   "inf",    "a: b",    "a:",          "#x",    "a #x",       "- x",   "-",     "? x",
                           ":x",    "*alias", "&anchor", "!tag",        "%dir",  "@at",        "`tick", "'q",    "\"q",
                           "{a",    "[a",     "a,b",     "a]",          "a}",    "|",          ">",     "<<",    "=",
                           " lead", "trail ", "a\tb",    "line\nbreak", "a b",   "é",          "über"}) {
    INFO(text);
    CHECK(needs_quotes(text));
  }
}

TEST_CASE("ordinary identifiers stay plain", "[yaml]") {
  for (const char* text : {"pulsar", "apachepulsar/pulsar-all", "harbor.example.com/library", "local-storage",
                           "IfNotPresent", "a_b", "/data/zookeeper", "node-role.kubernetes.io/pulsar", "a:b",
                           "http://x", "key=value", "user@host", "a+b", "yess", "online", "nulls", "Never", "_x"}) {
    INFO(text);
    CHECK_FALSE(needs_quotes(text));
  }
}

TEST_CASE("scalars are written with the documented spelling", "[yaml]") {
  Node doc = Node::map();
  doc.set("on", Node::str("on"));
  doc.set("version", Node::str("2.7.4"));
  doc.set("zero", Node::str("0123"));
  doc.set("one", Node::str("1.0"));
  doc.set("empty", Node::str(""));
  doc.set("colon", Node::str("a: b"));
  doc.set("hash", Node::str("#x"));
  doc.set("dash", Node::str("- x"));
  doc.set("plain", Node::str("apachepulsar/pulsar-all"));
  doc.set("int", Node::num(-42));
  doc.set("min", Node::num(std::numeric_limits<std::int64_t>::min()));
  doc.set("real", Node::real(1.0));
  doc.set("half", Node::real(0.5));
  doc.set("big", Node::real(1e20));
  doc.set("nan", Node::real(std::nan("")));
  doc.set("inf", Node::real(-std::numeric_limits<double>::infinity()));
  doc.set("flag", Node::flag(true));
  doc.set("nothing", Node{});
  CHECK(write(doc) ==
        "big: 1e+20\n"
        "colon: \"a: b\"\n"
        "dash: \"- x\"\n"
        "empty: \"\"\n"
        "flag: true\n"
        "half: 0.5\n"
        "hash: \"#x\"\n"
        "\"inf\": -.inf\n"
        "int: -42\n"
        "min: -9223372036854775808\n"
        "\"nan\": .nan\n"
        "nothing: null\n"
        "\"on\": \"on\"\n"
        "one: \"1.0\"\n"
        "plain: apachepulsar/pulsar-all\n"
        "real: 1.0\n"
        "version: \"2.7.4\"\n"
        "zero: \"0123\"\n");
}

TEST_CASE("escapes: line breaks, control characters, C1 and NEL, LS, PS, BOM, non-characters", "[yaml]") {
  Node doc = Node::map();
  doc.set("a", Node::str("line\nbreak\ttab\rcr"));
  doc.set("b", Node::str(std::string("nul\x01\x1f\x7f") + "\\\""));
  doc.set("c", Node::str("nel" + utf8(0x85) + "ls" + utf8(0x2028) + "ps" + utf8(0x2029)));
  doc.set("d", Node::str(utf8(0xFEFF) + "bom"));
  doc.set("e", Node::str("caf" + utf8(0xE9) + " " + utf8(0x4E2D) + utf8(0x1F600)));
  doc.set("f", Node::str(utf8(0x80) + utf8(0x9F) + utf8(0xA0) + utf8(0xFFFE) + utf8(0xFFFF) + utf8(0xFFFD)));
  CHECK(write(doc) ==
        "a: \"line\\nbreak\\ttab\\rcr\"\n"
        "b: \"nul\\x01\\x1F\\x7F\\\\\\\"\"\n"
        "c: \"nel\\x85ls\\Lps\\P\"\n"
        "d: \"\\uFEFFbom\"\n"
        "e: \"caf\xC3\xA9 \xE4\xB8\xAD\xF0\x9F\x98\x80\"\n"
        // C1 controls escaped; NBSP and U+FFFD are printable and stay raw.
        "f: \"\\x80\\x9F\xC2\xA0\\uFFFE\\uFFFF\xEF\xBF\xBD\"\n");
}

TEST_CASE("a NUL byte survives the writer", "[yaml]") {
  Node doc = Node::map();
  doc.set("nul", Node::str(std::string("a\0b", 3)));
  CHECK(write(doc) == "nul: \"a\\x00b\"\n");
  CHECK(YAML::Load(write(doc))["nul"].as<std::string>() == std::string("a\0b", 3));
}

TEST_CASE("keys longer than 1000 bytes use the explicit '? ' form", "[yaml]") {
  const std::string long_key(1200, 'k');
  Node doc = Node::map();
  doc.at("outer").set(long_key, Node::str("v"));
  doc.at("outer").set("short", Node::map()).set(long_key, Node::num(1));
  CHECK(write(doc) == "outer:\n  ? " + long_key + "\n  : v\n  short:\n    ? " + long_key + "\n    : 1\n");
  const auto read = YAML::Load(write(doc));
  CHECK(read["outer"][long_key].as<std::string>() == "v");
  CHECK(read["outer"]["short"][long_key].as<int>() == 1);
}

// ---- structure -----------------------------------------------------------------------------------

TEST_CASE("apiVersion, kind and metadata come first; other keys sort by byte value", "[yaml]") {
  Node doc = Node::map();
  doc.set("spec", Node::map()).set("b", Node::num(1));
  doc.at("spec").set("a", Node::num(2));
  doc.set("metadata", Node::map()).set("name", Node::str("x"));
  doc.set("kind", Node::str("PersistentVolume"));
  doc.set("apiVersion", Node::str("v1"));
  doc.set("Zeta", Node::str("upper-sorts-first"));
  // Nested mappings are plainly sorted: apiVersion/kind rank only at the top level.
  doc.at("spec").set("kind", Node::str("nested"));
  CHECK(write(doc) ==
        "apiVersion: v1\n"
        "kind: PersistentVolume\n"
        "metadata:\n"
        "  name: x\n"
        "Zeta: upper-sorts-first\n"
        "spec:\n"
        "  a: 2\n"
        "  b: 1\n"
        "  kind: nested\n");
}

TEST_CASE("block sequences, mappings in sequences, empty collections", "[yaml]") {
  Node doc = Node::map();
  Node tolerations = Node::seq();
  Node t = Node::map();
  t.set("key", Node::str("dedicated"));
  t.set("effect", Node::str("NoSchedule"));
  t.set("value", Node::str("on"));
  tolerations.push(t);
  tolerations.push(Node::str("scalar"));
  Node inner = Node::seq();
  inner.push(Node::num(1));
  inner.push(Node::seq());
  tolerations.push(inner);
  Node nested = Node::map();
  nested.set("list", Node::seq()).push(Node::str("x"));
  nested.set("empty", Node::map());
  tolerations.push(nested);
  doc.set("tolerations", tolerations);
  doc.set("none", Node::seq());
  doc.set("nomap", Node::map());
  CHECK(write(doc) ==
        "nomap: {}\n"
        "none: []\n"
        "tolerations:\n"
        "  - effect: NoSchedule\n"
        "    key: dedicated\n"
        "    value: \"on\"\n"
        "  - scalar\n"
        "  -\n"
        "    - 1\n"
        "    - []\n"
        "  - empty: {}\n"
        "    list:\n"
        "      - x\n");
  const auto read = YAML::Load(write(doc));
  CHECK(read["tolerations"][0]["value"].as<std::string>() == "on");
  CHECK(read["tolerations"][2][0].as<int>() == 1);
  CHECK(read["tolerations"][2][1].IsSequence());
  CHECK(read["tolerations"][2][1].size() == 0);
  CHECK(read["tolerations"][3]["list"][0].as<std::string>() == "x");
  CHECK(read["nomap"].IsMap());
}

TEST_CASE("a scalar or empty document is one line", "[yaml]") {
  CHECK(write(Node::map()) == "{}\n");
  CHECK(write(Node::seq()) == "[]\n");
  CHECK(write(Node::str("yes")) == "\"yes\"\n");
}

TEST_CASE("set replaces, at creates, find looks up", "[yaml]") {
  Node doc = Node::map();
  doc.set("a", Node::num(1));
  doc.set("a", Node::num(2));
  CHECK(doc.entries.size() == 1);
  CHECK(doc.find("a")->integer == 2);
  CHECK(doc.find("b") == nullptr);
  doc.at("b").set("c", Node::flag(false));
  CHECK(write(doc) == "a: 2\nb:\n  c: false\n");
}

TEST_CASE("deep_merge overlays mappings key by key and replaces everything else", "[yaml]") {
  Node base = Node::map();
  base.at("broker").set("replicaCount", Node::num(3));
  base.at("broker").set("configData", Node::map()).set("a", Node::str("1"));
  base.set("list", Node::seq()).push(Node::num(1));
  Node patch = Node::map();
  patch.at("broker").at("configData").set("b", Node::str("2"));
  patch.at("broker").set("replicaCount", Node::num(5));
  patch.set("list", Node::seq()).push(Node::num(9));
  patch.set("new", Node::str("x"));
  pulsarc::yaml::deep_merge(base, patch);
  CHECK(write(base) ==
        "broker:\n"
        "  configData:\n"
        "    a: \"1\"\n"
        "    b: \"2\"\n"
        "  replicaCount: 5\n"
        "list:\n"
        "  - 9\n"
        "new: x\n");
}

// ---- round trip through yaml-cpp ---------------------------------------------------------------

TEST_CASE("every listed string reads back unchanged with yaml-cpp", "[yaml]") {
  std::vector<std::string> texts = {"on",          "yes",        "0123",
                                    "1.0",         "2.7.4",      "",
                                    "a: b",        "#x",         "- x",
                                    "null",        "~",          "true",
                                    "False",       "0x10",       "1e3",
                                    ".inf",        "-.inf",      ".NaN",
                                    "12:30:00",    "2024-01-01", "a:b",
                                    "a #b",        "a\nb",       "a\n",
                                    "\n",          " ",          "  two  ",
                                    "\t",          "\"quoted\"", "'single'",
                                    "back\\slash", "{a: 1}",     "[1, 2]",
                                    "&a",          "*a",         "!x",
                                    "%x",          "@x",         "`x",
                                    "|",           ">",          "<<",
                                    "=",           "?",          "? x",
                                    ":",           "---",        "...",
                                    "- ",          "pulsar",     "apachepulsar/pulsar-all:2.7.4",
                                    "key=value",   "user@host"};
  texts.push_back(std::string("nul\0mid", 7));
  for (char32_t c : {0x85, 0xA0, 0xE9, 0x2028, 0x2029, 0xFEFF, 0x4E2D, 0x1F600, 0x80, 0x9F, 0xFFFD}) {
    texts.push_back(utf8(c));
    texts.push_back("a" + utf8(c) + "b");
  }
  for (int c = 1; c < 0x20; ++c) texts.push_back(std::string("x") + static_cast<char>(c) + "y");
  texts.push_back("\x7f");
  for (const auto& text : texts) check_round_trip(text);
}

TEST_CASE("random printable and unicode strings read back unchanged with yaml-cpp", "[yaml]") {
  // Deterministic: the same seed gives the same strings on every run and machine.
  std::mt19937 random(20240607u);
  std::vector<std::string> alphabet;
  for (char c = 0x20; c < 0x7f; ++c) alphabet.emplace_back(1, c);
  for (char c : {'\n', '\t', '\r', '\x01', '\x1b', '\x7f'}) alphabet.emplace_back(1, c);
  for (char32_t c : {0x85, 0xA0, 0xE9, 0xFC, 0x3B1, 0x2028, 0x2029, 0xFEFF, 0x4E2D, 0x65E5, 0x1F600, 0x10FFFD}) {
    alphabet.push_back(utf8(c));
  }
  for (const auto* word : {"on", "no", "yes", "null", "true", "0", "1.", "-", ": ", " #", "---"})
    alphabet.emplace_back(word);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) text += alphabet[pick(random)];
    check_round_trip(text);
  }
}

TEST_CASE("numbers and booleans read back with their type and value", "[yaml]") {
  Node doc = Node::map();
  const std::vector<std::int64_t> ints = {
      0, 1, -1, 42, 5432, std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
  const std::vector<double> reals = {0.0, 1.0, -2.5, 0.1, 1e20, 1e-7, 123456.789};
  for (std::size_t i = 0; i < ints.size(); ++i) doc.set(fmt::format("i{}", i), Node::num(ints[i]));
  for (std::size_t i = 0; i < reals.size(); ++i) doc.set(fmt::format("r{}", i), Node::real(reals[i]));
  doc.set("t", Node::flag(true));
  doc.set("f", Node::flag(false));
  doc.set("n", Node{});
  const auto read = YAML::Load(write(doc));
  for (std::size_t i = 0; i < ints.size(); ++i) CHECK(read[fmt::format("i{}", i)].as<std::int64_t>() == ints[i]);
  for (std::size_t i = 0; i < reals.size(); ++i) {
    const auto node = read[fmt::format("r{}", i)];
    CHECK(node.as<double>() == reals[i]);
    // A float is never written like an integer, so no reader can turn 1.0 into 1.
    bool is_int = false;
    std::int64_t unused = 0;
    is_int = YAML::convert<std::int64_t>::decode(node, unused);
    CHECK_FALSE(is_int);
  }
  CHECK(read["t"].as<bool>() == true);
  CHECK(read["f"].as<bool>() == false);
  CHECK(read["n"].IsNull());
}
