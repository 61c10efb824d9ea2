// Times every stage of `pulsarc build` in one process, so that a slow whole-process run can be
// traced to its stage: read, parse, check, lower, emit, and writing the bundle (atomically, the
// way the CLI does, and with two reference writers that show what durability costs).
//
// Usage: pulsarc_stages CONFIG [--iterations N] [--write-iterations N] [--scratch DIR]
// Prints a markdown table of the median, minimum and maximum of each stage. Bundles are written
// under --scratch, which is left in place, or else under a temporary directory removed at the end.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/io.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keys.hpp"
#include "pulsarc/pipeline.hpp"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  fs::path config;
  int iterations = 5;
  int write_iterations = -1;  ///< -1: as many as `iterations`; 0 skips the stages that touch the disk
  fs::path scratch;           ///< where bundles are written; a fresh directory under /tmp by default
};

/// One row of the table: a stage and the duration of each iteration.
struct Stage {
  std::string name;
  std::string note;
  std::vector<double> milliseconds;
  bool in_memory = false;  ///< part of the in-memory pipeline (counted in its total)
};

template <typename Work>
double time_ms(Work&& work) {
  const auto start = Clock::now();
  work();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::ranges::sort(values);
  const auto middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

[[noreturn]] void fail(const std::string& message) {
  std::fputs(fmt::format("pulsarc_stages: {}\n", message).c_str(), stderr);
  std::exit(2);
}

int parse_count(const char* text) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 100000) fail(fmt::format("\"{}\" is not a count", text));
  return static_cast<int>(value);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--iterations" && has_value) {
      options.iterations = std::max(1, parse_count(argv[++i]));
    } else if (arg == "--write-iterations" && has_value) {
      options.write_iterations = parse_count(argv[++i]);
    } else if (arg == "--scratch" && has_value) {
      options.scratch = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      std::puts("usage: pulsarc_stages CONFIG [--iterations N] [--write-iterations N] [--scratch DIR]");
      std::exit(0);
    } else if (!arg.starts_with("-") && options.config.empty()) {
      options.config = arg;
    } else {
      fail(fmt::format("unexpected argument \"{}\"; see --help", arg));
    }
  }
  if (options.config.empty()) fail("no configuration given; see --help");
  if (options.write_iterations < 0) options.write_iterations = options.iterations;
  return options;
}

/// Writes `bytes` to a new file; no fsync. Part of the reference writers below.
bool write_file_plain(const fs::path& path, const pulsarc::BundleFile& file) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(file.mode));
  if (fd < 0) return false;
  std::size_t written = 0;
  while (written < file.bytes.size()) {
    const auto n = ::write(fd, file.bytes.data() + written, file.bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && written == file.bytes.size();
}

/// The floor for writing a bundle: the same directories and files, no staging, no fsync. With
/// `sync_once`, one syncfs(2) at the end makes it durable in a single call instead of one per file.
bool write_reference(const pulsarc::Bundle& bundle, const fs::path& dir, bool sync_once) {
  if (::mkdir(dir.c_str(), 0755) != 0) return false;
  std::set<std::string> directories;
  for (const auto& file : bundle.files) {
    for (auto slash = file.path.find('/'); slash != std::string::npos; slash = file.path.find('/', slash + 1)) {
      const auto sub = file.path.substr(0, slash);
      if (directories.insert(sub).second && ::mkdir((dir / sub).c_str(), 0755) != 0) return false;
    }
    if (!write_file_plain(dir / file.path, file)) return false;
  }
  if (!sync_once) return true;
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::syncfs(fd) == 0;
  return ::close(fd) == 0 && synced;
}

/// Moves a written bundle out of the way; deleting it is left to the end, outside every timing
/// (deleting can be slow, and on ext4 without a journal it slows down the next file creations).
void discard(const fs::path& dir, const fs::path& trash, int& serial) {
  std::error_code ec;
  if (fs::exists(dir, ec)) fs::rename(dir, trash / std::to_string(serial++), ec);
  if (ec) fail(fmt::format("cannot move {} to {}: {}", dir.string(), trash.string(), ec.message()));
}

void print_table(const std::vector<Stage>& stages) {
  double pipeline_total = 0;
  for (const auto& stage : stages) {
    if (stage.in_memory) pipeline_total += median(stage.milliseconds);
  }
  std::puts("| stage | median ms | min ms | max ms | share of in-memory total | note |");
  std::puts("|---|--:|--:|--:|--:|---|");
  for (const auto& stage : stages) {
    if (stage.milliseconds.empty()) continue;
    const auto [low, high] = std::ranges::minmax(stage.milliseconds);
    const double mid = median(stage.milliseconds);
    const auto share = stage.in_memory && pipeline_total > 0 ? fmt::format("{:.0f} %", 100 * mid / pipeline_total) : "";
    std::puts(fmt::format("| {} | {:.3f} | {:.3f} | {:.3f} | {} | {} |", stage.name, mid, low, high, share, stage.note)
                  .c_str());
  }
  std::puts(fmt::format("| **in-memory total** (read…emit) | {:.3f} | | | 100 % | |", pipeline_total).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const fs::path base = options.config.parent_path();

  std::vector<Stage> stages{
      {"read (config + key files)", "", {}, true},
      {"parse", "", {}, true},
      {"check", "", {}, true},
      {"lower", "", {}, true},
      {"emit", "", {}, true},
      {"write_bundle, fresh directory", "cli/io.cpp: staging directory, then rename", {}, false},
      {"write_bundle, replacing the previous bundle", "as above + deleting the old bundle", {}, false},
      {"reference: plain write, no fsync", "mkdir + open/write/close only", {}, false},
      {"reference: plain write + one syncfs", "durable with one call", {}, false},
  };
  Stage& read_stage = stages[0];
  Stage& parse_stage = stages[1];
  Stage& check_stage = stages[2];
  Stage& lower_stage = stages[3];
  Stage& emit_stage = stages[4];
  Stage& write_fresh = stages[5];
  Stage& write_replace = stages[6];
  Stage& write_plain = stages[7];
  Stage& write_synced = stages[8];

  fs::path scratch = options.scratch;
  if (options.write_iterations > 0) {
    if (scratch.empty()) {
      std::string pattern = (fs::temp_directory_path() / "pulsarc-stages-XXXXXX").string();
      if (::mkdtemp(pattern.data()) == nullptr) fail("cannot create a scratch directory");
      scratch = pattern;
    } else {
      std::error_code ec;
      fs::create_directories(scratch, ec);
      if (ec) fail(fmt::format("cannot create {}: {}", scratch.string(), ec.message()));
    }
    fs::create_directories(scratch / "trash");
  }
  int serial = 0;

  pulsarc::Bundle bundle;
  std::size_t nodes = 0;
  std::size_t tokens = 0;
  std::string key_bytes;
  for (int iteration = 0; iteration < options.iterations; ++iteration) {
    pulsarc::FileContent source;
    read_stage.milliseconds.push_back(time_ms([&] { source = pulsarc::cli::read_file(options.config); }));
    if (!source.bytes) fail(fmt::format("cannot read {}: {}", options.config.string(), source.problem));

    pulsarc::ParseResult parsed;
    parse_stage.milliseconds.push_back(time_ms([&] { parsed = pulsarc::parse(*source.bytes); }));
    if (!parsed.config) fail("the configuration does not parse; run `pulsarc check` on it");
    const pulsarc::Config& config = *parsed.config;

    pulsarc::ReferencedFiles files;
    read_stage.milliseconds.back() += time_ms([&] { files = pulsarc::cli::read_referenced(config, base); });

    pulsarc::Diagnostics diagnostics;
    check_stage.milliseconds.push_back(time_ms([&] { diagnostics = pulsarc::check(config, files); }));
    if (pulsarc::has_errors(diagnostics)) fail("the configuration has errors; run `pulsarc check` on it");

    pulsarc::Manifest manifest;
    lower_stage.milliseconds.push_back(time_ms([&] { manifest = pulsarc::lower(config, files); }));
    emit_stage.milliseconds.push_back(time_ms([&] { bundle = pulsarc::emit(manifest); }));

    nodes = config.nodes.size();
    if (config.auth.jwt.value == pulsarc::JwtMode::asymmetric && config.auth.private_key) {
      tokens = 3 + config.auth.tokens.size();  // one per superuser role, plus [[auth.tokens]]
      key_bytes = files.at(config.auth.private_key->value).bytes.value_or("");
    }

    if (iteration >= options.write_iterations) continue;
    const fs::path out = scratch / "bundle";
    write_fresh.milliseconds.push_back(time_ms([&] {
      const auto result = pulsarc::cli::write_bundle(bundle, out);
      if (!result.ok) fail(result.error);
    }));
    write_replace.milliseconds.push_back(time_ms([&] {
      const auto result = pulsarc::cli::write_bundle(bundle, out);
      if (!result.ok) fail(result.error);
    }));
    discard(out, scratch / "trash", serial);
    const fs::path plain = scratch / "plain";
    write_plain.milliseconds.push_back(time_ms([&] {
      if (!write_reference(bundle, plain, false)) fail("the plain reference write failed");
    }));
    discard(plain, scratch / "trash", serial);
    write_synced.milliseconds.push_back(time_ms([&] {
      if (!write_reference(bundle, plain, true)) fail("the synced reference write failed");
    }));
    discard(plain, scratch / "trash", serial);
  }

  // The cryptography inside check and lower, timed alone: one key load and one token (the
  // instruction counts of bench/run.sh --instructions show how many of each a build does).
  std::vector<Stage> crypto_stages;
  if (!key_bytes.empty()) {
    Stage load{"  of which: one RSA key load", "load_rsa_private_key", {}, false};
    Stage sign{"  of which: one RS256 token", fmt::format("mint_token; {} tokens per build", tokens), {}, false};
    for (int iteration = 0; iteration < options.iterations; ++iteration) {
      pulsarc::crypto::KeyLoad loaded;
      load.milliseconds.push_back(time_ms([&] { loaded = pulsarc::crypto::load_rsa_private_key(key_bytes); }));
      if (!loaded.key) fail("the private key does not load");
      std::string token;
      sign.milliseconds.push_back(
          time_ms([&] { token = pulsarc::crypto::mint_token(*loaded.key, "bench", std::nullopt); }));
      if (token.empty()) fail("no token minted");
    }
    crypto_stages.push_back(std::move(load));
    crypto_stages.push_back(std::move(sign));
  }

  std::size_t bytes = 0;
  std::size_t volumes = 0;
  for (const auto& file : bundle.files) {
    bytes += file.bytes.size();
    if (file.path.starts_with("persistentvolumes/")) ++volumes;
  }
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  std::puts(fmt::format("{}: {} nodes, {} PersistentVolumes, {} files, {:.2f} MiB; {} iterations ({} writing); "
                        "peak RSS {:.1f} MiB",
                        options.config.string(), nodes, volumes, bundle.files.size(),
                        static_cast<double>(bytes) / (1 << 20), options.iterations, options.write_iterations,
                        static_cast<double>(usage.ru_maxrss) / 1024)
                .c_str());
  std::puts("");
  stages.insert(stages.begin() + 5, std::make_move_iterator(crypto_stages.begin()),
                std::make_move_iterator(crypto_stages.end()));
  print_table(stages);

  // A scratch directory the caller chose stays (bench/run.sh deletes everything at its very end);
  // our own goes.
  if (!scratch.empty() && options.scratch.empty()) {
    std::fputs(fmt::format("removing {} ...\n", scratch.string()).c_str(), stderr);
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }
  return 0;
}
