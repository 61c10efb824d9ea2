// Fresh key material for `pulsarc keygen`, in the file formats `pulsar tokens create-key-pair`
// and `create-secret-key` write. Only produces bytes; key_files.hpp writes them.
#pragma once
#include "crypto/layer.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace pulsarc::crypto {

struct GeneratedKeyFiles {
  std::vector<std::pair<std::string /*file name*/, std::string /*bytes*/>> files;
};

/// {"private.der": PKCS#8 PrivateKeyInfo DER, "public.der": SubjectPublicKeyInfo DER} of a new
/// rsaEncryption (not RSA-PSS) key with e = 65537. 2048 bits gives RS256 tokens, like Pulsar's default.
/// Throws std::runtime_error only if OpenSSL cannot generate a key (broken RNG or provider).
GeneratedKeyFiles generate_rsa_key_files(int modulus_bits = 2048);

/// {"secret.key": random bytes from the OpenSSL CSPRNG}, raw, no newline: 32 bytes gives HS256.
/// Throws std::runtime_error only if the RNG fails.
GeneratedKeyFiles generate_secret_key_file(std::size_t length = 32);

}  // namespace pulsarc::crypto
