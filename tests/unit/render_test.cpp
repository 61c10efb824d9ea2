// Rendering of diagnostics (human and JSON) and of the code registry (`pulsarc explain`, docs/codes.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "check/rule.hpp"
#include "diagnostics/render.hpp"
#include "test_files.hpp"

using namespace pulsarc;

namespace {

using testfiles::read_text;

Diagnostic sample_diagnostic() {
  Diagnostic d;
  d.code = "PLS0201";
  d.severity = Severity::error;
  d.message = "zookeeper needs 3 replicas, found 1";
  d.span = Span{12, 9, 12, 18};
  d.notes.push_back({Span{3, 1, 3, 6}, "node1 is declared here"});
  d.help = "list three distinct nodes";
  return d;
}

}  // namespace

TEST_CASE("render_json: the documented fields, in order", "[render][json]") {
  const auto json = render_json({sample_diagnostic()}, "conf/pulsar.toml");
  CHECK(json == R"({"version":1,"file":"conf/pulsar.toml","errors":1,"warnings":0,"diagnostics":[)"
                R"({"file":"conf/pulsar.toml","line":12,"column":9,"end_line":12,"end_column":18,"severity":"error",)"
                R"("code":"PLS0201","message":"zookeeper needs 3 replicas, found 1",)"
                R"("notes":[{"line":3,"column":1,"end_line":3,"end_column":6,"message":"node1 is declared here"}],)"
                R"("help":"list three distinct nodes","fixes":[]}]})"
                "\n");
}

TEST_CASE("render_json and render_human show fix-its", "[render][json][fix]") {
  auto d = sample_diagnostic();
  d.fixes.push_back({Span{12, 9, 12, 18}, "\"node2\""});
  d.fixes.push_back({Span{13, 1, 13, 1}, "a = 1\n"});
  const auto json = render_json({d}, "pulsar.toml");
  CHECK(json.find(R"("fixes":[{"line":12,"column":9,"end_line":12,"end_column":18,"replacement":"\"node2\""},)"
                  R"({"line":13,"column":1,"end_line":13,"end_column":1,"replacement":"a = 1\n"}]})") !=
        std::string::npos);
  const auto human = render_human({d}, "", {});
  CHECK(human.find("help: `pulsarc check --fix` would replace 12:9-12:18 with `\"node2\"`\n") != std::string::npos);
  CHECK(human.find("help: `pulsarc check --fix` would insert `a = 1\\n` at 13:1\n") != std::string::npos);
}

TEST_CASE("render_json: no diagnostics, unknown positions, no help, warnings", "[render][json]") {
  CHECK(render_json({}, "pulsar.toml") ==
        R"({"version":1,"file":"pulsar.toml","errors":0,"warnings":0,"diagnostics":[]})"
        "\n");
  Diagnostic d;
  d.code = "PLS0202";
  d.severity = Severity::warning;
  d.message = "m";
  const auto json = render_json({d}, "pulsar.toml");
  CHECK(json.find(R"("errors":0,"warnings":1)") != std::string::npos);
  CHECK(json.find(R"("line":null,"column":null,"end_line":null,"end_column":null,"severity":"warning")") !=
        std::string::npos);
  CHECK(json.find(R"("notes":[],"help":null,"fixes":[]})") != std::string::npos);
}

TEST_CASE("json_quote escapes control characters and keeps the output UTF-8", "[render][json]") {
  CHECK(json_quote("plain") == "\"plain\"");
  CHECK(json_quote("q\"b\\s/") == R"("q\"b\\s/")");
  CHECK(json_quote("\n\r\t") == R"("\n\r\t")");
  CHECK(json_quote(std::string("\x00\x01\x1b\x1f\x7f", 5)) == R"("\u0000\u0001\u001b\u001f\u007f")");
  CHECK(json_quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form, a surrogate.
  CHECK(json_quote("a\x80z") == R"("a\ufffdz")");
  CHECK(json_quote("\xe2\x82") == R"("\ufffd\ufffd")");
  CHECK(json_quote("\xc0\xaf") == R"("\ufffd\ufffd")");
  CHECK(json_quote("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");
  CHECK(json_quote("\xf4\x90\x80\x80") == R"("\ufffd\ufffd\ufffd\ufffd")");
}

TEST_CASE("render_human: location, snippet, notes, help and summary", "[render][human]") {
  const std::string source = "a\nb\nnode1\n4\n5\n6\n7\n8\n9\n10\n11\nnodes = [\"node1\"]\n";
  const auto text = render_human({sample_diagnostic()}, source, {"pulsar.toml", false});
  CHECK(text.starts_with("pulsar.toml:12:9: error[PLS0201]: zookeeper needs 3 replicas, found 1\n"));
  CHECK(text.find("12 | nodes = [\"node1\"]\n") != std::string::npos);
  CHECK(text.find("note: pulsar.toml:3:1: node1 is declared here\n") != std::string::npos);
  CHECK(text.find("help: list three distinct nodes\n") != std::string::npos);
  CHECK(text.ends_with("pulsar.toml: 1 error, 0 warnings\n"));
  CHECK(text.find('\x1b') == std::string::npos);  // no colour unless asked
}

TEST_CASE("render_human never prints control characters from the input", "[render][human]") {
  Diagnostic d = sample_diagnostic();
  d.message = "unknown key `\x1b[2J`";
  d.help = "bell\x07";
  d.notes[0].message = "\x1b]0;title\x07";
  const auto text = render_human({d}, "x\x1b[31m\n", {"pulsar.toml", false});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("unknown key `\\u{1b}[2J`") != std::string::npos);
}

TEST_CASE("every diagnostic code is registered once, with a title and an explanation", "[render][codes]") {
  std::set<std::string_view> seen;
  for (const auto& info : checker::all_codes()) {
    INFO(info.code);
    CHECK(info.code.size() == 7);
    CHECK(info.code.starts_with("PLS"));
    CHECK(seen.insert(info.code).second);
    CHECK_FALSE(info.title.empty());
    CHECK(info.title.find('\n') == std::string_view::npos);
    CHECK_FALSE(info.explanation.empty());
    const auto text = render_code_explanation(info);
    CHECK(text.starts_with(std::string(info.code) + " (" + std::string(severity_name(info.severity)) + "): "));
    CHECK(text.ends_with("\n"));
  }
}

TEST_CASE("render_codes_markdown: an index, then one section per code", "[render][codes]") {
  const CodeInfo codes[] = {{"PLS0001", Severity::error, "a | b", "Why.\nHow."},
                            {"PLS0002", Severity::warning, "second", "Text.\n"}};
  const auto md = render_codes_markdown(codes);
  CHECK(md.find("| [PLS0001](#pls0001) | error | a \\| b |\n") != std::string::npos);
  CHECK(md.find("| [PLS0002](#pls0002) | warning | second |\n") != std::string::npos);
  CHECK(md.find("\n## PLS0001\n\n**error**: a | b\n\nWhy.\nHow.\n") != std::string::npos);
  CHECK(md.ends_with("\n## PLS0002\n\n**warning**: second\n\nText.\n"));
}

TEST_CASE("docs/codes.md is current (regenerate: pulsarc explain --all --markdown > docs/codes.md)",
          "[render][codes]") {
  const auto checked_in = read_text(std::filesystem::path(PULSARC_SOURCE_DIR) / "docs" / "codes.md");
  const auto codes = checker::all_codes();
  CHECK(checked_in == render_codes_markdown(codes));
}
