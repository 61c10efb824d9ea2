// Digests and text encodings of byte strings. Bytes are std::string (binary-safe) throughout.
#pragma once
#include "crypto/layer.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pulsarc::crypto {

/// The SHA-256, SHA-384 or SHA-512 digest (bits = 256, 384 or 512) of bytes.
std::string sha2(int bits, std::string_view bytes);

/// Lowercase hex SHA-256, e.g. for the bundle index and Pulsar Manager password hashes.
std::string sha256_hex(std::string_view bytes);

/// RFC 4648 standard alphabet, '=' padded, one line: what Kubernetes expects under Secret `data:`.
std::string base64(std::string_view bytes);

/// RFC 4648 URL-safe alphabet without padding: the JWS encoding of every token part.
std::string base64url(std::string_view bytes);

/// Strict inverse of base64(): standard alphabet only, padded to a multiple of four, no
/// whitespace or line breaks, and unused bits of the last group zero (so each text has exactly
/// one decoding and re-encoding gives the same text). Anything else is std::nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace pulsarc::crypto
