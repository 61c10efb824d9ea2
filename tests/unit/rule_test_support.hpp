// Helpers for the rule tests: a small valid configuration, one-edit variants of it, and a compact
// text form of diagnostics so that a failing test shows every code, position and message at once.
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "pulsarc/pipeline.hpp"

namespace ruletest {

using pulsarc::Diagnostics;
using pulsarc::ReferencedFiles;
using pulsarc::Severity;

/// The smallest valid test-profile cluster: three plain nodes shared by ZooKeeper and the bookies,
/// JWT off, no manager. Every test changes one thing in it.
inline constexpr std::string_view kBase = R"([cluster]
release = "pulsar"
namespace = "pulsar"
profile = "test"

[chart]
version = "2.7.7"

[[nodes]]
name = "node1"

[[nodes]]
name = "node2"

[[nodes]]
name = "node3"

[zookeeper]
nodes = ["node1", "node2", "node3"]
data = { path = "/data/zookeeper", size = "10Gi" }

[bookkeeper]
nodes = ["node1", "node2", "node3"]
journal = { path = "/data/bookkeeper/journal", size = "10Gi" }
ledgers = { path = "/data/bookkeeper/ledgers", size = "50Gi" }

[auth]
jwt = "off"

[manager]
enabled = false
)";

/// A valid production cluster: ZooKeeper on zk1..3, bookies on bk1..3 (all six tainted and labelled
/// as storage), everything else on srv1..3, symmetric JWT with an in-memory key (production_files).
inline constexpr std::string_view kProduction = R"([cluster]
release = "pulsar"
namespace = "pulsar"
profile = "production"

[chart]
version = "2.7.7"

[[nodes]]
name = "zk1"
labels = { role = "storage" }
taints = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[[nodes]]
name = "zk2"
labels = { role = "storage" }
taints = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[[nodes]]
name = "zk3"
labels = { role = "storage" }
taints = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[[nodes]]
name = "bk1"
labels = { role = "storage" }
taints = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[[nodes]]
name = "bk2"
labels = { role = "storage" }
taints = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[[nodes]]
name = "bk3"
labels = { role = "storage" }
taints = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[[nodes]]
name = "srv1"
labels = { role = "serving" }

[[nodes]]
name = "srv2"
labels = { role = "serving" }

[[nodes]]
name = "srv3"
labels = { role = "serving" }

[scheduling]
node_selector = { role = "serving" }

[zookeeper]
nodes = ["zk1", "zk2", "zk3"]
data = { path = "/data/zookeeper", size = "10Gi" }
node_selector = { role = "storage" }
tolerations = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[bookkeeper]
nodes = ["bk1", "bk2", "bk3"]
journal = { path = "/data/bookkeeper/journal", size = "10Gi" }
ledgers = { path = "/data/bookkeeper/ledgers", size = "50Gi" }
node_selector = { role = "storage" }
tolerations = [{ key = "dedicated", value = "storage", effect = "NoSchedule" }]

[auth]
jwt = "symmetric"
secret_key = "keys/secret.key"

[output]
secrets = "separate"
)";

/// The referenced files of kProduction: a 32-byte secret key, held in memory.
inline ReferencedFiles production_files() {
  ReferencedFiles files;
  files["keys/secret.key"] = pulsarc::FileContent{std::string(32, '\x5a'), {}};
  return files;
}

/// `text` with the only occurrence of `from` replaced by `to`; a missing or repeated `from` fails.
inline std::string edit(std::string_view text, std::string_view from, std::string_view to) {
  const auto first = text.find(from);
  INFO("editing: " << from);
  REQUIRE(first != std::string_view::npos);
  REQUIRE(text.find(from, first + 1) == std::string_view::npos);
  std::string out(text.substr(0, first));
  out += to;
  out += text.substr(first + from.size());
  return out;
}

/// `text` with `extra` appended (new tables go at the end, where they cannot move earlier lines).
inline std::string append(std::string_view text, std::string_view extra) {
  return std::string(text) + "\n" + std::string(extra);
}

struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// The 1-based line and column of byte `offset` in `text`.
inline Position position_of(std::string_view text, std::size_t offset) {
  Position p{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

/// The byte offset of the `occurrence`-th (1-based) `needle` in `text`; a missing needle fails.
inline std::size_t offset_of(std::string_view text, std::string_view needle, int occurrence) {
  std::size_t offset = std::string_view::npos;
  std::size_t from = 0;
  for (int i = 0; i < occurrence; ++i) {
    offset = text.find(needle, from);
    INFO("looking for: " << needle << " #" << occurrence);
    REQUIRE(offset != std::string_view::npos);
    from = offset + 1;
  }
  return offset;
}

/// Where the `occurrence`-th `needle` starts.
inline Position at(std::string_view text, std::string_view needle, int occurrence = 1) {
  return position_of(text, offset_of(text, needle, occurrence));
}

/// Where the `occurrence`-th `needle` ends, e.g. at_after(toml, "[proxy]\nreplicas = ") is the value.
inline Position at_after(std::string_view text, std::string_view needle, int occurrence = 1) {
  return position_of(text, offset_of(text, needle, occurrence) + needle.size());
}

/// `text` with every occurrence of `from` replaced by `to`.
inline std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t start = 0;
  for (auto pos = text.find(from); pos != std::string_view::npos; pos = text.find(from, start)) {
    out += text.substr(start, pos - start);
    out += to;
    start = pos + from.size();
  }
  out += text.substr(start);
  return out;
}

/// parse, then (when the structure is valid) check: the diagnostics `pulsarc check` would report.
inline Diagnostics run(std::string_view toml, const ReferencedFiles& files = {}) {
  auto parsed = pulsarc::parse(toml);
  if (!parsed.config) return parsed.diagnostics;
  auto diagnostics = parsed.diagnostics;
  for (auto& d : pulsarc::check(*parsed.config, files)) diagnostics.push_back(std::move(d));
  return diagnostics;
}

/// One line per diagnostic: "CODE severity LINE:COL: message".
inline std::string summary(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    out += fmt::format("{} {} {}:{}: {}\n", d.code, d.severity == Severity::error ? "error" : "warning", d.span.line,
                       d.span.column, d.message);
  }
  return out;
}

/// The summary line of one expected error.
inline std::string error(std::string_view code, Position p, std::string_view message) {
  return fmt::format("{} error {}:{}: {}\n", code, p.line, p.column, message);
}

/// The summary line of one expected warning.
inline std::string warning(std::string_view code, Position p, std::string_view message) {
  return fmt::format("{} warning {}:{}: {}\n", code, p.line, p.column, message);
}

/// Notes as "LINE:COL: message" lines, for tests that pin the secondary spans.
inline std::string notes(const pulsarc::Diagnostic& d) {
  std::string out;
  for (const auto& n : d.notes) out += fmt::format("{}:{}: {}\n", n.span.line, n.span.column, n.message);
  return out;
}

inline std::string note(Position p, std::string_view message) {
  return fmt::format("{}:{}: {}\n", p.line, p.column, message);
}

}  // namespace ruletest
