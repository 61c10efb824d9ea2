// RSA_sign on OpenSSL's RSA structure: deprecated in OpenSSL 3 but present, and the EVP route
// first sets up every provider's signature, key and digest methods (~15 page faults and 1.4 M
// instructions of a build that signs; bench/README.md).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "crypto/rsa_parts.hpp"

#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <climits>
#include <initializer_list>
#include <memory>

namespace pulsarc::crypto::detail {
namespace {

/// OpenSSL's parameter names for RsaParts::numbers, in the same order.
constexpr std::array<const char*, 8> kParameterNames{OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,
                                                     OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                                                     OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                                                     OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};

/// Private key numbers pass through these integers: wipe them before they are freed.
void free_wiped(ASN1_TYPE* element) {
  if (element != nullptr && element->type == V_ASN1_INTEGER && element->value.integer != nullptr) {
    ASN1_INTEGER* integer = element->value.integer;
    OPENSSL_cleanse(const_cast<unsigned char*>(ASN1_STRING_get0_data(integer)),
                    static_cast<std::size_t>(ASN1_STRING_length(integer)));
  }
  ASN1_TYPE_free(element);
}

struct SequenceDeleter {
  void operator()(ASN1_SEQUENCE_ANY* sequence) const noexcept { sk_ASN1_TYPE_pop_free(sequence, &free_wiped); }
};
using SequenceHandle = std::unique_ptr<ASN1_SEQUENCE_ANY, SequenceDeleter>;
using Pkcs8Handle = std::unique_ptr<PKCS8_PRIV_KEY_INFO, OpenSslDeleter<&PKCS8_PRIV_KEY_INFO_free>>;
using PublicKeyInfoHandle = std::unique_ptr<X509_PUBKEY, OpenSslDeleter<&X509_PUBKEY_free>>;

/// A buffer OpenSSL allocated for DER that may hold private numbers.
std::string take_wiped(unsigned char* buffer, int length) {
  std::string bytes;
  if (length > 0) bytes.assign(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
  OPENSSL_clear_free(buffer, length > 0 ? static_cast<std::size_t>(length) : 0);
  return bytes;
}

/// RSAPrivateKey ::= SEQUENCE { version 0, n, e, d, p, q, dp, dq, qinv }, read from `cursor`
/// (which moves past it).
std::optional<RsaParts> read_private_key_sequence(const unsigned char*& cursor, long length) {
  const SequenceHandle sequence{d2i_ASN1_SEQUENCE_ANY(nullptr, &cursor, length)};
  if (!sequence || sk_ASN1_TYPE_num(sequence.get()) != 9) return std::nullopt;
  const auto number = [&](int index) -> BignumHandle {
    const ASN1_TYPE* element = sk_ASN1_TYPE_value(sequence.get(), index);
    if (element->type != V_ASN1_INTEGER) return nullptr;
    BignumHandle value{ASN1_INTEGER_to_BN(element->value.integer, nullptr)};
    return value && !BN_is_negative(value.get()) ? std::move(value) : nullptr;
  };
  const BignumHandle version = number(0);
  if (!version || !BN_is_zero(version.get())) return std::nullopt;  // 1 is multi-prime
  RsaParts parts;
  for (int i = 0; i < 8; ++i) {
    parts.numbers[static_cast<std::size_t>(i)] = number(i + 1);
    if (!parts.numbers[static_cast<std::size_t>(i)]) return std::nullopt;
  }
  return parts;
}

bool only_blank_after(const unsigned char* cursor, const unsigned char* end) {
  return is_blank(std::string_view(reinterpret_cast<const char*>(cursor), static_cast<std::size_t>(end - cursor)));
}

/// DER SEQUENCE of INTEGERs.
std::optional<std::string> integer_sequence_der(std::initializer_list<const BIGNUM*> numbers) {
  const SequenceHandle sequence{sk_ASN1_TYPE_new_null()};
  if (!sequence) return std::nullopt;
  for (const BIGNUM* number : numbers) {
    ASN1_INTEGER* integer = BN_to_ASN1_INTEGER(number, nullptr);
    ASN1_TYPE* element = ASN1_TYPE_new();
    if (integer == nullptr || element == nullptr) {
      ASN1_INTEGER_free(integer);
      ASN1_TYPE_free(element);
      return std::nullopt;
    }
    ASN1_TYPE_set(element, V_ASN1_INTEGER, integer);
    if (sk_ASN1_TYPE_push(sequence.get(), element) <= 0) {
      free_wiped(element);
      return std::nullopt;
    }
  }
  unsigned char* buffer = nullptr;
  const int length = i2d_ASN1_SEQUENCE_ANY(sequence.get(), &buffer);
  if (length <= 0) return std::nullopt;
  return take_wiped(buffer, length);
}

/// A copy OpenSSL may own (the set0 functions below take their buffer).
unsigned char* openssl_copy(const std::string& bytes) {
  return static_cast<unsigned char*>(OPENSSL_memdup(bytes.data(), bytes.size()));
}

/// OpenSSL's RSA structure, the form RSA_sign takes. The numbers are copied: the structure owns its
/// own.
RsaHandle rsa_from_parts(const RsaParts& parts) {
  RsaHandle rsa{RSA_new()};
  std::array<BIGNUM*, 8> copies{};
  for (std::size_t i = 0; i < copies.size(); ++i) copies[i] = BN_dup(parts.numbers[i].get());
  const auto [n, e, d, p, q, dp, dq, qinv] = copies;
  // set0 takes ownership only when it succeeds; RSA_free frees whatever the structure holds.
  if (!rsa || std::ranges::find(copies, nullptr) != copies.end() || RSA_set0_key(rsa.get(), n, e, d) != 1) {
    for (BIGNUM* number : copies) BN_clear_free(number);
    return nullptr;
  }
  if (RSA_set0_factors(rsa.get(), p, q) != 1) {
    for (BIGNUM* number : {p, q, dp, dq, qinv}) BN_clear_free(number);
    return nullptr;
  }
  if (RSA_set0_crt_params(rsa.get(), dp, dq, qinv) != 1) {
    for (BIGNUM* number : {dp, dq, qinv}) BN_clear_free(number);
    return nullptr;
  }
  return rsa;
}

}  // namespace

void RsaDeleter::operator()(RSA* rsa) const noexcept {
  RSA_free(rsa);
}

std::optional<RsaParts> read_rsa_der(std::string_view der) {
  if (der.empty() || static_cast<unsigned char>(der.front()) != 0x30 || der.size() > LONG_MAX) return std::nullopt;
  const unsigned char* const begin = as_bytes(der);
  const unsigned char* const end = begin + der.size();
  const unsigned char* cursor = begin;
  if (const Pkcs8Handle info{d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, static_cast<long>(der.size()))}) {
    const ASN1_OBJECT* algorithm = nullptr;
    const unsigned char* key = nullptr;
    int key_length = 0;
    if (!only_blank_after(cursor, end) || PKCS8_pkey_get0(&algorithm, &key, &key_length, nullptr, info.get()) != 1 ||
        OBJ_obj2nid(algorithm) != NID_rsaEncryption) {
      return std::nullopt;
    }
    const unsigned char* const key_end = key + key_length;
    auto parts = read_private_key_sequence(key, key_length);
    return parts && key == key_end ? std::move(parts) : std::nullopt;
  }
  cursor = begin;  // PKCS#1
  auto parts = read_private_key_sequence(cursor, static_cast<long>(der.size()));
  return parts && only_blank_after(cursor, end) ? std::move(parts) : std::nullopt;
}

std::optional<RsaParts> rsa_parts_of(const EVP_PKEY& key) {
  if (EVP_PKEY_is_a(&key, "RSA") != 1) return std::nullopt;
  RsaParts parts;
  for (std::size_t i = 0; i < kParameterNames.size(); ++i) {
    BIGNUM* number = nullptr;
    if (EVP_PKEY_get_bn_param(&key, kParameterNames[i], &number) != 1) return std::nullopt;
    parts.numbers[i].reset(number);
  }
  // A multi-prime key has more factors than RsaParts holds.
  BIGNUM* third = nullptr;
  if (EVP_PKEY_get_bn_param(&key, OSSL_PKEY_PARAM_RSA_FACTOR3, &third) == 1) {
    BN_clear_free(third);
    return std::nullopt;
  }
  return parts;
}

bool parts_agree(const RsaParts& parts) {
  const auto& [n, e, d, p, q, dp, dq, qinv] = parts.numbers;
  const BignumContextHandle context{BN_CTX_new()};
  const BignumHandle product{BN_new()};
  const BignumHandle ed{BN_new()};
  const BignumHandle p1{BN_dup(p.get())};
  const BignumHandle q1{BN_dup(q.get())};
  const BignumHandle rest{BN_new()};
  if (!context || !product || !ed || !p1 || !q1 || !rest || BN_sub_word(p1.get(), 1) != 1 ||
      BN_sub_word(q1.get(), 1) != 1 || BN_is_zero(p1.get()) || BN_is_zero(q1.get())) {
    return false;
  }
  const auto mod_is = [&](const BIGNUM* value, const BIGNUM* modulus, const BIGNUM* expected) {
    return BN_mod(rest.get(), value, modulus, context.get()) == 1 && BN_cmp(rest.get(), expected) == 0;
  };
  return BN_mul(product.get(), p.get(), q.get(), context.get()) == 1 && BN_cmp(product.get(), n.get()) == 0 &&
         BN_mul(ed.get(), e.get(), d.get(), context.get()) == 1 && mod_is(ed.get(), p1.get(), BN_value_one()) &&
         mod_is(ed.get(), q1.get(), BN_value_one()) && mod_is(d.get(), p1.get(), dp.get()) &&
         mod_is(d.get(), q1.get(), dq.get()) &&
         BN_mod_mul(product.get(), qinv.get(), q.get(), p.get(), context.get()) == 1 && BN_is_one(product.get());
}

RSA* openssl_rsa(RsaKeyState& state) {
  if (!state.rsa) state.rsa = rsa_from_parts(state.parts);
  return state.rsa.get();
}

std::optional<std::string> private_key_pkcs8_der(const RsaParts& parts) {
  const BignumHandle version{BN_new()};  // 0: two primes
  if (!version) return std::nullopt;
  const auto& numbers = parts.numbers;
  std::optional<std::string> key =
      integer_sequence_der({version.get(), numbers[0].get(), numbers[1].get(), numbers[2].get(), numbers[3].get(),
                            numbers[4].get(), numbers[5].get(), numbers[6].get(), numbers[7].get()});
  const Pkcs8Handle info{PKCS8_PRIV_KEY_INFO_new()};
  if (!key || !info) return std::nullopt;
  unsigned char* owned = openssl_copy(*key);
  if (owned == nullptr || PKCS8_pkey_set0(info.get(), OBJ_nid2obj(NID_rsaEncryption), 0, V_ASN1_NULL, nullptr, owned,
                                          static_cast<int>(key->size())) != 1) {
    OPENSSL_clear_free(owned, key->size());
    return std::nullopt;
  }
  OPENSSL_cleanse(key->data(), key->size());
  unsigned char* buffer = nullptr;
  const int length = i2d_PKCS8_PRIV_KEY_INFO(info.get(), &buffer);
  if (length <= 0) return std::nullopt;
  return take_wiped(buffer, length);
}

std::optional<std::string> public_key_spki_der(const RsaParts& parts) {
  const std::optional<std::string> key = integer_sequence_der({parts.n(), parts.e()});  // RSAPublicKey
  const PublicKeyInfoHandle info{X509_PUBKEY_new()};
  if (!key || !info) return std::nullopt;
  unsigned char* owned = openssl_copy(*key);
  if (owned == nullptr || X509_PUBKEY_set0_param(info.get(), OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr,
                                                 owned, static_cast<int>(key->size())) != 1) {
    OPENSSL_free(owned);
    return std::nullopt;
  }
  unsigned char* buffer = nullptr;
  const int length = i2d_X509_PUBKEY(info.get(), &buffer);
  if (length <= 0) return std::nullopt;
  return take_wiped(buffer, length);
}

}  // namespace pulsarc::crypto::detail
