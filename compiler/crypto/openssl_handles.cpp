#include "crypto/openssl_handles.hpp"

#include <openssl/crypto.h>

namespace pulsarc::crypto::detail {
namespace {

/// Never ask for a passphrase: without this callback OpenSSL may prompt on the terminal.
int refuse_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user_data*/) {
  return -1;
}

PkeyHandle decode_key_as(std::string_view encoded, KeyParts parts, const char* input_type, const char* key_type) {
  const int selection = parts == KeyParts::private_key ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  EVP_PKEY* decoded = nullptr;
  DecoderContextHandle decoder{OSSL_DECODER_CTX_new_for_pkey(&decoded, input_type,
                                                             /*input_structure=*/nullptr, key_type, selection,
                                                             /*libctx=*/nullptr, /*propquery=*/nullptr)};
  if (!decoder || OSSL_DECODER_CTX_set_pem_password_cb(decoder.get(), &refuse_passphrase, nullptr) != 1) {
    return nullptr;
  }
  const unsigned char* cursor = as_bytes(encoded);
  std::size_t remaining = encoded.size();
  if (OSSL_DECODER_from_data(decoder.get(), &cursor, &remaining) != 1) {
    EVP_PKEY_free(decoded);  // normally null on failure; freeing null is harmless
    return nullptr;
  }
  PkeyHandle key{decoded};
  // One file, one key: bytes after it mean a corrupt or concatenated file (Java's key specs
  // reject trailing DER data too). Only trailing whitespace, as after a PEM block, is fine.
  if (!is_blank(std::string_view(reinterpret_cast<const char*>(cursor), remaining))) {
    return nullptr;
  }
  return key;
}

}  // namespace

PkeyHandle decode_key(std::string_view encoded, KeyParts parts) {
  // The common case first: an RSA key in DER, as `pulsar tokens create-key-pair` writes it. A
  // narrow decoder set is many times faster than letting OpenSSL try every decoder it has.
  if (!encoded.empty() && static_cast<unsigned char>(encoded.front()) == 0x30) {
    if (auto key = decode_key_as(encoded, parts, "DER", "RSA")) return key;
  }
  // Anything else (PEM, RSA-PSS, EC, ...): input type, structure and key type left open.
  return decode_key_as(encoded, parts, nullptr, nullptr);
}

}  // namespace pulsarc::crypto::detail
