#include "cli/review_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "diagnostics/render.hpp"
#include "emit/index.hpp"
#include "review/render.hpp"
#include "review/risks.hpp"

namespace pulsarc::cli {
namespace fs = std::filesystem;

namespace {

void print_error(const std::string& message) {
  std::fputs(fmt::format("pulsarc: error: {}\n", message).c_str(), stderr);
}

/// The committed files of a bundle on disk (not secrets/); nullopt with `error` when unreadable.
std::optional<review::BundleFiles> read_base(const fs::path& dir, std::string& error) {
  const auto disk = read_bundle_dir(dir, "secrets", error);
  if (!disk) return std::nullopt;
  if (!disk->exists) {
    error = fmt::format("{} does not exist", dir.string());
    return std::nullopt;
  }
  review::BundleFiles files;
  for (const auto& [path, entry] : disk->entries) {
    if (entry.kind == DiskEntry::Kind::file) files.emplace(path, entry.bytes);
  }
  if (!files.contains(kIndexFileName)) {
    error = fmt::format("{} has no {}: it is not a bundle pulsarc wrote", dir.string(), kIndexFileName);
    return std::nullopt;
  }
  return files;
}

review::BundleFiles committed_files(const Bundle& bundle) {
  review::BundleFiles files;
  for (const auto& file : bundle.files) {
    if (!file.secret) files.emplace(file.path, file.bytes);
  }
  return files;
}

std::optional<review::RiskSeverity> severity_named(const std::string& name) {
  for (const auto severity :
       {review::RiskSeverity::info, review::RiskSeverity::caution, review::RiskSeverity::danger}) {
    if (review::risk_severity_name(severity) == name) return severity;
  }
  return std::nullopt;
}

int diff(const DiffOptions& options) {
  const auto threshold = options.fail_on.empty() ? std::nullopt : severity_named(options.fail_on);
  if (!options.fail_on.empty() && !threshold) {
    print_error(fmt::format("--fail-on takes danger, caution or info, not \"{}\"", printable_text(options.fail_on)));
    return kExitUsage;
  }
  std::string error;
  const auto base = read_base(options.base, error);
  if (!base) {
    print_error(fmt::format("cannot read the base bundle: {}", error));
    return kExitUsage;
  }
  auto content = read_file(options.config);
  if (!content.bytes) {
    print_error(fmt::format("cannot read {}: {}", options.config, content.problem));
    return kExitUsage;
  }
  const std::string source = std::move(*content.bytes);
  auto parsed = parse(source);
  const bool json = options.format == "json";
  const auto report = [&](const Diagnostics& diagnostics) {
    // Diagnostics go to stderr in every format: stdout carries only the report.
    if (diagnostics.empty()) return;
    const bool color = ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
    std::fputs(
        (json ? render_json(diagnostics, options.config) : render_human(diagnostics, source, {options.config, color}))
            .c_str(),
        stderr);
  };
  if (!parsed.config) {
    report(parsed.diagnostics);
    return kExitConfig;
  }
  const Config& config = *parsed.config;
  const fs::path config_dir = fs::path(options.config).parent_path();
  const auto files = read_referenced(config, config_dir);
  pulsarc::CheckOptions check_options;
  check_options.allow_missing_secret_files = true;  // review needs no key: fingerprints come from the index
  const auto diagnostics = check(config, files, check_options);
  report(diagnostics);
  if (has_errors(diagnostics)) return kExitConfig;

  Bundle bundle = emit(lower(config, files));
  const fs::path out_dir(config.output.dir.value);
  adopt_committed_fingerprints(bundle, out_dir.is_absolute() ? out_dir : config_dir / out_dir);
  const auto result = review::review_change(*base, committed_files(bundle), config);
  const review::ReportContext context{source, options.config, options.base};
  const auto text = options.format == "json"       ? review::render_review_json(result, context)
                    : options.format == "markdown" ? review::render_review_markdown(result, context)
                                                   : review::render_review_human(result, context);
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  return threshold && review::has_risk_at_or_above(result, *threshold) ? kExitRisk : kExitOk;
}

}  // namespace

int run_diff(const DiffOptions& options) {
  try {
    return diff(options);
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {}", e.what()));
    return kExitUsage;
  }
}

void adopt_committed_fingerprints(Bundle& bundle, const fs::path& dir) {
  if (bundle.fingerprints_complete) return;
  const auto committed = read_file(dir / kIndexFileName);
  if (!committed.bytes) return;
  const auto it = std::ranges::find(bundle.files, std::string_view(kIndexFileName), &BundleFile::path);
  if (it != bundle.files.end()) it->bytes = bundle_index::with_fingerprints_of(it->bytes, *committed.bytes);
}

void print_build_risks(const Bundle& bundle, const Config& config, const std::string& source,
                       const std::string& config_path, const fs::path& dir, std::FILE* stream) {
  try {
    std::string error;
    const auto base = read_base(dir, error);
    if (!base) return;  // nothing to replace, or not pulsarc's: build and --check say so themselves
    const auto next = committed_files(bundle);
    const auto index = next.find(kIndexFileName);
    const auto old_index = base->find(kIndexFileName);
    if (index != next.end() && old_index != base->end() && index->second == old_index->second) return;  // unchanged
    const auto result = review::review_change(*base, next, config);
    const std::string dir_name = dir.string();
    std::fputs(review::render_review_human(result, {source, config_path, dir_name}).c_str(), stream);
    std::fflush(stream);
  } catch (const std::exception& e) {
    // The summary is advice; it never decides the outcome of a build.
    std::fputs(fmt::format("pulsarc: warning: no risk summary: {}\n", e.what()).c_str(), stream);
  }
}

bool explain_risk(const std::string& id) {
  std::string wanted = id;
  std::ranges::transform(wanted, wanted.begin(),
                         [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  const auto* info = review::find_risk(wanted);
  if (!info) return false;
  std::fputs(review::render_risk_explanation(*info).c_str(), stdout);
  return true;
}

int list_risks(bool markdown) {
  if (markdown) {
    std::fputs(review::render_risks_markdown().c_str(), stdout);
    return kExitOk;
  }
  for (const auto& info : review::all_risks()) {
    std::fputs(
        fmt::format("{:<25} {:<7}  {}\n", info.id, review::risk_severity_name(info.severity), info.title).c_str(),
        stdout);
  }
  return kExitOk;
}

}  // namespace pulsarc::cli
