#include <algorithm>

#include "chart/manager.hpp"
#include "lower/manager_sql.hpp"
#include "lower/parts.hpp"

namespace pulsarc {

std::vector<std::string> referenced_paths(const Config& config) {
  std::vector<std::string> paths;
  if (config.auth.jwt.value == JwtMode::asymmetric && config.auth.private_key)
    paths.push_back(config.auth.private_key->value);
  if (config.auth.jwt.value == JwtMode::symmetric && config.auth.secret_key)
    paths.push_back(config.auth.secret_key->value);
  if (config.manager.enabled.value) {
    if (config.manager.database) paths.push_back(config.manager.database->password_file.value);
    if (config.manager.admin) paths.push_back(config.manager.admin->password_file.value);
  }
  return paths;
}

namespace {

yaml::Node kustomization(const std::vector<std::string>& resources) {
  yaml::Node k = yaml::Node::map();
  k.set("apiVersion", yaml::Node::str("kustomize.config.k8s.io/v1beta1"));
  k.set("kind", yaml::Node::str("Kustomization"));
  yaml::Node& list = k.set("resources", yaml::Node::seq());
  for (const auto& r : resources) list.push(yaml::Node::str(r));
  return k;
}

std::string_view strip_prefix(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) ? path.substr(prefix.size()) : path;
}

}  // namespace

Manifest lower(const Config& config, const ReferencedFiles& files, const LowerOptions& options) {
  const chart::Profile& profile = chart::profile_of(config);
  const SecretsMode secrets_mode = options.secrets_override.value_or(config.output.secrets.value);
  Manifest manifest;
  manifest.secrets_separate = secrets_mode == SecretsMode::separate;
  auto& out = manifest.files;

  for (auto&& f : lowering::cluster_objects(config)) out.push_back(std::move(f));
  for (auto&& f : lowering::persistent_volumes(config)) out.push_back(std::move(f));
  // The chart version's own additions: PDBs it cannot write itself, a post-renderer.
  bool post_render = false;
  std::vector<ManifestFile> chart_files;
  for (auto&& f : profile.chart_files(config)) {
    if (f.path.starts_with("poddisruptionbudgets/")) {
      out.push_back(std::move(f));
    } else {
      post_render = post_render || f.path == "post-render.sh";
      chart_files.push_back(std::move(f));
    }
  }

  // Apply order: namespace, storage class, volumes, budgets (kustomize sorts by kind as well).
  std::vector<std::string> resources;
  for (const auto& f : out) resources.push_back(f.path);

  manifest.chart_version = config.chart.version.value;
  std::vector<ManifestFile> secret_files = lowering::secrets(config, profile, files, options, manifest.fingerprints);
  if (secrets_mode == SecretsMode::none) secret_files.clear();
  std::ranges::sort(secret_files, {}, &ManifestFile::path);
  if (secrets_mode == SecretsMode::inline_) {
    for (auto& f : secret_files) resources.push_back(f.path);
  } else if (secrets_mode == SecretsMode::separate && !secret_files.empty()) {
    std::vector<std::string> secret_resources;
    for (const auto& f : secret_files) secret_resources.emplace_back(strip_prefix(f.path, "secrets/"));
    ManifestFile k = yaml_file("secrets/kustomization.yaml", kustomization(secret_resources));
    k.secret = true;
    out.push_back(std::move(k));
    ManifestFile ignore{"secrets/.gitignore", FileKind::text, {}, "# Secrets never go into git.\n*\n"};
    ignore.secret = true;
    out.push_back(std::move(ignore));
  }
  for (auto& f : secret_files) out.push_back(std::move(f));

  out.push_back(yaml_file("kustomization.yaml", kustomization(resources)));
  out.push_back(yaml_file("values.yaml", profile.values(config)));
  for (auto&& f : chart_files) out.push_back(std::move(f));

  auto preparation = lowering::node_preparation(config, profile);
  const bool prepare_nodes = !preparation.empty();
  for (auto&& f : preparation) out.push_back(std::move(f));

  ManifestFile nodes{"nodes.sh", FileKind::script, {}, lowering::nodes_script(config)};
  nodes.executable = true;
  out.push_back(std::move(nodes));
  ManifestFile install{"install.sh",
                       FileKind::script,
                       {},
                       lowering::install_script(config, profile, {secrets_mode, post_render, prepare_nodes})};
  install.executable = true;
  out.push_back(std::move(install));

  if (config.manager.enabled.value && config.manager.database) {
    const auto& db = *config.manager.database;
    if (const auto schema = manager::manager_schema_for_tag(chart::manager_image(config, profile).tag)) {
      lowering::ManagerSqlInput input{*schema,       db.name.value, db.user.value,         std::nullopt,
                                      db.host.value, db.port.value, db.password_file.value};
      // Where the chart creates the UI user itself (from the manager Secret), init.sql does not.
      if (config.manager.admin && !profile.manager_creates_admin) {
        input.admin = lowering::ManagerAdminSeed{config.manager.admin->name.value, config.manager.admin->email.value,
                                                 config.manager.admin->password_file.value};
      }
      out.push_back({"manager/init.sql", FileKind::sql, {}, lowering::manager_init_sql(input)});
    }
  }
  return manifest;
}

}  // namespace pulsarc
