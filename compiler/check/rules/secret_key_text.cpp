#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

bool is_base64_text(std::string_view bytes) {
  while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) bytes.remove_suffix(1);
  return bytes.size() >= 40 && std::ranges::all_of(bytes, [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
                  c == '=' || c == '-' || c == '_';
         });
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& auth = context.config.auth;
  if (auth.jwt.value != JwtMode::symmetric || !auth.secret_key) return;
  const auto it = context.files.find(auth.secret_key->value);
  if (it == context.files.end() || !it->second.bytes) return;
  const auto& bytes = *it->second.bytes;
  if (bytes.starts_with("-----BEGIN")) return;  // a PEM key: PLS0702 says so, its newline is no news
  if (is_base64_text(bytes)) {
    out.push_back(kSecretKeyTextRule.diagnose(
        auth.secret_key->span,
        fmt::format("\"{}\" looks like base64 text; its ASCII characters will be the key", auth.secret_key->value),
        "decode it to raw bytes (base64 -d), as `pulsar tokens create-secret-key` writes without --base64"));
  } else if (bytes.ends_with('\n')) {
    out.push_back(kSecretKeyTextRule.diagnose(
        auth.secret_key->span,
        fmt::format("\"{}\" ends with a newline, which becomes part of the key", auth.secret_key->value),
        "if the newline was added by an editor, remove it"));
  }
}

}  // namespace

const Rule kSecretKeyTextRule{
    {"PLS0705", Severity::warning, "a secret key file that looks like text",
     "Brokers read the secret key file byte for byte (file: URLs are not decoded). A key file that\n"
     "holds base64 text, or ends with a newline, still works, but the key is then the text: tokens\n"
     "made elsewhere from the decoded bytes will be rejected (apache/pulsar#15248)."},
    run};

}  // namespace pulsarc::checker
