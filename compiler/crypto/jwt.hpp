// Minting Pulsar tokens byte-identical to `pulsar tokens create` (jjwt 0.11 + Jackson).
#pragma once
#include "crypto/layer.hpp"

#include "crypto/keys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pulsarc::crypto {

/// Compact JWS: base64url(header) "." base64url(payload) "." base64url(signature), no padding,
/// no trailing newline. Header `{"alg":"<key's alg>"}`; payload `{"sub":"<subject>"}` or
/// `{"sub":"<subject>","exp":<seconds>}`. RS* and HS* signatures are deterministic, so the same
/// key, subject and expiry always give the same token.
/// Throws std::runtime_error only if OpenSSL fails on a key that did not come from keys.hpp's loaders.
std::string mint_token(const SigningKey& key, std::string_view subject,
                       std::optional<std::int64_t> expires_epoch_seconds);

/// Whether `token` is byte for byte what mint_token(key, subject, expires) returns, established
/// with a signature verification (public key) instead of a signing (private key): a build that
/// replaces its bundle keeps such tokens and signs nothing. RS* and HS* signatures are
/// deterministic, so a kept token is the one a fresh signing would give.
[[nodiscard]] bool is_minted_token(const SigningKey& key, std::string_view subject,
                                   std::optional<std::int64_t> expires_epoch_seconds, std::string_view token);

/// The JSON string literal Jackson writes for `text` (quotes included): escapes '"', '\\' and
/// control characters below 0x20 (\b \t \n \f \r, else \u00XX with uppercase hex); all other
/// bytes, UTF-8 included, pass through unchanged.
std::string jackson_json_string(std::string_view text);

}  // namespace pulsarc::crypto
