#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <variant>

#include "check/rule.hpp"
#include "cli/diff.hpp"
#include "cli/io.hpp"
#include "crypto/jwt.hpp"
#include "crypto/key_files.hpp"
#include "crypto/keygen.hpp"
#include "crypto/keys.hpp"
#include "diagnostics/render.hpp"
#include "parse/datetime.hpp"
#include "parse/json_schema.hpp"
#include "pulsarc/pipeline.hpp"

namespace pulsarc::cli {
namespace fs = std::filesystem;

namespace {

void print_error(const std::string& message) { std::fputs(fmt::format("pulsarc: error: {}\n", message).c_str(), stderr); }

bool stderr_wants_color() { return ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr; }

/// A configuration that passed parse and check, with everything later stages need.
struct Loaded {
  std::string source;
  Config config;
  ReferencedFiles files;
  fs::path base;
};

void report(const Diagnostics& diagnostics, const std::string& source, const std::string& path, const std::string& format) {
  if (format == "json") {
    std::fputs(render_json(diagnostics, path).c_str(), stdout);
  } else if (!diagnostics.empty()) {
    std::fputs(render_human(diagnostics, source, {path, stderr_wants_color()}).c_str(), stderr);
  }
}

/// Reads, parses and checks; returns the exit status on failure.
std::variant<Loaded, int> load(const std::string& path, const std::string& format) {
  auto content = read_file(path);
  if (!content.bytes) {
    print_error(fmt::format("cannot read {}: {}", path, content.problem));
    return kExitUsage;
  }
  Loaded loaded;
  loaded.source = std::move(*content.bytes);
  auto parsed = parse(loaded.source);
  if (!parsed.config) {
    report(parsed.diagnostics, loaded.source, path, format);
    return kExitConfig;
  }
  loaded.config = std::move(*parsed.config);
  loaded.base = fs::path(path).parent_path();
  loaded.files = read_referenced(loaded.config, loaded.base);
  auto diagnostics = check(loaded.config, loaded.files);
  report(diagnostics, loaded.source, path, format);
  if (has_errors(diagnostics)) return kExitConfig;
  return loaded;
}

fs::path output_dir(const Loaded& loaded, const std::string& override_dir) {
  if (!override_dir.empty()) return fs::path(override_dir);
  const fs::path dir(loaded.config.output.dir.value);
  return dir.is_absolute() ? dir : loaded.base / dir;
}

std::optional<SecretsMode> secrets_mode(const std::string& text) {
  if (text == "separate") return SecretsMode::separate;
  if (text == "inline") return SecretsMode::inline_;
  if (text == "none") return SecretsMode::none;
  return std::nullopt;
}

/// `build --check`: in memory, compared with the directory; never writes. Fails closed.
int compare_with_disk(const Bundle& bundle, const fs::path& dir) {
  std::string error;
  const auto on_disk = read_bundle_dir(dir, false, error);
  if (!on_disk) {
    print_error(fmt::format("cannot read the bundle: {}", error));
    return kExitUsage;
  }
  std::map<std::string, const BundleFile*> wanted;
  for (const auto& file : bundle.files) {
    if (!file.path.starts_with("secrets/")) wanted.emplace(file.path, &file);
  }
  std::string report_text;
  std::size_t differences = 0;
  for (const auto& [path, file] : wanted) {
    const auto it = on_disk->find(path);
    const auto shown = [&](const std::string& bytes) { return file->secret ? redact_secret_yaml(bytes) : bytes; };
    if (it == on_disk->end()) {
      ++differences;
      report_text += fmt::format("missing: {}\n", path);
      report_text += unified_diff(path, "", shown(file->bytes));
    } else if (it->second != file->bytes) {
      ++differences;
      report_text += fmt::format("changed: {}\n", path);
      const auto diff = unified_diff(path, shown(it->second), shown(file->bytes));
      report_text += diff.empty() ? "  (a secret value differs)\n" : diff;
    }
  }
  for (const auto& [path, bytes] : *on_disk) {
    if (wanted.contains(path)) continue;
    ++differences;
    report_text += fmt::format("not generated: {}\n", path);
  }
  if (differences == 0) {
    std::fputs(fmt::format("{} is up to date ({} files)\n", dir.string(), wanted.size()).c_str(), stdout);
    return kExitOk;
  }
  std::fputs(report_text.c_str(), stdout);
  std::fputs(fmt::format("{} is out of date: {} file{} differ; run `pulsarc build` and commit the result\n", dir.string(),
                         differences, differences == 1 ? "" : "s")
                 .c_str(),
             stderr);
  return kExitStale;
}

}  // namespace

int run_check(const CheckOptions& options) {
  auto result = load(options.config, options.format);
  if (auto* status = std::get_if<int>(&result)) return *status;
  if (options.format != "json") std::fputs(fmt::format("{}: no errors\n", options.config).c_str(), stderr);
  return kExitOk;
}

int run_build(const BuildOptions& options) {
  auto result = load(options.config, options.format);
  if (auto* status = std::get_if<int>(&result)) return *status;
  const auto& loaded = std::get<Loaded>(result);
  LowerOptions lower_options;
  if (!options.secrets.empty()) lower_options.secrets_override = secrets_mode(options.secrets);
  const Bundle bundle = emit(lower(loaded.config, loaded.files, lower_options));
  const fs::path dir = output_dir(loaded, options.output);
  if (options.check) return compare_with_disk(bundle, dir);
  std::string error;
  if (!write_bundle(bundle, dir, error)) {
    print_error(fmt::format("{}; the previous bundle is unchanged", error));
    return kExitUsage;
  }
  const auto secret_count = std::ranges::count_if(bundle.files, [](const BundleFile& f) { return f.secret; });
  std::fputs(fmt::format("wrote {} files to {}{}\n", bundle.files.size(), dir.string(),
                         secret_count ? " (secrets/ is git-ignored)" : "")
                 .c_str(),
             stderr);
  return kExitOk;
}

int run_keygen(const KeygenOptions& options) {
  const auto keys = options.symmetric ? crypto::generate_secret_key_file() : crypto::generate_rsa_key_files();
  std::string error;
  switch (crypto::write_key_files_exclusively(options.output, keys, error)) {
    case crypto::WriteKeysResult::Ok: break;
    case crypto::WriteKeysResult::AlreadyExists:
      print_error(fmt::format("{}; keygen never overwrites a key", error));
      return kExitUsage;
    case crypto::WriteKeysResult::IoError: print_error(error); return kExitUsage;
  }
  for (const auto& [name, bytes] : keys.files) {
    std::fputs(fmt::format("wrote {}\n", (fs::path(options.output) / name).string()).c_str(), stderr);
  }
  return kExitOk;
}

int run_token(const TokenOptions& options) {
  std::optional<std::int64_t> expires;
  if (!options.expires.empty()) {
    expires = parser::parse_offset_datetime(options.expires);
    if (!expires) {
      print_error(fmt::format("--expires \"{}\" is not a date-time with an offset, e.g. 2027-01-01T00:00:00Z", options.expires));
      return kExitUsage;
    }
  }
  auto result = load(options.config, "human");
  if (auto* status = std::get_if<int>(&result)) return *status;
  const auto& loaded = std::get<Loaded>(result);
  const auto& auth = loaded.config.auth;
  const auto& path = auth.jwt.value == JwtMode::asymmetric ? auth.private_key : auth.secret_key;
  if (auth.jwt.value == JwtMode::off || !path) {
    print_error("auth.jwt is \"off\": there is no key to sign a token with");
    return kExitConfig;
  }
  const auto& bytes = loaded.files.at(path->value).bytes;
  const auto key = auth.jwt.value == JwtMode::asymmetric ? crypto::load_rsa_private_key(*bytes) : crypto::load_secret_key(*bytes);
  if (!key.key) return kExitConfig;  // reported by the check stage already
  const auto token = crypto::mint_token(*key.key, options.subject, expires);
  std::fwrite(token.data(), 1, token.size(), stdout);
  if (::isatty(STDOUT_FILENO) == 1) std::fputc('\n', stdout);
  return kExitOk;
}

int run_explain(const std::string& code) {
  const auto codes = checker::all_codes();
  const auto it = std::ranges::find_if(codes, [&](const CodeInfo& info) { return info.code == code; });
  if (it == codes.end()) {
    print_error(fmt::format("unknown code \"{}\"; codes are listed in docs/codes.md", code));
    return kExitUsage;
  }
  std::fputs(fmt::format("{} ({}): {}\n\n{}\n", it->code, it->severity == Severity::error ? "error" : "warning",
                         it->title, it->explanation)
                 .c_str(),
             stdout);
  return kExitOk;
}

int run_schema() {
  std::fputs(parser::json_schema().c_str(), stdout);
  return kExitOk;
}

}  // namespace pulsarc::cli
