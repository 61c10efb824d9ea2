// libFuzzer target: TOML bytes -> diagnostics or bundle, entirely in memory. Any crash, sanitizer
// report, uncaught exception, leak, hang or broken oracle (tests/fuzz/oracle.hpp) is a finding; keep
// each one as a case under tests/regressions/.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "diagnostics/render.hpp"
#include "oracle.hpp"

namespace {

[[noreturn]] void fail(const std::string& problem) {
  std::fprintf(stderr, "pulsarc fuzz oracle failed: %s\n", problem.c_str());
  std::abort();
}

void check_rendering(const pulsarc::Diagnostics& diagnostics, std::string_view source) {
  const auto human = pulsarc::render_human(diagnostics, source, {"pulsar.toml", false});
  if (auto problem = pulsarc::fuzz::check_terminal_safe("human diagnostics", human); !problem.empty()) fail(problem);
  const auto json = pulsarc::render_json(diagnostics, "pulsar.toml");
  if (auto problem = pulsarc::fuzz::check_terminal_safe("json diagnostics", json); !problem.empty()) fail(problem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  auto parsed = pulsarc::parse(source);
  if (!parsed.config) {
    if (parsed.diagnostics.empty()) fail("parse gave neither a configuration nor a diagnostic");
    check_rendering(parsed.diagnostics, source);
    return 0;
  }
  const pulsarc::Config& config = *parsed.config;
  const auto files = pulsarc::fuzz::supplied_files(config);
  const auto diagnostics = pulsarc::check(config, files);
  check_rendering(diagnostics, source);
  if (pulsarc::has_errors(diagnostics)) return 0;
  const pulsarc::SecretsMode mode = config.output.secrets.value;
  const auto manifest = pulsarc::lower(config, files, {mode});
  const auto bundle = pulsarc::emit(manifest);
  if (auto problem = pulsarc::fuzz::check_bundle(config, manifest, bundle, mode); !problem.empty()) fail(problem);
  return 0;
}
