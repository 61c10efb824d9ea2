#include "crypto/keygen.hpp"

#include "crypto/openssl_handles.hpp"
#include "crypto/rsa_parts.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace pulsarc::crypto {

GeneratedKeyFiles generate_rsa_key_files(int modulus_bits) {
  // "RSA" is the rsaEncryption key type; "RSA-PSS" keys would be rejected by KeyFactory "RSA".
  const detail::PkeyContextHandle context{EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr)};
  if (!context || EVP_PKEY_keygen_init(context.get()) != 1) {
    throw std::runtime_error("OpenSSL could not set up RSA key generation");
  }
  std::size_t bits = static_cast<std::size_t>(modulus_bits);
  unsigned int public_exponent = 65537;  // Java's and OpenSSL's default, stated so it cannot drift
  const std::array<OSSL_PARAM, 3> parameters{
      OSSL_PARAM_construct_size_t(OSSL_PKEY_PARAM_RSA_BITS, &bits),
      OSSL_PARAM_construct_uint(OSSL_PKEY_PARAM_RSA_E, &public_exponent),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_PKEY_CTX_set_params(context.get(), parameters.data()) != 1) {
    throw std::runtime_error("OpenSSL rejected the RSA key generation parameters");
  }
  EVP_PKEY* generated = nullptr;
  if (EVP_PKEY_generate(context.get(), &generated) != 1) {
    throw std::runtime_error("OpenSSL could not generate an RSA key");
  }
  const detail::PkeyHandle key{generated};
  // Written by the same functions the key loader uses, so a generated key file is already in the
  // bundle's byte form.
  const std::optional<detail::RsaParts> parts = detail::rsa_parts_of(*key);
  std::optional<std::string> private_der = parts ? detail::private_key_pkcs8_der(*parts) : std::nullopt;
  std::optional<std::string> public_der = parts ? detail::public_key_spki_der(*parts) : std::nullopt;
  if (!private_der || !public_der) {
    throw std::runtime_error("OpenSSL could not encode the generated RSA key");
  }
  GeneratedKeyFiles generated_files;
  generated_files.files.emplace_back("private.der", std::move(*private_der));
  generated_files.files.emplace_back("public.der", std::move(*public_der));
  return generated_files;
}

GeneratedKeyFiles generate_secret_key_file(std::size_t length) {
  std::string secret(length, '\0');
  if (RAND_bytes_ex(nullptr, reinterpret_cast<unsigned char*>(secret.data()), secret.size(), 0) != 1) {
    throw std::runtime_error("the OpenSSL random generator failed");
  }
  GeneratedKeyFiles generated_files;
  generated_files.files.emplace_back("secret.key", std::move(secret));
  return generated_files;
}

}  // namespace pulsarc::crypto
