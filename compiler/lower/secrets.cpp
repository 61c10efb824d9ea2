#include <fmt/format.h>

#include <algorithm>

#include "chart/names.hpp"
#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keys.hpp"
#include "lower/parts.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::lowering {

using yaml::Node;

namespace {

ManifestFile secret_file(const Config& config, const std::string& name,
                         std::vector<std::pair<std::string, std::string>> data) {
  Node secret = chart::object("v1", "Secret", name, config, true);
  Node& encoded = secret.set("data", Node::map());
  // Binary key material must go under `data`, base64 once (never stringData).
  for (auto& [key, bytes] : data) encoded.set(key, Node::str(crypto::base64(bytes)));
  secret.set("type", Node::str("Opaque"));
  ManifestFile file = yaml_file(fmt::format("secrets/{}.yaml", name), std::move(secret));
  file.secret = true;
  return file;
}

const std::string* bytes_of(const ReferencedFiles& files, const std::string& path) {
  const auto it = files.find(path);
  return it != files.end() && it->second.bytes ? &*it->second.bytes : nullptr;
}

}  // namespace

std::vector<ManifestFile> secrets(const Config& config, const chart::Profile& profile, const ReferencedFiles& files,
                                  const LowerOptions& options, Fingerprints& fingerprints) {
  std::vector<ManifestFile> out;
  fingerprints = {};
  const auto& release = config.cluster.release.value;
  const auto& auth = config.auth;
  const auto load = options.signing_key ? options.signing_key : crypto::load_signing_key(config, files);
  const crypto::SigningKey* key = load && load->key ? &*load->key : nullptr;
  if (key && auth.jwt.value == JwtMode::asymmetric) {
    out.push_back(secret_file(config, names::asymmetric_key_secret(release),
                              {{"PRIVATEKEY", key->private_pkcs8_der}, {"PUBLICKEY", key->public_spki_der}}));
  } else if (key) {
    out.push_back(secret_file(config, names::symmetric_key_secret(release), {{"SECRETKEY", key->secret}}));
  }
  if (auth.jwt.value != JwtMode::off && !key) fingerprints.complete = false;  // no key file: unknown
  if (key) {
    // TYPE is read by no template; the chart's own script writes it, so pulsarc does too.
    const std::string type(spell(auth.jwt.value));
    // What verifies tokens: the public key the brokers mount, or the shared secret.
    fingerprints.signing_key =
        crypto::sha256_hex(auth.jwt.value == JwtMode::asymmetric ? key->public_spki_der : key->secret);
    for (const auto& spec : chart::token_roles(config, profile)) {
      const auto kept = std::ranges::find_if(options.previous_tokens, [&](const std::string& previous) {
        return crypto::is_minted_token(*key, spec.role, spec.expires, previous);
      });
      auto token = kept != options.previous_tokens.end() ? *kept : crypto::mint_token(*key, spec.role, spec.expires);
      fingerprints.tokens.emplace_back(spec.role, crypto::sha256_hex(token));
      out.push_back(
          secret_file(config, names::token_secret(release, spec.role), {{"TOKEN", std::move(token)}, {"TYPE", type}}));
    }
    std::ranges::sort(fingerprints.tokens);
  }
  if (config.manager.enabled.value && config.manager.database) {
    if (const auto* db = bytes_of(files, config.manager.database->password_file.value)) {
      chart::ManagerCredentials credentials{chart::password_from_file(*db)};
      std::string ui_password;
      if (config.manager.admin) {
        if (const auto* ui = bytes_of(files, config.manager.admin->password_file.value)) {
          ui_password = chart::password_from_file(*ui);
          credentials.ui_password = &ui_password;
        }
      }
      out.push_back(secret_file(config, names::manager_secret(release), profile.manager_secret(config, credentials)));
    }
  }
  return out;
}

}  // namespace pulsarc::lowering
