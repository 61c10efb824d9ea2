#include <fmt/format.h>

#include <algorithm>

#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keys.hpp"
#include "lower/names.hpp"
#include "lower/parts.hpp"

namespace pulsarc::lowering {

using yaml::Node;

std::vector<TokenSpec> token_roles(const Config& config) {
  std::vector<TokenSpec> roles;
  if (config.auth.jwt.value == JwtMode::off) return roles;
  for (const auto* role : {&config.auth.broker_role, &config.auth.proxy_role, &config.auth.client_role}) {
    roles.push_back({role->value, std::nullopt});
  }
  for (const auto& token : config.auth.tokens) {
    roles.push_back({token.subject.value, token.expires ? std::optional(token.expires->value) : std::nullopt});
  }
  return roles;
}

std::string password_from_file(const std::string& bytes) {
  std::string_view text = bytes;
  if (text.ends_with("\r\n")) {
    text.remove_suffix(2);
  } else if (text.ends_with('\n')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

namespace {

ManifestFile secret_file(const Config& config, const std::string& name,
                         std::vector<std::pair<std::string, std::string>> data) {
  Node secret = object("v1", "Secret", name, config, true);
  Node& encoded = secret.set("data", Node::map());
  // Binary key material must go under `data`, base64 once (never stringData).
  for (auto& [key, bytes] : data) encoded.set(key, Node::str(crypto::base64(bytes)));
  secret.set("type", Node::str("Opaque"));
  ManifestFile file{fmt::format("secrets/{}.yaml", name), FileKind::yaml, {std::move(secret)}};
  file.secret = true;
  return file;
}

const std::string* bytes_of(const ReferencedFiles& files, const std::optional<Located<std::string>>& path) {
  if (!path) return nullptr;
  const auto it = files.find(path->value);
  return it != files.end() && it->second.bytes ? &*it->second.bytes : nullptr;
}

}  // namespace

std::vector<ManifestFile> secrets(const Config& config, const ReferencedFiles& files, Fingerprints& fingerprints) {
  std::vector<ManifestFile> out;
  fingerprints = {};
  const auto& release = config.cluster.release.value;
  const auto& auth = config.auth;
  std::optional<crypto::SigningKey> key;
  if (auth.jwt.value == JwtMode::asymmetric) {
    if (const auto* bytes = bytes_of(files, auth.private_key)) key = crypto::load_rsa_private_key(*bytes).key;
    if (key) {
      out.push_back(secret_file(config, names::asymmetric_key_secret(release),
                                {{"PRIVATEKEY", key->private_pkcs8_der}, {"PUBLICKEY", key->public_spki_der}}));
    }
  } else if (auth.jwt.value == JwtMode::symmetric) {
    if (const auto* bytes = bytes_of(files, auth.secret_key)) key = crypto::load_secret_key(*bytes).key;
    if (key) out.push_back(secret_file(config, names::symmetric_key_secret(release), {{"SECRETKEY", key->secret}}));
  }
  if (auth.jwt.value != JwtMode::off && !key) fingerprints.complete = false;  // no key file: unknown
  if (key) {
    const std::string type = auth.jwt.value == JwtMode::asymmetric ? "asymmetric" : "symmetric";
    // What verifies tokens: the public key the brokers mount, or the shared secret.
    fingerprints.signing_key =
        crypto::sha256_hex(auth.jwt.value == JwtMode::asymmetric ? key->public_spki_der : key->secret);
    for (const auto& [role, expires] : token_roles(config)) {
      auto token = crypto::mint_token(*key, role, expires);
      fingerprints.tokens.emplace_back(role, crypto::sha256_hex(token));
      out.push_back(
          secret_file(config, names::token_secret(release, role), {{"TOKEN", std::move(token)}, {"TYPE", type}}));
    }
    std::ranges::sort(fingerprints.tokens);
  }
  if (config.manager.enabled.value && config.manager.database) {
    const auto& db = *config.manager.database;
    if (const auto it = files.find(db.password_file.value); it != files.end() && it->second.bytes) {
      // Chart 2.7.7 calls the database credentials "admin" (apache/pulsar-helm-chart#31).
      out.push_back(secret_file(config, names::manager_db_secret(release),
                                {{"PULSAR_MANAGER_ADMIN_PASSWORD", password_from_file(*it->second.bytes)},
                                 {"PULSAR_MANAGER_ADMIN_USER", db.user.value}}));
    }
  }
  return out;
}

}  // namespace pulsarc::lowering
