// pulsarc: a thin command line over the pipeline in pulsarc_core.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/memory.hpp"
#include "cli/placement.hpp"
#include "cli/review_command.hpp"
#include "crypto/keys.hpp"
#include "pulsarc/spelling.hpp"

int main(int argc, char** argv) {
  using namespace pulsarc::cli;
  prefer_huge_pages();
  CLI::App app{"pulsarc: compiles pulsar.toml into a checked Kubernetes bundle for the Apache Pulsar Helm chart"};
  app.require_subcommand(0, 1);
  // A plain flag, not CLI11's version flag: that one throws, and the first exception a static
  // executable throws costs more than a whole `pulsarc check` (bench/README.md).
  bool version = false;
  app.add_flag("--version", version, "print the version and exit");

  BuildOptions build;
  auto* build_cmd = app.add_subcommand("build", "check pulsar.toml and write the bundle");
  build_cmd->add_option("CONFIG", build.config, "the configuration (default ./pulsar.toml)");
  build_cmd->add_option("-o,--output", build.output, "bundle directory (default: output.dir of the configuration)");
  build_cmd->add_flag("--check", build.check,
                      "compare with the bundle on disk instead of writing; exit 3 if it differs");
  build_cmd->add_option("--secrets", build.secrets, "override output.secrets")
      ->check(CLI::IsMember(std::vector<std::string>(pulsarc::Spelling<pulsarc::SecretsMode>::names.begin(),
                                                     pulsarc::Spelling<pulsarc::SecretsMode>::names.end())));
  build_cmd->add_option("--format", build.format, "diagnostics format")->check(CLI::IsMember({"human", "json"}));

  CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "run the constraint pass only");
  check_cmd->add_option("CONFIG", check.config, "the configuration (default ./pulsar.toml)");
  check_cmd->add_option("--format", check.format, "diagnostics format")->check(CLI::IsMember({"human", "json"}));
  check_cmd->add_flag("--fix", check.fix,
                      "apply the certain fixes (misspellings, missing tolerations/labels) to CONFIG");

  PlacementOptions placement;
  auto* placement_cmd = app.add_subcommand("placement", "which node may run which component, and why not");
  placement_cmd->add_option("CONFIG", placement.config, "the configuration (default ./pulsar.toml)");
  placement_cmd->add_option("--format", placement.format, "output format")
      ->check(CLI::IsMember({"human", "json", "markdown"}));

  KeygenOptions keygen;
  auto* keygen_cmd = app.add_subcommand("keygen", "create a token signing key (RSA-2048, or 32 random bytes)");
  keygen_cmd->add_flag("--symmetric", keygen.symmetric, "write secret.key for HS256 instead of an RSA key pair");
  keygen_cmd->add_option("-o,--output", keygen.output, "directory for the key files (default: keys)");

  TokenOptions token;
  auto* token_cmd = app.add_subcommand("token", "print one token signed with the configuration's key");
  token_cmd->add_option("--subject", token.subject, "the role (sub claim)")->required();
  token_cmd->add_option("--expires", token.expires, "absolute expiry, e.g. 2027-01-01T00:00:00Z");
  token_cmd->add_option("CONFIG", token.config, "the configuration (default ./pulsar.toml)");

  ExplainOptions explain;
  auto* explain_cmd = app.add_subcommand("explain", "describe a diagnostic code or a risk");
  explain_cmd->add_option("CODE", explain.code, "e.g. PLS0201 or volume-moved");
  explain_cmd->add_flag("--all", explain.all, "list every code with its rule");
  // Hidden: regenerates docs/codes.md (a test compares the two).
  explain_cmd->add_flag("--markdown", explain.markdown, "with --all: docs/codes.md; with --risks: docs/risks.md")
      ->group("");

  explain_cmd->add_flag("--risks", explain.risks, "list every risk id of `pulsarc diff`");

  DiffOptions diff;
  auto* diff_cmd = app.add_subcommand("diff", "what replacing the bundle in --base does to a running cluster");
  diff_cmd->add_option("CONFIG", diff.config, "the configuration (default ./pulsar.toml)");
  diff_cmd->add_option("--base", diff.base, "the bundle the change replaces, e.g. from `git worktree add`")->required();
  diff_cmd->add_option("--format", diff.format, "report format")->check(CLI::IsMember({"human", "json", "markdown"}));
  diff_cmd->add_option("--fail-on", diff.fail_on, "exit 4 when a risk of this severity or worse is found")
      ->check(CLI::IsMember({"danger", "caution", "info"}));

  auto* schema_cmd = app.add_subcommand("schema", "print the JSON Schema of pulsar.toml");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : kExitUsage;
  }
  if (version) {
    std::fputs("pulsarc " PULSARC_VERSION "\n", stdout);
    return 0;
  }
  // Expected failures are return values; this only turns the unexpected (out of memory, OpenSSL
  // failing on a key it accepted) into exit 2 with a message, so that no command, `build --check`
  // included, can end in std::terminate or in anything that reads as success.
  pulsarc::crypto::start_openssl();
  try {
    if (*build_cmd) return run_build(build);
    if (*check_cmd) return run_check(check);
    if (*placement_cmd) return run_placement(placement);
    if (*keygen_cmd) return run_keygen(keygen);
    if (*token_cmd) return run_token(token);
    if (*explain_cmd) return run_explain(explain);
    if (*schema_cmd) return run_schema();
    if (*diff_cmd) return run_diff(diff);
  } catch (const std::exception& e) {
    std::fputs(fmt::format("pulsarc: error: internal error: {}\n", e.what()).c_str(), stderr);
    return kExitUsage;
  }
  std::fputs(app.help().c_str(), stdout);
  return 0;
}
