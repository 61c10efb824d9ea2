// Loading the key a cluster's tokens are signed with, and choosing the JWS algorithm the way
// jjwt (and so `pulsar tokens create`) does: from the key's size, never from user input.
#pragma once
#include "crypto/layer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pulsarc::crypto {

enum class Algorithm { RS256, RS384, RS512, HS256, HS384, HS512 };

// The JWS "alg" value, e.g. "RS256".
std::string_view algorithm_name(Algorithm algorithm);

// Smallest sizes Pulsar (jjwt) accepts for signing and verifying.
inline constexpr int minimum_rsa_bits = 2048;
inline constexpr std::size_t minimum_secret_length = 32;

// jjwt SignatureAlgorithm.forSigningKey: >= 4096 bits RS512, >= 3072 RS384, >= 2048 RS256, else none.
std::optional<Algorithm> rsa_algorithm_for_modulus_bits(int modulus_bits);
// jjwt SignatureAlgorithm.forSigningKey: >= 64 bytes HS512, >= 48 HS384, >= 32 HS256, else none.
std::optional<Algorithm> hmac_algorithm_for_secret_length(std::size_t secret_length);

// A validated signing key in the exact byte forms the cluster receives.
// RSA: private_pkcs8_der and public_spki_der are set (rsa_bits too); HMAC: secret is set.
// The same key read from any encoding yields byte-identical fields.
struct SigningKey {
  Algorithm algorithm;
  std::string private_pkcs8_der;  // PKCS#8 PrivateKeyInfo, as `pulsar tokens create-key-pair` writes
  std::string public_spki_der;    // X.509 SubjectPublicKeyInfo, what brokers read as tokenPublicKey
  std::string secret;             // raw HMAC key bytes, used verbatim like the broker's file: URL
  int rsa_bits = 0;
};

enum class KeyProblem {
  None,
  NotAKey,         // not a key OpenSSL can decode (also: encrypted, or internally inconsistent)
  NotRsa,          // a private key of another type, e.g. EC
  RsaPss,          // an RSA-PSS (id-RSASSA-PSS) key; Pulsar's KeyFactory "RSA" wants rsaEncryption
  RsaTooSmall,     // fewer than 2048 modulus bits; see KeyLoad::bits
  SecretTooShort,  // fewer than 32 bytes; see KeyLoad::length
  PublicKeyOnly,   // a public key where the private key is needed
};

// Either a key (problem None) or the reason there is none. `bits` is the RSA modulus size when
// known, `length` the secret's size, so a diagnostic can say "1024 bits" or "31 bytes".
struct KeyLoad {
  std::optional<SigningKey> key;
  KeyProblem problem = KeyProblem::None;
  int bits = 0;
  std::size_t length = 0;
};

// Reads an unencrypted RSA private key: PKCS#8 DER or PEM, PKCS#1 ("RSA PRIVATE KEY") PEM or DER.
// Never prompts for a passphrase: an encrypted key is NotAKey. So is a file with anything but
// whitespace after the key (a DER key with trailing bytes is corrupt; Java rejects it too).
KeyLoad load_rsa_private_key(std::string_view file_bytes);

// Takes the file's bytes verbatim as the HMAC key, exactly as a broker reading `file:` does
// (no trimming, no base64 decoding).
KeyLoad load_secret_key(std::string_view file_bytes);

}  // namespace pulsarc::crypto
