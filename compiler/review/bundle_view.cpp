#include "review/bundle_view.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <string_view>

#include "chart/names.hpp"
#include "chart/profile.hpp"
#include "pulsarc/spelling.hpp"
#include "review/catalog.hpp"

namespace pulsarc::review {
namespace {

/// The shell words of one line of a generated script: '…' and "…" quoting, backslash escapes
/// outside quotes, `#` starting a comment. Enough for what pulsarc writes; no expansion.
std::vector<std::string> shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\'') {
      const auto end = line.find('\'', i + 1);
      word.append(line.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      in_word = true;
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '"') {
      ++i;
      for (; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        word += line[i];
      }
      in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '#' && !in_word) {
      break;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

YAML::Node child(const YAML::Node& node, std::initializer_list<const char*> path) {
  // Node::operator= writes through to the referenced node; reset() rebinds the handle.
  YAML::Node current;
  current.reset(node);
  for (const char* key : path) {
    if (!current || !current.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& parent = current;
    YAML::Node next = parent[key];
    if (!next) return YAML::Node(YAML::NodeType::Undefined);  // reset() refuses a missing key's node
    current.reset(next);
  }
  return current;
}

std::optional<std::string> scalar(const YAML::Node& node, std::initializer_list<const char*> path) {
  const auto n = child(node, path);
  if (!n || !n.IsScalar()) return std::nullopt;
  return n.Scalar();
}

std::optional<bool> boolean(const YAML::Node& node, std::initializer_list<const char*> path) {
  const auto text = scalar(node, path);
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::optional<std::int64_t> integer(const YAML::Node& node, std::initializer_list<const char*> path) {
  const auto text = scalar(node, path);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::optional<std::string> image(const YAML::Node& values, const char* key) {
  const auto repository = scalar(values, {"images", key, "repository"});
  const auto tag = scalar(values, {"images", key, "tag"});
  if (repository && tag && !repository->empty() && !tag->empty()) return fmt::format("{}:{}", *repository, *tag);
  return std::nullopt;
}

/// Every document of a YAML file; empty (and `problem` set) when it does not parse.
std::vector<YAML::Node> documents(const std::string& bytes, const std::string& path,
                                  std::vector<std::string>& problems) {
  try {
    return YAML::LoadAll(bytes);
  } catch (const YAML::Exception& e) {
    problems.push_back(fmt::format("{} is not valid YAML ({})", path, e.msg));
    return {};
  }
}

void read_volume(BundleView& view, const YAML::Node& pv) {
  if (scalar(pv, {"kind"}) != "PersistentVolume") return;
  VolumeView volume;
  volume.pv_name = scalar(pv, {"metadata", "name"}).value_or("");
  const auto claim = scalar(pv, {"spec", "claimRef", "name"}).value_or(volume.pv_name);
  volume.path = scalar(pv, {"spec", "local", "path"}).value_or("");
  volume.size = scalar(pv, {"spec", "capacity", "storage"}).value_or("");
  volume.storage_class = scalar(pv, {"spec", "storageClassName"}).value_or("");
  const auto terms = child(pv, {"spec", "nodeAffinity", "required", "nodeSelectorTerms"});
  if (terms.IsSequence()) {
    for (const auto& term : terms) {
      const auto expressions = child(term, {"matchExpressions"});
      if (!expressions.IsSequence()) continue;
      for (const auto& expression : expressions) {
        const auto values = child(expression, {"values"});
        if (scalar(expression, {"key"}) == "kubernetes.io/hostname" && values.IsSequence() && values.size() == 1 &&
            values[0].IsScalar()) {
          volume.node = values[0].Scalar();
        }
      }
    }
  }
  if (!view.release) view.release = scalar(pv, {"metadata", "labels", "app.kubernetes.io/instance"});
  view.volumes.emplace(claim, std::move(volume));
}

void read_values(BundleView& view, const YAML::Node& values) {
  view.values_read = true;
  const auto authentication = child(values, {"auth", "authentication"});
  if (const auto enabled = boolean(authentication, {"enabled"})) {
    // 2.7.7: provider "jwt"; 4.x: jwt.enabled (the provider key is refused there).
    view.jwt = *enabled && (boolean(authentication, {"jwt", "enabled"}).value_or(false) ||
                            scalar(authentication, {"provider"}) == "jwt");
  } else {
    view.jwt = false;
  }
  view.jwt_symmetric = boolean(authentication, {"jwt", "usingSecretKey"}).value_or(false);
  const auto superusers = child(values, {"auth", "superUsers"});
  if (superusers.IsMap()) {
    for (const auto& entry : superusers) {
      if (entry.first.IsScalar() && entry.second.IsScalar() && !entry.second.Scalar().empty())
        view.superusers.emplace(entry.first.Scalar(), entry.second.Scalar());
    }
  }
  view.ensemble = scalar(values, {"broker", "configData", "managedLedgerDefaultEnsembleSize"});
  view.write_quorum = scalar(values, {"broker", "configData", "managedLedgerDefaultWriteQuorum"});
  view.ack_quorum = scalar(values, {"broker", "configData", "managedLedgerDefaultAckQuorum"});

  const chart::Profile* defaults = view.chart_version ? chart::find_profile(*view.chart_version) : nullptr;
  view.pulsar_image = image(values, "broker");
  if (!view.pulsar_image) {
    // 4.x leaves images.<component> empty and falls back to the default image keys.
    const auto repository = scalar(values, {"defaultPulsarImageRepository"});
    const auto tag = scalar(values, {"defaultPulsarImageTag"});
    if (repository && tag && !tag->empty()) {
      view.pulsar_image = fmt::format("{}:{}", *repository, *tag);
    } else if (defaults) {
      view.pulsar_image = std::string(defaults->pulsar_image);
    }
  }
  view.manager_image = image(values, "pulsar_manager");
  if (!view.manager_image && defaults) view.manager_image = std::string(defaults->manager_image);

  view.proxy_service_type = scalar(values, {"proxy", "service", "type"});
  if (!view.proxy_service_type && defaults) {
    view.proxy_service_type = std::string(spell(defaults->proxy_service_type));
    view.proxy_service_type_defaulted = true;
  }
  view.manager_enabled = boolean(values, {"components", "pulsar_manager"}).value_or(false);
  view.manager_database_url = scalar(values, {"pulsar_manager", "configData", "URL"});
  view.zookeeper_replicas = integer(values, {"zookeeper", "replicaCount"});
  view.bookie_replicas = integer(values, {"bookkeeper", "replicaCount"});
}

void read_nodes(BundleView& view, std::string_view script) {
  view.nodes_read = true;
  for (const auto line : lines_of(script)) {
    const auto words = shell_words(line);
    // "$kubectl" label node NAME --overwrite k=v ... / "$kubectl" taint node NAME --overwrite k[=v]:Effect
    if (words.size() < 5 || words[2] != "node" || (words[1] != "label" && words[1] != "taint")) continue;
    auto& marks = view.nodes[words[3]];
    for (std::size_t i = 4; i < words.size(); ++i) {
      const auto& arg = words[i];
      if (arg.starts_with("--")) continue;
      if (words[1] == "label") {
        const auto eq = arg.find('=');
        marks.labels[arg.substr(0, eq)] = eq == std::string::npos ? "" : arg.substr(eq + 1);
      } else {
        const auto colon = arg.rfind(':');
        if (colon == std::string::npos) continue;
        const auto key_value = arg.substr(0, colon);
        const auto eq = key_value.find('=');
        marks.taints[{key_value.substr(0, eq), arg.substr(colon + 1)}] =
            eq == std::string::npos ? "" : key_value.substr(eq + 1);
      }
    }
  }
}

std::optional<std::string> install_chart_version(std::string_view script) {
  for (const auto line : lines_of(script)) {
    const auto words = shell_words(line);
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i] == "--version") return words[i + 1];
    }
  }
  return std::nullopt;
}

}  // namespace

BundleView read_bundle_view(const BundleFiles& files) {
  BundleView view;
  if (const auto it = files.find(kIndexFileName); it != files.end()) {
    view.has_index = true;
    view.index = bundle_index::parse_index(it->second);
    view.chart_version = view.index.chart_version;
  }
  if (!view.chart_version) {
    if (const auto it = files.find("install.sh"); it != files.end())
      view.chart_version = install_chart_version(it->second);
  }
  try {
    if (const auto it = files.find("namespace.yaml"); it != files.end()) {
      for (const auto& doc : documents(it->second, it->first, view.problems)) {
        if (scalar(doc, {"kind"}) != "Namespace") continue;
        view.namespace_ = scalar(doc, {"metadata", "name"});
        view.release = scalar(doc, {"metadata", "labels", "app.kubernetes.io/instance"});
      }
    }
    for (const auto& [path, bytes] : files) {
      if (!path.starts_with("persistentvolumes/") || !path.ends_with(".yaml")) continue;
      for (const auto& doc : documents(bytes, path, view.problems)) read_volume(view, doc);
    }
    if (const auto it = files.find("values.yaml"); it != files.end()) {
      const auto docs = documents(it->second, it->first, view.problems);
      if (!docs.empty() && docs.front().IsMap()) read_values(view, docs.front());
    }
  } catch (const YAML::Exception& e) {
    // A structure yaml-cpp refuses to walk (e.g. a scalar where a map belongs): what was read stays.
    view.problems.push_back(fmt::format("a file of the bundle has an unexpected structure ({})", e.msg));
  }
  if (const auto it = files.find("nodes.sh"); it != files.end()) read_nodes(view, it->second);
  return view;
}

std::optional<std::size_t> claim_ordinal(const BundleView& view, const std::string& claim, std::string_view component) {
  if (!view.release) return std::nullopt;
  const auto full = names::fullname(*view.release);
  const auto prefix = fmt::format("{}-{}-", full, component);
  const auto middle = fmt::format("-{}-{}-", full, component);
  if (!claim.starts_with(prefix)) return std::nullopt;
  const auto at = claim.rfind(middle);
  if (at == std::string::npos || at < prefix.size()) return std::nullopt;
  const auto digits = std::string_view(claim).substr(at + middle.size());
  std::size_t ordinal = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), ordinal);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return ordinal;
}

}  // namespace pulsarc::review
