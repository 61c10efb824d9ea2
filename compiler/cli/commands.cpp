#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "check/rule.hpp"
#include "cli/diff.hpp"
#include "cli/io.hpp"
#include "cli/key_files.hpp"
#include "cli/review_command.hpp"
#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keygen.hpp"
#include "crypto/keys.hpp"
#include "diagnostics/fix.hpp"
#include "diagnostics/render.hpp"
#include "parse/datetime.hpp"
#include "parse/json_schema.hpp"
#include "pulsarc/pipeline.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::cli {
namespace fs = std::filesystem;

namespace {

void print_error(const std::string& message) {
  std::fputs(fmt::format("pulsarc: error: {}\n", message).c_str(), stderr);
}

bool stderr_wants_color() {
  return ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

/// A configuration that passed parse and check, with everything later stages need.
struct Loaded {
  std::string source;
  Config config;
  ReferencedFiles files;
  fs::path base;
  std::shared_ptr<const crypto::KeyLoad> signing_key;  ///< decoded once, for check, lower and token
  std::size_t warnings = 0;  ///< diagnostics printed (all warnings, since errors stop the load)
};

void report(const Diagnostics& diagnostics, const std::string& source, const std::string& path,
            const std::string& format) {
  if (format == "json") {
    std::fputs(render_json(diagnostics, path).c_str(), stdout);
  } else if (!diagnostics.empty()) {
    std::fputs(render_human(diagnostics, source, {path, stderr_wants_color()}).c_str(), stderr);
  }
}

/// Reads, parses and checks; returns the exit status on failure. `for_compare` is `build --check`,
/// which never looks at Secrets unless they are inline, so it works without the key files.
std::variant<Loaded, int> load(const std::string& path, const std::string& format, bool for_compare = false,
                               std::optional<SecretsMode> secrets_override = std::nullopt) {
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
  loaded.signing_key = crypto::load_signing_key(loaded.config, loaded.files);
  pulsarc::CheckOptions check_options;
  check_options.signing_key = loaded.signing_key;
  check_options.allow_missing_secret_files =
      for_compare && secrets_override.value_or(loaded.config.output.secrets.value) != SecretsMode::inline_;
  auto diagnostics = check(loaded.config, loaded.files, check_options);
  report(diagnostics, loaded.source, path, format);
  if (has_errors(diagnostics)) return kExitConfig;
  loaded.warnings = diagnostics.size();
  return loaded;
}

fs::path output_dir(const Loaded& loaded, const std::string& override_dir) {
  if (!override_dir.empty()) return fs::path(override_dir);
  const fs::path dir(loaded.config.output.dir.value);
  return dir.is_absolute() ? dir : loaded.base / dir;
}

std::optional<SecretsMode> secrets_mode(const std::string& text) {
  return unspell<SecretsMode>(text);
}

/// Files a build must never delete: the configuration and every file it refers to.
std::vector<fs::path> protected_paths(const std::string& config_path, const Loaded& loaded) {
  std::vector<fs::path> paths{fs::path(config_path)};
  for (const auto& path : referenced_paths(loaded.config)) {
    const fs::path p(path);
    paths.push_back(p.is_absolute() ? p : loaded.base / p);
  }
  return paths;
}

/// Every secret this build knows (key files, passwords, generated Secret values), to be masked in
/// anything `--check` shows.
SecretMask known_secrets(const Loaded& loaded, const Bundle& bundle) {
  SecretMask mask;
  for (const auto& [path, content] : loaded.files) {
    if (content.bytes) mask.add(*content.bytes);
  }
  for (const auto& file : bundle.files) {
    if (file.secret) mask.add_secret_manifest(file.bytes);
  }
  return mask;
}

std::string octal_mode(bool executable) {
  return executable ? "755" : "644";
}

/// One difference between the bundle on disk and the one `build` would write.
struct Change {
  std::string_view verb;  ///< "added", "changed" or "removed"
  std::string path;
  std::string detail;  ///< e.g. "a symbolic link on disk"; may be empty
  std::string diff;
};

/// The diff of one file, with secrets redacted. `before`/`after` are nullopt for /dev/null.
std::string file_diff(const std::string& path, const std::optional<std::string>& before,
                      const std::optional<std::string>& after, bool secret) {
  const std::string a = before ? "a/" + path : "/dev/null";
  const std::string b = after ? "b/" + path : "/dev/null";
  const std::string before_text = before.value_or("");
  const std::string after_text = after.value_or("");
  if (!secret) return unified_diff(a, before_text, b, after_text);
  // Only the "after" side marks values that differ, so that a changed value shows as a changed line.
  auto diff = unified_diff(a, redact_secret_yaml(before_text), b, redact_secret_yaml(after_text, before_text));
  if (diff.empty() && before_text != after_text)
    diff = fmt::format("--- {}\n+++ {}\n(only redacted content differs)\n", a, b);
  return diff;
}

/// The JWT of every token Secret in a bundle on disk (`data.TOKEN`, as lower writes it).
std::vector<std::string> tokens_in(const DiskBundle& disk) {
  constexpr std::string_view kField = "\n  TOKEN: ";
  std::vector<std::string> tokens;
  for (const auto& [path, entry] : disk.entries) {
    if (entry.kind != DiskEntry::Kind::file || !path.starts_with("secrets/")) continue;
    const auto at = entry.bytes.find(kField);
    if (at == std::string::npos) continue;
    const auto start = at + kField.size();
    const auto end = entry.bytes.find('\n', start);
    if (auto token = crypto::base64_decode(std::string_view(entry.bytes).substr(start, end - start))) {
      tokens.push_back(std::move(*token));
    }
  }
  return tokens;
}

/// `build --check`: compares the bundle built in memory with the directory and never writes.
/// Fails closed: anything that cannot be read is an error (exit 2), never "no difference".
int compare_with_disk(const Bundle& bundle, const fs::path& dir, bool separate_secrets, SecretMask mask,
                      std::FILE* report_stream) {
  std::string error;
  const auto on_disk = read_bundle_dir(dir, separate_secrets ? "secrets" : "", error);
  if (!on_disk) {
    print_error(fmt::format("cannot compare with the bundle on disk: {}", error));
    return kExitUsage;
  }
  // The secrets on disk may be older ones (a rotated key, a changed password): mask those too.
  // In separate mode secrets/ is not compared, so reading it is best effort.
  for (const auto& [path, entry] : on_disk->entries) {
    if (entry.kind == DiskEntry::Kind::file && looks_like_secret(path, entry.bytes))
      mask.add_secret_manifest(entry.bytes);
  }
  if (separate_secrets) {
    std::string ignored;
    if (const auto secrets = read_bundle_dir(dir / "secrets", "", ignored)) {
      for (const auto& [path, entry] : secrets->entries) {
        if (entry.kind == DiskEntry::Kind::file) mask.add_secret_manifest(entry.bytes);
      }
    }
  }
  std::map<std::string, const BundleFile*> wanted;
  for (const auto& file : bundle.files) {
    if (!(separate_secrets && file.path.starts_with("secrets/"))) wanted.emplace(file.path, &file);
  }

  std::vector<Change> changes;
  for (const auto& [path, file] : wanted) {
    const auto it = on_disk->entries.find(path);
    if (it == on_disk->entries.end()) {
      changes.push_back({"added", path, "", file_diff(path, std::nullopt, file->bytes, file->secret)});
      continue;
    }
    const DiskEntry& entry = it->second;
    switch (entry.kind) {
      case DiskEntry::Kind::file: {
        const bool executable = (file->mode & 0100) != 0;
        if (entry.bytes == file->bytes && entry.executable == executable) break;
        std::string detail;
        if (entry.executable != executable) {
          detail = fmt::format("mode {} on disk, {} generated", octal_mode(entry.executable), octal_mode(executable));
        }
        const bool secret = file->secret || looks_like_secret(path, entry.bytes);
        changes.push_back({"changed", path, std::move(detail), file_diff(path, entry.bytes, file->bytes, secret)});
        break;
      }
      case DiskEntry::Kind::directory:
        changes.push_back({"changed", path, "a directory on disk, a file in the bundle",
                           file_diff(path, std::nullopt, file->bytes, file->secret)});
        break;
      case DiskEntry::Kind::symlink:
        changes.push_back({"changed", path, "a symbolic link on disk, a regular file in the bundle",
                           file_diff(path, std::nullopt, file->bytes, file->secret)});
        break;
      case DiskEntry::Kind::other:
        changes.push_back({"changed", path, "a special file on disk, a regular file in the bundle",
                           file_diff(path, std::nullopt, file->bytes, file->secret)});
        break;
    }
  }
  for (const auto& [path, entry] : on_disk->entries) {
    // Directories only matter through their files (git does not record empty ones).
    if (wanted.contains(path) || entry.kind == DiskEntry::Kind::directory) continue;
    if (entry.kind == DiskEntry::Kind::file) {
      changes.push_back(
          {"removed", path, "", file_diff(path, entry.bytes, std::nullopt, looks_like_secret(path, entry.bytes))});
    } else {
      changes.push_back(
          {"removed", path, entry.kind == DiskEntry::Kind::symlink ? "a symbolic link" : "a special file", ""});
    }
  }

  if (changes.empty()) {
    std::fputs(fmt::format("{} is up to date ({} files)\n", dir.string(), wanted.size()).c_str(), stderr);
    return kExitOk;
  }
  std::ranges::stable_sort(changes, {}, &Change::path);
  std::string report_text =
      on_disk->exists ? fmt::format("`pulsarc build` would make these changes to {}:\n", dir.string())
                      : fmt::format("{} does not exist; `pulsarc build` would create it with:\n", dir.string());
  std::size_t added = 0, changed = 0, removed = 0;
  for (const auto& change : changes) {
    (change.verb == "added" ? added : change.verb == "changed" ? changed : removed) += 1;
    report_text += fmt::format("  {:<8} {}{}\n", fmt::format("{}:", change.verb), change.path,
                               change.detail.empty() ? "" : fmt::format(" ({})", change.detail));
  }
  for (const auto& change : changes) report_text += change.diff;
  if (on_disk->exists && !on_disk->entries.contains(kIndexFileName)) {
    report_text +=
        fmt::format("note: {} has no {}, so `pulsarc build` will refuse to replace it\n", dir.string(), kIndexFileName);
  }
  // The redaction above covers Secret manifests; the mask also catches a secret pasted elsewhere.
  std::fputs(mask.apply(std::move(report_text)).c_str(), report_stream);
  std::fflush(report_stream);
  std::fputs(fmt::format("pulsarc: {} is out of date ({} added, {} changed, {} removed); run `pulsarc build` and "
                         "commit the result\n",
                         dir.string(), added, changed, removed)
                 .c_str(),
             stderr);
  return kExitStale;
}

}  // namespace

namespace {

/// `check --fix`: applies the diagnostics' certain edits to the file (atomically, keeping its mode),
/// and says what changed on stderr. A fix can uncover another (a corrected enum value lets the
/// rules run), so it repeats while fixes apply, a few rounds at most. Returns an exit status on
/// failure, nullopt to go on checking.
std::optional<int> fix_file(const std::string& path) {
  constexpr int kMaxRounds = 4;
  for (int round = 0; round < kMaxRounds; ++round) {
    auto content = read_file(path);
    if (!content.bytes) {
      print_error(fmt::format("cannot read {}: {}", path, content.problem));
      return kExitUsage;
    }
    auto parsed = parse(*content.bytes);
    Diagnostics diagnostics = std::move(parsed.diagnostics);
    if (parsed.config) {
      const auto files = read_referenced(*parsed.config, fs::path(path).parent_path());
      diagnostics = check(*parsed.config, files);
    }
    const auto result = apply_fixes(*content.bytes, diagnostics);
    for (const auto& line : result.conflicts)
      std::fputs(
          fmt::format("{}:{}: not fixed (its edit overlaps another, or does not fit the file)\n", path, line).c_str(),
          stderr);
    if (result.applied.empty()) return std::nullopt;
    // The fixed text must still be TOML; a fix that broke it would be a bug, and the file stays as it was.
    const auto reparsed = parse(result.text);
    if (std::ranges::any_of(reparsed.diagnostics, [](const Diagnostic& d) { return d.code == "PLS0001"; })) {
      print_error(fmt::format("the fixes would not leave {} valid TOML; it was left as it was", path));
      return kExitUsage;
    }
    std::string error;
    if (!replace_file_atomically(path, result.text, error)) {
      print_error(fmt::format("cannot write {}: {}; it was left as it was", path, error));
      return kExitUsage;
    }
    for (const auto& line : result.applied) std::fputs(fmt::format("{}:{}: fixed\n", path, line).c_str(), stderr);
  }
  return std::nullopt;
}

}  // namespace

int run_check(const CheckOptions& options) {
  if (options.fix) {
    if (const auto status = fix_file(options.config)) return *status;
  }
  auto result = load(options.config, options.format);
  if (auto* status = std::get_if<int>(&result)) return *status;
  // With warnings, the renderer has already printed the summary line.
  if (options.format != "json" && std::get<Loaded>(result).warnings == 0) {
    std::fputs(fmt::format("{}: no errors\n", options.config).c_str(), stderr);
  }
  return kExitOk;
}

int run_build(const BuildOptions& options) {
  auto result = load(options.config, options.format, options.check,
                     options.secrets.empty() ? std::nullopt : secrets_mode(options.secrets));
  if (auto* status = std::get_if<int>(&result)) return *status;
  const auto& loaded = std::get<Loaded>(result);
  const fs::path dir = output_dir(loaded, options.output);
  // The bundle this build replaces (or --check compares with): its tokens are kept where still
  // valid (a signature check instead of a signing), and when nothing changed nothing is written.
  const auto previous = read_previous_bundle(dir);
  LowerOptions lower_options;
  if (!options.secrets.empty()) lower_options.secrets_override = secrets_mode(options.secrets);
  lower_options.signing_key = loaded.signing_key;
  if (previous) lower_options.previous_tokens = tokens_in(*previous);
  const SecretsMode mode = lower_options.secrets_override.value_or(loaded.config.output.secrets.value);
  Bundle bundle = emit(lower(loaded.config, loaded.files, lower_options));
  if (options.check) adopt_committed_fingerprints(bundle, dir);  // no key files: keep the committed ones
  // What replacing the bundle on disk does to the cluster, before anything else (docs/review.md).
  print_build_risks(bundle, loaded.config, loaded.source, options.config, dir, stderr);
  if (const auto why = unsafe_bundle_dir(dir, protected_paths(options.config, loaded))) {
    print_error(fmt::format("refusing to use {} as the bundle directory: {}", dir.string(), *why));
    return kExitUsage;
  }
  if (options.check) {
    // With --format json, stdout carries only the JSON document; the report goes to stderr.
    return compare_with_disk(bundle, dir, mode == SecretsMode::separate, known_secrets(loaded, bundle),
                             options.format == "json" ? stderr : stdout);
  }
  const auto written = write_bundle(bundle, dir, previous ? &*previous : nullptr);
  if (!written.ok) {
    print_error(fmt::format("{}; nothing was changed", written.error));
    return kExitUsage;
  }
  if (!written.warning.empty()) std::fputs(fmt::format("pulsarc: warning: {}\n", written.warning).c_str(), stderr);
  if (written.unchanged) {
    std::fputs(fmt::format("{} is up to date ({} files)\n", dir.string(), bundle.files.size()).c_str(), stderr);
    return kExitOk;
  }
  const bool separate = mode == SecretsMode::separate && std::ranges::any_of(bundle.files, [](const BundleFile& f) {
                          return f.path.starts_with("secrets/");
                        });
  std::fputs(fmt::format("wrote {} files to {}{}\n", bundle.files.size(), dir.string(),
                         separate ? " (secrets/ is git-ignored)" : "")
                 .c_str(),
             stderr);
  return kExitOk;
}

int run_keygen(const KeygenOptions& options) {
  const auto keys = options.symmetric ? crypto::generate_secret_key_file() : crypto::generate_rsa_key_files();
  std::string error;
  switch (write_key_files_exclusively(options.output, keys, error)) {
    case WriteKeysResult::ok: break;
    case WriteKeysResult::already_exists:
      print_error(fmt::format("{}; keygen never overwrites a key", error));
      return kExitUsage;
    case WriteKeysResult::io_error: print_error(error); return kExitUsage;
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
      print_error(fmt::format("--expires \"{}\" is not a date-time with an offset, e.g. 2027-01-01T00:00:00Z",
                              options.expires));
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
  if (!loaded.signing_key || !loaded.signing_key->key) return kExitConfig;  // reported by check already
  const auto token = crypto::mint_token(*loaded.signing_key->key, options.subject, expires);
  std::fwrite(token.data(), 1, token.size(), stdout);
  if (::isatty(STDOUT_FILENO) == 1) std::fputc('\n', stdout);
  return kExitOk;
}

int run_explain(const ExplainOptions& options) {
  auto codes = checker::all_codes();
  std::ranges::stable_sort(codes, {}, &CodeInfo::code);
  if (options.risks) return list_risks(options.markdown);
  if (options.all) {
    if (options.markdown) {
      std::fputs(render_codes_markdown(codes).c_str(), stdout);
    } else {
      for (const auto& info : codes) {
        std::fputs(fmt::format("{}  {:<7}  {}\n", info.code, severity_name(info.severity), info.title).c_str(), stdout);
      }
    }
    return kExitOk;
  }
  if (options.code.empty()) {
    print_error(
        "name a code or a risk, e.g. `pulsarc explain PLS0201`, or list them with `pulsarc explain --all` "
        "(`--risks`)");
    return kExitUsage;
  }
  std::string wanted = options.code;
  std::ranges::transform(wanted, wanted.begin(),
                         [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  const auto it = std::ranges::find(codes, std::string_view(wanted), &CodeInfo::code);
  if (it == codes.end() && explain_risk(options.code)) return kExitOk;
  if (it == codes.end()) {
    print_error(
        fmt::format("unknown code \"{}\"; `pulsarc explain --all` lists them (so does docs/codes.md), "
                    "`pulsarc explain --risks` the risks (docs/risks.md)",
                    printable_text(options.code)));
    return kExitUsage;
  }
  std::fputs(render_code_explanation(*it).c_str(), stdout);
  return kExitOk;
}

int run_schema() {
  std::fputs(parser::json_schema().c_str(), stdout);
  return kExitOk;
}

}  // namespace pulsarc::cli
