// Every finding of the fuzzers (tests/fuzz) stays fixed: each tests/regressions/NAME.toml runs through
// the whole pipeline in memory, exactly as fuzz_pipeline runs it (same key files, same oracles), and
// must end as NAME.expected says:
//   result: bundle                  no errors; the bundle passes every oracle of tests/fuzz/oracle.hpp
//   result: errors PLS0006 PLS0101  exactly these error codes (sorted), and nothing crashes
// Inputs too large to keep as files (deep nesting) are generated here instead.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "../fuzz/oracle.hpp"
#include "diagnostics/render.hpp"
#include "test_files.hpp"

namespace {

using testfiles::read_text;

const std::filesystem::path kSource = PULSARC_SOURCE_DIR;

// The key material fuzz_pipeline has compiled in, read from the same files.
const std::string kRsa2048DerBytes = read_text(kSource / "tests/keys/rsa2048.pkcs8.der");
const std::string kRsa2048PemBytes = read_text(kSource / "tests/keys/rsa2048.pkcs8.pem");
const std::string kRsa1024DerBytes = read_text(kSource / "tests/keys/rsa1024.pkcs8.der");
const std::string kSecret32Bytes = read_text(kSource / "tests/keys/secret32.key");

/// "bundle", or "errors" followed by the sorted error codes.
std::string outcome_of(std::string_view source, std::string& problem) {
  auto parsed = pulsarc::parse(source);
  pulsarc::Diagnostics diagnostics = parsed.diagnostics;
  if (parsed.config) {
    const auto files = pulsarc::fuzz::supplied_files(*parsed.config);
    diagnostics = pulsarc::check(*parsed.config, files);
    if (!pulsarc::has_errors(diagnostics)) {
      const auto mode = parsed.config->output.secrets.value;
      const auto manifest = pulsarc::lower(*parsed.config, files, {mode});
      problem = pulsarc::fuzz::check_bundle(*parsed.config, manifest, pulsarc::emit(manifest), mode);
    }
  }
  if (problem.empty()) {
    const auto human = pulsarc::render_human(diagnostics, source, {"pulsar.toml", false});
    problem = pulsarc::fuzz::check_terminal_safe("human diagnostics", human);
  }
  if (problem.empty()) {
    problem = pulsarc::fuzz::check_terminal_safe("json diagnostics", pulsarc::render_json(diagnostics, "pulsar.toml"));
  }
  std::set<std::string> codes;
  for (const auto& d : diagnostics) {
    if (d.severity == pulsarc::Severity::error) codes.insert(d.code);
  }
  if (codes.empty()) return "bundle";
  std::string out = "errors";
  for (const auto& code : codes) out += " " + code;
  return out;
}

std::string expected_result(const std::filesystem::path& path) {
  std::istringstream lines(read_text(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("result: ")) return line.substr(8);
  }
  return "<no result line in " + path.string() + ">";
}

}  // namespace

namespace pulsarc::fuzz {
const std::string_view kRsa2048Der = kRsa2048DerBytes;
const std::string_view kRsa2048Pem = kRsa2048PemBytes;
const std::string_view kRsa1024Der = kRsa1024DerBytes;
const std::string_view kSecret32 = kSecret32Bytes;
}  // namespace pulsarc::fuzz

TEST_CASE("every case in tests/regressions ends as its .expected file says", "[regressions]") {
  REQUIRE(kRsa2048DerBytes.size() > 1000);
  std::vector<std::filesystem::path> cases;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "tests" / "regressions")) {
    if (entry.path().extension() == ".toml") cases.push_back(entry.path());
  }
  std::ranges::sort(cases);
  REQUIRE(!cases.empty());
  for (const auto& path : cases) {
    auto expected_path = path;
    expected_path.replace_extension(".expected");
    INFO(path.filename().string());
    REQUIRE(std::filesystem::exists(expected_path));
    std::string problem;
    const auto result = outcome_of(read_text(path), problem);
    CHECK(problem == "");
    CHECK(result == expected_result(expected_path));
  }
}

TEST_CASE("every character toml++ asks 'is this whitespace?' about parses, in keys and strings",
          "[regressions][unicode]") {
  // toml++ 3.3.0 reached __builtin_unreachable() for these (see compiler/parse/parse.cpp); under UBSan
  // this fails without the workaround, and in any build a wrong answer changes the parsed string.
  const auto utf8 = [](char32_t c) {
    std::string out;
    if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    out += static_cast<char>(0x80 | (c & 0x3F));
    return out;
  };
  // What toml++ counts as non-ASCII whitespace; skipped after a line-ending backslash.
  const auto is_space = [](char32_t c) {
    return c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
           c == 0x2060 || c == 0x3000 || c == 0xFEFF;
  };
  const std::string seed = read_text(kSource / "samples/seed/pulsar.toml");
  const std::string release_line = "release = \"pulsar\"";
  const auto at = seed.find(release_line);
  REQUIRE(at != std::string::npos);
  // The generated function splits U+00A0..U+FEFF into blocks of 0x3FA; blocks 0, 11 and 63 took the
  // unreachable branch, 5 and 7 are the ones its switch answers.
  std::vector<char32_t> characters;
  for (const std::uint32_t block : {0u, 5u, 7u, 11u, 63u}) {
    for (std::uint32_t c = 0xA0 + block * 0x3FA; c < 0xA0 + (block + 1) * 0x3FA && c <= 0xFEFF; ++c) {
      characters.push_back(c);
    }
  }
  for (const char32_t c : characters) {
    const auto ch = utf8(c);
    INFO(fmt::format("U+{:04X}", static_cast<std::uint32_t>(c)));
    auto source = seed;
    source.replace(at, release_line.size(), "release = \"\"\"a\\\n" + ch + "\"\"\"");
    const auto parsed = pulsarc::parse(source);
    REQUIRE(parsed.config);
    CHECK(parsed.config->cluster.release.value == (is_space(c) ? "a" : "a" + ch));
    // A quoted key takes the other path through the same function; it is refused as unknown, whole.
    const auto key = pulsarc::parse("[cluster]\n\"" + ch + "\" = 1\n");
    REQUIRE(!key.diagnostics.empty());
  }
  CHECK(characters.size() == 4 * 0x3FA + 0xFEFF - (0xA0 + 63 * 0x3FA) + 1);
}

TEST_CASE("deeply nested tables are refused before toml++ recurses through them", "[regressions][limits]") {
  // Found by fuzz_pipeline: 50,000 dotted parts in one table header overflowed the stack inside toml++.
  const auto deep = [](std::string_view prefix, std::string_view part, std::size_t count, std::string_view suffix) {
    std::string text(prefix);
    for (std::size_t i = 0; i < count; ++i) text += part;
    return text + std::string(suffix);
  };
  const std::pair<std::string, std::string> inputs[] = {
      {"table header", deep("[x", ".a", 200'000, "]\n")},
      {"array of tables header", deep("[[x", ".a", 200'000, "]]\n")},
      {"dotted key", deep("x", ".a", 200'000, " = 1\n")},
      {"chart.values header", deep("[chart.values", ".a", 200'000, "]\n")},
      {"inline tables", deep("x = ", "{a=", 100'000, "1") + std::string(100'000, '}') + "\n"},
      {"arrays", deep("x = ", "[", 200'000, "") + std::string(200'000, ']') + "\n"},
      {"header, then a syntax error", deep("[x", ".a", 200'000, "]\n= = =\n")},
  };
  for (const auto& [what, text] : inputs) {
    INFO(what);
    std::string problem;
    CHECK(outcome_of(text, problem) == "errors PLS0006");
    CHECK(problem == "");
  }
}

TEST_CASE("the nesting limit leaves real and merely deep configurations alone", "[regressions][limits]") {
  const auto nests = [](const std::string& text) {
    return std::ranges::any_of(pulsarc::parse(text).diagnostics, [](const pulsarc::Diagnostic& d) {
      return d.message.find("nests tables and arrays") != std::string::npos;
    });
  };
  const auto repeat = [](std::string_view part, int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += part;
    return text;
  };
  // 64 levels pass, 65 do not: x plus 63 parts; an array of tables adds a level of its own.
  CHECK_FALSE(nests("[x" + repeat(".a", 63) + "]\n"));
  CHECK(nests("[x" + repeat(".a", 64) + "]\n"));
  CHECK_FALSE(nests("[[x" + repeat(".a", 62) + "]]\n"));
  CHECK(nests("[[x" + repeat(".a", 63) + "]]\n"));
  // A dotted key counts from its table: [x] is level 1, then 63 parts.
  CHECK_FALSE(nests("[x]\ny" + repeat(".b", 62) + " = 1\n"));
  CHECK(nests("[x]\ny" + repeat(".b", 63) + " = 1\n"));
  CHECK_FALSE(nests("x = " + repeat("[", 63) + repeat("]", 63) + "\n"));
  CHECK(nests("x = " + repeat("[", 64) + repeat("]", 64) + "\n"));
  // Dots and brackets inside strings, comments and numbers are not nesting.
  CHECK_FALSE(nests("x = [1.5, 2.5, \"a.b.c\"] # " + repeat("a.[", 70) + "\n\"" + repeat("k.", 70) + "\" = 1\ny = '''" +
                    repeat("[.", 70) + "'''\nz = \"\"\"" + repeat("{.\\\"", 70) + "\"\"\"\n"));
  // Every real configuration: the samples.
  for (const auto* sample :
       {"samples/seed/pulsar.toml", "samples/minimal/pulsar.toml", "samples/production/pulsar.toml"}) {
    if (std::filesystem::exists(kSource / sample)) CHECK_FALSE(nests(read_text(kSource / sample)));
  }
}

TEST_CASE("a flood of problems is cut short instead of printing megabytes", "[regressions][limits]") {
  // Found while checking limits: 8 MiB of unknown keys gave 708,000 diagnostics, 220 MB of output and
  // 80 s under ASan. The parser now stops reporting after 1000 and says how many it left out.
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "unknown_" + std::to_string(i) + " = 1\n";
  const auto parsed = pulsarc::parse(text);
  REQUIRE(parsed.diagnostics.size() == 1001);
  // 5000 unknown keys and the missing required tables: at least 4000 left out.
  const auto cut = std::ranges::find_if(parsed.diagnostics, [](const pulsarc::Diagnostic& d) {
    return d.code == "PLS0006" && d.message.ends_with(" more problems not shown: pulsarc stops after 1000");
  });
  REQUIRE(cut != parsed.diagnostics.end());
  CHECK(std::stoi(cut->message) >= 4000);
  CHECK_FALSE(parsed.config);
}
