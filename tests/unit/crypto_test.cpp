// Unit tests for compiler/crypto: encodings, key loading and algorithm choice, token bytes,
// key generation and exclusive key file writing. Keys come from tests/keys (test-only).
#include "cli/key_files.hpp"
#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keygen.hpp"
#include "crypto/keys.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

namespace crypto = pulsarc::crypto;
namespace cli = pulsarc::cli;
namespace fs = std::filesystem;
using crypto::Algorithm;
using crypto::KeyProblem;

namespace {

std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  REQUIRE(file.good());
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::string test_key(const std::string& name) {
  return read_bytes(fs::path(PULSARC_SOURCE_DIR) / "tests" / "keys" / name);
}

// The test key tests/keys/rsa2048.* as a SigningKey, loaded once.
const crypto::SigningKey& rsa2048_key() {
  static const crypto::SigningKey key = *crypto::load_rsa_private_key(test_key("rsa2048.pkcs8.der")).key;
  return key;
}

unsigned int file_mode(const fs::path& path) {
  struct stat status {};
  REQUIRE(::lstat(path.c_str(), &status) == 0);
  return status.st_mode & 07777U;
}

// A fresh directory under the system temp dir, removed with everything in it.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "pulsarc-crypto-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct Pkcs8Deleter {
  void operator()(PKCS8_PRIV_KEY_INFO* info) const { PKCS8_PRIV_KEY_INFO_free(info); }
};

// Verifies a compact RS* JWS with OpenSSL directly from the SPKI DER (independent of mint_token).
bool rsa_token_verifies(const std::string& token, const std::string& public_spki_der, const char* digest) {
  const auto last_dot = token.rfind('.');
  const std::string signing_input = token.substr(0, last_dot);
  std::string signature_base64 = token.substr(last_dot + 1);
  for (char& symbol : signature_base64) {
    symbol = symbol == '-' ? '+' : symbol == '_' ? '/' : symbol;
  }
  signature_base64.append((4 - signature_base64.size() % 4) % 4, '=');
  const std::optional<std::string> signature = crypto::base64_decode(signature_base64);
  REQUIRE(signature);

  const auto* cursor = reinterpret_cast<const unsigned char*>(public_spki_der.data());
  const std::unique_ptr<EVP_PKEY, PkeyDeleter> public_key{
      d2i_PUBKEY(nullptr, &cursor, static_cast<long>(public_spki_der.size()))};
  REQUIRE(public_key);
  const std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context{EVP_MD_CTX_new()};
  REQUIRE(EVP_DigestVerifyInit_ex(context.get(), nullptr, digest, nullptr, nullptr, public_key.get(), nullptr) == 1);
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// digest.hpp

TEST_CASE("sha256_hex is lowercase hex of SHA-256", "[crypto][digest]") {
  CHECK(crypto::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(crypto::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(crypto::sha256_hex(std::string("\0\xff", 2)).size() == 64);
}

TEST_CASE("sha2 gives the FIPS 180-2 digests of \"abc\"", "[crypto][digest]") {
  const auto hex = [](const std::string& bytes) {
    std::string text;
    for (const char byte : bytes) text += fmt::format("{:02x}", static_cast<unsigned char>(byte));
    return text;
  };
  CHECK(hex(crypto::sha2(256, "abc")) == crypto::sha256_hex("abc"));
  CHECK(hex(crypto::sha2(384, "abc")) ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  CHECK(hex(crypto::sha2(512, "abc")) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
        "454d4423643ce80e2a9ac94fa54ca49f");
}

TEST_CASE("base64 follows RFC 4648 test vectors, padded, on one line", "[crypto][digest]") {
  CHECK(crypto::base64("") == "");
  CHECK(crypto::base64("f") == "Zg==");
  CHECK(crypto::base64("fo") == "Zm8=");
  CHECK(crypto::base64("foo") == "Zm9v");
  CHECK(crypto::base64("foob") == "Zm9vYg==");
  CHECK(crypto::base64("fooba") == "Zm9vYmE=");
  CHECK(crypto::base64("foobar") == "Zm9vYmFy");
  CHECK(crypto::base64(std::string("\0\xfb\xff", 3)) == "APv/");
  const std::string long_input(200, 'x');
  CHECK(crypto::base64(long_input).find('\n') == std::string::npos);
}

TEST_CASE("base64url uses - and _ and drops padding", "[crypto][digest]") {
  CHECK(crypto::base64url(std::string("\0\xfb\xff", 3)) == "APv_");
  CHECK(crypto::base64url(std::string("\xfb\xef", 2)) == "--8");
  CHECK(crypto::base64url("f") == "Zg");
  CHECK(crypto::base64url("fo") == "Zm8");
  CHECK(crypto::base64url(R"({"alg":"HS256"})") == "eyJhbGciOiJIUzI1NiJ9");
}

TEST_CASE("base64_decode inverts base64 and is strict", "[crypto][digest]") {
  for (const std::string& bytes : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                                   std::string("\0\x01\xfe\xff", 4), std::string(257, '\x80')}) {
    const std::optional<std::string> decoded = crypto::base64_decode(crypto::base64(bytes));
    REQUIRE(decoded);
    CHECK(*decoded == bytes);
  }
  CHECK(crypto::base64_decode("qcsXyb5eo8c09YXIMJaA97RYPCmIuyTlrN2KcI0zzxM=")->size() == 32);

  CHECK_FALSE(crypto::base64_decode("Zg"));    // padding is required
  CHECK_FALSE(crypto::base64_decode("Zg="));   // length not a multiple of four
  CHECK_FALSE(crypto::base64_decode("Z==="));  // at most two padding symbols
  CHECK_FALSE(crypto::base64_decode("===="));
  CHECK_FALSE(crypto::base64_decode("Zh=="));  // non-zero unused bits: not canonical
  CHECK_FALSE(crypto::base64_decode("Zm9="));
  CHECK_FALSE(crypto::base64_decode("Zg==Zg=="));  // padding only at the end
  CHECK_FALSE(crypto::base64_decode("Zm9v\n"));    // no line breaks
  CHECK_FALSE(crypto::base64_decode("Zm 9v"));     // no whitespace
  CHECK_FALSE(crypto::base64_decode("APv_"));      // URL-safe alphabet is not accepted
  CHECK_FALSE(crypto::base64_decode(std::string("Zm\0v", 4)));
}

// ---------------------------------------------------------------------------------------------
// keys.hpp: algorithm choice

TEST_CASE("algorithm names are the JWS alg values", "[crypto][keys]") {
  CHECK(crypto::algorithm_name(Algorithm::rs256) == "RS256");
  CHECK(crypto::algorithm_name(Algorithm::rs384) == "RS384");
  CHECK(crypto::algorithm_name(Algorithm::rs512) == "RS512");
  CHECK(crypto::algorithm_name(Algorithm::hs256) == "HS256");
  CHECK(crypto::algorithm_name(Algorithm::hs384) == "HS384");
  CHECK(crypto::algorithm_name(Algorithm::hs512) == "HS512");
}

TEST_CASE("RSA algorithm follows jjwt's modulus size thresholds", "[crypto][keys]") {
  CHECK_FALSE(crypto::rsa_algorithm_for_modulus_bits(1024));
  CHECK_FALSE(crypto::rsa_algorithm_for_modulus_bits(2047));
  CHECK(crypto::rsa_algorithm_for_modulus_bits(2048) == Algorithm::rs256);
  CHECK(crypto::rsa_algorithm_for_modulus_bits(3071) == Algorithm::rs256);
  CHECK(crypto::rsa_algorithm_for_modulus_bits(3072) == Algorithm::rs384);
  CHECK(crypto::rsa_algorithm_for_modulus_bits(4095) == Algorithm::rs384);
  CHECK(crypto::rsa_algorithm_for_modulus_bits(4096) == Algorithm::rs512);
  CHECK(crypto::rsa_algorithm_for_modulus_bits(8192) == Algorithm::rs512);
}

TEST_CASE("secret keys: algorithm at every length boundary", "[crypto][keys]") {
  struct Case {
    std::size_t length;
    std::optional<Algorithm> algorithm;
  };
  for (const Case& c : {Case{0, std::nullopt}, Case{31, std::nullopt}, Case{32, Algorithm::hs256},
                        Case{47, Algorithm::hs256}, Case{48, Algorithm::hs384}, Case{63, Algorithm::hs384},
                        Case{64, Algorithm::hs512}, Case{100, Algorithm::hs512}}) {
    CAPTURE(c.length);
    const crypto::KeyLoad load = crypto::load_secret_key(std::string(c.length, 's'));
    CHECK(load.length == c.length);
    if (c.algorithm) {
      REQUIRE(load.key);
      CHECK(load.problem == KeyProblem::none);
      CHECK(load.key->algorithm == *c.algorithm);
    } else {
      CHECK_FALSE(load.key);
      CHECK(load.problem == KeyProblem::secret_too_short);
    }
  }
}

TEST_CASE("secret key bytes are used verbatim, like the broker's file: URL", "[crypto][keys]") {
  const std::string bytes = std::string("\0\n\r\xff", 4) + std::string(28, 'a') + "\n";
  const crypto::KeyLoad load = crypto::load_secret_key(bytes);
  REQUIRE(load.key);
  CHECK(load.key->secret == bytes);
  CHECK(load.key->private_pkcs8_der.empty());
  CHECK(load.key->public_spki_der.empty());

  CHECK(crypto::load_secret_key(test_key("secret32.key")).key->algorithm == Algorithm::hs256);
  const crypto::KeyLoad short_load = crypto::load_secret_key(test_key("secret31.key"));
  CHECK(short_load.problem == KeyProblem::secret_too_short);
  CHECK(short_load.length == 31);
}

// ---------------------------------------------------------------------------------------------
// keys.hpp: RSA key files

TEST_CASE("one RSA key in PKCS#8 DER/PEM and PKCS#1 PEM/DER loads to identical bytes", "[crypto][keys]") {
  const crypto::SigningKey& reference = rsa2048_key();
  CHECK(reference.algorithm == Algorithm::rs256);
  CHECK(reference.rsa_bits == 2048);
  CHECK(reference.secret.empty());
  // The loader re-encodes to exactly what `openssl pkcs8 -topk8 -outform DER` and `pkey -pubout` write.
  CHECK(reference.private_pkcs8_der == test_key("rsa2048.pkcs8.der"));
  CHECK(reference.public_spki_der == test_key("rsa2048.public.der"));
  CHECK(reference.public_spki_der.size() == 294);

  for (const char* file : {"rsa2048.pkcs8.pem", "rsa2048.pkcs1.pem", "rsa2048.pkcs1.der"}) {
    CAPTURE(file);
    const crypto::KeyLoad load = crypto::load_rsa_private_key(test_key(file));
    REQUIRE(load.key);
    CHECK(load.problem == KeyProblem::none);
    CHECK(load.bits == 2048);
    CHECK(load.key->algorithm == reference.algorithm);
    CHECK(load.key->private_pkcs8_der == reference.private_pkcs8_der);
    CHECK(load.key->public_spki_der == reference.public_spki_der);
    CHECK(load.key->rsa_bits == reference.rsa_bits);
    CHECK(crypto::mint_token(*load.key, "admin", std::nullopt) == crypto::mint_token(reference, "admin", std::nullopt));
  }
}

TEST_CASE("RSA key size decides RS256/RS384/RS512; under 2048 bits is refused", "[crypto][keys]") {
  const crypto::KeyLoad small = crypto::load_rsa_private_key(test_key("rsa1024.pkcs8.der"));
  CHECK_FALSE(small.key);
  CHECK(small.problem == KeyProblem::rsa_too_small);
  CHECK(small.bits == 1024);

  const crypto::KeyLoad medium = crypto::load_rsa_private_key(test_key("rsa3072.pkcs8.der"));
  REQUIRE(medium.key);
  CHECK(medium.key->algorithm == Algorithm::rs384);
  CHECK(medium.key->rsa_bits == 3072);

  const crypto::KeyLoad large = crypto::load_rsa_private_key(test_key("rsa4096.pkcs8.der"));
  REQUIRE(large.key);
  CHECK(large.key->algorithm == Algorithm::rs512);
  CHECK(large.key->rsa_bits == 4096);
}

TEST_CASE("keys that are not usable RSA private keys are classified", "[crypto][keys]") {
  CHECK(crypto::load_rsa_private_key(test_key("ec-p256.pkcs8.pem")).problem == KeyProblem::not_rsa);
  CHECK(crypto::load_rsa_private_key(test_key("rsa-pss2048.pkcs8.der")).problem == KeyProblem::rsa_pss);
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.public.der")).problem == KeyProblem::public_key_only);
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.public.pem")).problem == KeyProblem::public_key_only);
  // Encrypted: must fail without prompting for a passphrase.
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.encrypted.pem")).problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key(test_key("secret32.key")).problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key("").problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key("-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n").problem ==
        KeyProblem::not_a_key);
  // Decodable, but n is another key's modulus: its tokens would never verify.
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.inconsistent.pkcs1.der")).problem == KeyProblem::not_a_key);
  const std::string der = test_key("rsa2048.pkcs8.der");
  CHECK(crypto::load_rsa_private_key(std::string_view(der).substr(0, der.size() / 2)).problem == KeyProblem::not_a_key);

  // Expected failures are return values, not leftovers on OpenSSL's error queue.
  ERR_clear_error();
  CHECK(crypto::load_rsa_private_key("not a key").problem == KeyProblem::not_a_key);
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("a key file holds one key; whitespace and CRLF around PEM are fine", "[crypto][keys]") {
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.pkcs8.der") + "junk").problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.pkcs1.pem") + "junk\n").problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.public.der") + "x").problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.pkcs1.der") + "junk").problem == KeyProblem::not_a_key);
  CHECK(crypto::load_rsa_private_key(test_key("rsa2048.pkcs1.der") + "\n").problem == KeyProblem::none);

  const crypto::KeyLoad padded = crypto::load_rsa_private_key(test_key("rsa2048.pkcs8.pem") + "\r\n\n  ");
  REQUIRE(padded.key);
  CHECK(padded.key->private_pkcs8_der == rsa2048_key().private_pkcs8_der);

  std::string crlf_pem;
  for (const char character : test_key("rsa2048.pkcs1.pem")) {
    crlf_pem += character == '\n' ? std::string("\r\n") : std::string(1, character);
  }
  const crypto::KeyLoad crlf = crypto::load_rsa_private_key(crlf_pem);
  REQUIRE(crlf.key);
  CHECK(crlf.key->private_pkcs8_der == rsa2048_key().private_pkcs8_der);
}

// ---------------------------------------------------------------------------------------------
// jwt.hpp

TEST_CASE("HS256 token matches the apache/pulsar#6761 vector", "[crypto][jwt]") {
  const std::optional<std::string> secret = crypto::base64_decode("qcsXyb5eo8c09YXIMJaA97RYPCmIuyTlrN2KcI0zzxM=");
  REQUIRE(secret);
  const crypto::KeyLoad load = crypto::load_secret_key(*secret);
  REQUIRE(load.key);
  CHECK(crypto::mint_token(*load.key, "admin", std::nullopt) ==
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.L869nKrziQIPkgqIawIh-RxxDelfGIiol1DBhoBl26Y");
}

// Expected tokens below were made with the openssl CLI (dgst -sign / -hmac) from tests/keys.
TEST_CASE("RS256 tokens match openssl-made vectors byte for byte", "[crypto][jwt]") {
  CHECK(crypto::mint_token(rsa2048_key(), "admin", std::nullopt) ==
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.gmV6pP58-2nYWg3uPjPUJqRXyzUkWmyEmltg6JeNNLZ_rFmYo5-hmgHra7gGTIQH4"
        "RYics9XBYyxb5JFBzdiiPXck9a9AHlFCgORepxbN0Y30Xj9W9AHr_DGTOwdr8zcxwVosXEb3ha96YJ82SkVBHI72kSYoiSAF9gJzsan1cgu_"
        "BbVgf_1gUjIfppUAhdzqlT5Aekj0DmW591N2n63Lw25nozygstYuNXaJu0jsrF0GDa9rbUeXxch2R0DfEMG4pYLumtlq3RHKsxfTgduxp4--"
        "3CEEZomo6raIY1zVTykQjPFXFr-7QGterkRc8gelUBCu0Z-CzjZDxYjgtxkiw");
  CHECK(crypto::mint_token(rsa2048_key(), "app", 1893456000) ==
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAiLCJleHAiOjE4OTM0NTYwMDB9.eMz-XsRjhznLKGL8BwQ9yfkR1oEiM2HxyJvwlQkZonqBe"
        "RoLMJ3YhKke7Uj97tGmBVQX3TXm6cQVqt3KhEWHzkh1P5GiNG3Bj7t2j5mA50Qq8UNjkwHHOwmMmzwoUeU7DVKqvMUeIIKdTCjx92CcXGQV"
        "4r0nfHkVik0qvwguczff6g90TFRJAx5iai40sDU7hSvbfq3DmW75Wp_6FbvOeqZ9FXaGTGSW1Rq-Ai9lsQwNs_eVQKOl1FqEcsE_QyEH1cXR"
        "mgcgacTZj70LDjHR4vEOzFbPiUXjzBft2GB3YnLaeOnRPltdO6kTRn6w6LBONsJGpZiNM8kHTqFDWdhgLg");
}

TEST_CASE("RS512 and HS384 tokens use the digest of the key's algorithm", "[crypto][jwt]") {
  const crypto::KeyLoad large = crypto::load_rsa_private_key(test_key("rsa4096.pkcs8.der"));
  REQUIRE(large.key);
  const std::string rs512 = crypto::mint_token(*large.key, "admin", std::nullopt);
  CHECK(rs512 ==
        "eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJhZG1pbiJ9.PulDulKYEHb2HBoty6lY2izGeJ6NzPdEGAJTmm9IfDDwMfzQOKk1ok1JnSzzYMysqV"
        "8LM6sUB8pbvIlLBrLHDFQR7YyXy1LrpvvHgGwAP40ThvYyNZkSKVFOADMpN6c8lOkPQRIVQVITe4oS0POG6OrdlLd8p3HjNJWYt_6nu4p6yh"
        "s6KGqjil5ko45Ho3s_ePmZTwE68anUqrIJ86lVPEyeZEE-H5Gj-VFVTjUu6N14W0cdDx4cl8zueTgqg_xikrIOaExx8aRBS6J9NTTXL__w6u"
        "qDJ4nLkk4NrIwBPulfecD5XyYtO2qz62QJR994vy66R9WysxEk1W8kArooEGnCIUcIaiYE7WFMBA9-yrs5AnectoOYt34lx8qP7hJDsVcJfa"
        "HCyBbXhQN-juzD6dlbmUg6fCLWZx2Hap4uiTXyrKu3-dBTjfRMWbiqoLMnBZllo8NHpVGQuuve7NPW1lj5PTrgx6uWtwqncwbnmUSdmoebBQ"
        "fhhH5afeRbNSuaad8pYL38CFUC2GHjclqqPDBxPN6uD9MCgqqlz-Vrub-tiV1vPkRRS1PHJdyQQqvG8s_gHDkoTmfBg98RpRF7EC6KJbQdCy"
        "n9LDvosG_5k43EYfDv-4z0ran9nomdWuy_ta7PK-jX7TnJhHkGsR7-jkN0PATdQwvY31AGf3b3Qtg");
  CHECK(rsa_token_verifies(rs512, large.key->public_spki_der, "SHA512"));

  const crypto::KeyLoad hs384 = crypto::load_secret_key(std::string(48, 'k'));
  REQUIRE(hs384.key);
  CHECK(crypto::mint_token(*hs384.key, "admin", std::nullopt) ==
        "eyJhbGciOiJIUzM4NCJ9.eyJzdWIiOiJhZG1pbiJ9.C3WZjJx7qf71edEwDwIPX24pyzoFaPp1a4T9PwzQC8JuPkl9EXoKNq_JuXDn6rVc");

  const crypto::KeyLoad hs512 = crypto::load_secret_key(std::string(64, 'k'));
  REQUIRE(hs512.key);
  CHECK(crypto::mint_token(*hs512.key, "admin", std::nullopt).rfind("eyJhbGciOiJIUzUxMiJ9.", 0) == 0);
}

TEST_CASE("token payload: sub first, then exp in seconds; no padding, no newline", "[crypto][jwt]") {
  const crypto::KeyLoad load = crypto::load_secret_key(std::string(32, 'k'));
  REQUIRE(load.key);
  const std::string token = crypto::mint_token(*load.key, "x", 123);
  const std::string expected_prefix =
      crypto::base64url(R"({"alg":"HS256"})") + "." + crypto::base64url(R"({"sub":"x","exp":123})") + ".";
  CHECK(token.rfind(expected_prefix, 0) == 0);
  CHECK(token.find('=') == std::string::npos);
  CHECK(token.find('\n') == std::string::npos);
  CHECK(std::count(token.begin(), token.end(), '.') == 2);

  const std::string negative = crypto::mint_token(*load.key, "x", -5);
  CHECK(negative.rfind(crypto::base64url(R"({"alg":"HS256"})") + "." + crypto::base64url(R"({"sub":"x","exp":-5})"),
                       0) == 0);
  CHECK(crypto::mint_token(*load.key, "x", 123) == token);  // deterministic
}

TEST_CASE("a kept token must be exactly the one the key would sign", "[crypto][jwt]") {
  const auto& key = rsa2048_key();
  const std::string token = crypto::mint_token(key, "admin", 1'900'000'000);
  CHECK(crypto::is_minted_token(key, "admin", 1'900'000'000, token));
  CHECK_FALSE(crypto::is_minted_token(key, "proxy-admin", 1'900'000'000, token));  // another role
  CHECK_FALSE(crypto::is_minted_token(key, "admin", std::nullopt, token));         // another expiry
  CHECK_FALSE(crypto::is_minted_token(key, "admin", 1'900'000'001, token));
  std::string tampered = token;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  CHECK_FALSE(crypto::is_minted_token(key, "admin", 1'900'000'000, tampered));
  CHECK_FALSE(crypto::is_minted_token(key, "admin", 1'900'000'000, token + "="));  // padded: not jjwt's text
  CHECK_FALSE(crypto::is_minted_token(key, "admin", 1'900'000'000, token.substr(0, token.rfind('.') + 1)));
  // Signed by another key of the same size: the signature does not verify.
  const auto other = *crypto::load_rsa_private_key(crypto::generate_rsa_key_files().files[0].second).key;
  CHECK_FALSE(crypto::is_minted_token(other, "admin", 1'900'000'000, token));
  // RS384 and RS512: the DigestInfo of their own hash.
  for (const char* file : {"rsa3072.pkcs8.der", "rsa4096.pkcs8.der"}) {
    CAPTURE(file);
    const auto larger = *crypto::load_rsa_private_key(test_key(file)).key;
    const std::string signed_token = crypto::mint_token(larger, "admin", std::nullopt);
    CHECK(crypto::is_minted_token(larger, "admin", std::nullopt, signed_token));
    CHECK_FALSE(crypto::is_minted_token(larger, "admin", std::nullopt, token));
  }
  // HMAC: recomputed, so only the same secret keeps the token.
  const auto secret = *crypto::load_secret_key(test_key("secret32.key")).key;
  const std::string hmac = crypto::mint_token(secret, "admin", std::nullopt);
  CHECK(crypto::is_minted_token(secret, "admin", std::nullopt, hmac));
  const auto other_secret = *crypto::load_secret_key(std::string(32, 'x')).key;
  CHECK_FALSE(crypto::is_minted_token(other_secret, "admin", std::nullopt, hmac));
}

TEST_CASE("subjects are escaped exactly as Jackson does", "[crypto][jwt]") {
  CHECK(crypto::jackson_json_string("admin") == R"("admin")");
  CHECK(crypto::jackson_json_string(R"(a"b\c/d)") == R"("a\"b\\c/d")");
  CHECK(crypto::jackson_json_string("\b\t\n\f\r") == R"("\b\t\n\f\r")");
  CHECK(crypto::jackson_json_string(std::string("\0\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001F\x7f\"");
  CHECK(crypto::jackson_json_string("r\xc3\xb4le \xe2\x80\xa8") == "\"r\xc3\xb4le \xe2\x80\xa8\"");  // UTF-8 as is
}

// ---------------------------------------------------------------------------------------------
// keygen.hpp

TEST_CASE("generated RSA key files are PKCS#8 rsaEncryption and SPKI, RS256", "[crypto][keygen]") {
  const crypto::GeneratedKeyFiles generated = crypto::generate_rsa_key_files();
  REQUIRE(generated.files.size() == 2);
  REQUIRE(generated.files[0].first == "private.der");
  REQUIRE(generated.files[1].first == "public.der");
  const std::string& private_der = generated.files[0].second;
  const std::string& public_der = generated.files[1].second;

  const auto* cursor = reinterpret_cast<const unsigned char*>(private_der.data());
  const std::unique_ptr<PKCS8_PRIV_KEY_INFO, Pkcs8Deleter> info{
      d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, static_cast<long>(private_der.size()))};
  REQUIRE(info);
  CHECK(cursor == reinterpret_cast<const unsigned char*>(private_der.data()) + private_der.size());
  const ASN1_OBJECT* algorithm = nullptr;
  REQUIRE(PKCS8_pkey_get0(&algorithm, nullptr, nullptr, nullptr, info.get()) == 1);
  CHECK(OBJ_obj2nid(algorithm) == NID_rsaEncryption);
  // SEQUENCE, INTEGER 0 (version), SEQUENCE { OID 1.2.840.113549.1.1.1 ...: the PKCS#8 prefix.
  CHECK(private_der.substr(4, 11) == std::string("\x02\x01\x00\x30\x0d\x06\x09\x2a\x86\x48\x86", 11));

  CHECK(public_der.size() == 294);

  const crypto::KeyLoad load = crypto::load_rsa_private_key(private_der);
  REQUIRE(load.key);
  CHECK(load.key->algorithm == Algorithm::rs256);
  CHECK(load.key->private_pkcs8_der == private_der);
  CHECK(load.key->public_spki_der == public_der);
  CHECK(rsa_token_verifies(crypto::mint_token(*load.key, "admin", std::nullopt), public_der, "SHA256"));

  CHECK(crypto::generate_rsa_key_files().files[1].second != public_der);  // fresh each time
}

TEST_CASE("generated secret key is 32 random raw bytes", "[crypto][keygen]") {
  const crypto::GeneratedKeyFiles generated = crypto::generate_secret_key_file();
  REQUIRE(generated.files.size() == 1);
  CHECK(generated.files[0].first == "secret.key");
  CHECK(generated.files[0].second.size() == 32);
  CHECK(crypto::load_secret_key(generated.files[0].second).key->algorithm == Algorithm::hs256);
  CHECK(crypto::generate_secret_key_file().files[0].second != generated.files[0].second);
}

// ---------------------------------------------------------------------------------------------
// cli/key_files.hpp

TEST_CASE("key files are written 0600 into a new 0700 directory, never overwritten", "[crypto][key_files]") {
  const TemporaryDirectory temporary;
  const fs::path dir = temporary.path() / "nested" / "keys";
  const crypto::GeneratedKeyFiles first{{{"private.der", "first-private"}, {"public.der", "first-public"}}};
  const crypto::GeneratedKeyFiles second{{{"private.der", "second-private"}, {"public.der", "second-public"}}};
  std::string error;

  const mode_t previous_umask = ::umask(0);  // the modes must not depend on the umask
  const cli::WriteKeysResult result = cli::write_key_files_exclusively(dir, first, error);
  ::umask(previous_umask);
  REQUIRE(result == cli::WriteKeysResult::ok);
  CHECK(file_mode(dir) == 0700);
  CHECK(file_mode(dir / "private.der") == 0600);
  CHECK(file_mode(dir / "public.der") == 0600);
  CHECK(read_bytes(dir / "private.der") == "first-private");

  error.clear();
  CHECK(cli::write_key_files_exclusively(dir, second, error) == cli::WriteKeysResult::already_exists);
  CHECK(error.find("private.der") != std::string::npos);
  CHECK(error.find("public.der") != std::string::npos);
  CHECK(error.find("first-private") == std::string::npos);
  CHECK(read_bytes(dir / "private.der") == "first-private");
  CHECK(read_bytes(dir / "public.der") == "first-public");
}

TEST_CASE("one existing key file blocks all writes", "[crypto][key_files]") {
  const TemporaryDirectory temporary;
  const fs::path dir = temporary.path();
  { std::ofstream(dir / "public.der") << "mine"; }
  std::string error;
  const crypto::GeneratedKeyFiles keys{{{"private.der", "p"}, {"public.der", "q"}}};
  CHECK(cli::write_key_files_exclusively(dir, keys, error) == cli::WriteKeysResult::already_exists);
  CHECK_FALSE(fs::exists(dir / "private.der"));
  CHECK(read_bytes(dir / "public.der") == "mine");
  CHECK(file_mode(dir) == 0700);  // mkdtemp's mode, not changed for an existing directory
}

TEST_CASE("a dangling symlink at a key path counts as existing", "[crypto][key_files]") {
  const TemporaryDirectory temporary;
  const fs::path dir = temporary.path();
  fs::create_symlink(dir / "elsewhere", dir / "secret.key");
  std::string error;
  CHECK(cli::write_key_files_exclusively(dir, crypto::GeneratedKeyFiles{{{"secret.key", "s"}}}, error) ==
        cli::WriteKeysResult::already_exists);
  CHECK_FALSE(fs::exists(dir / "elsewhere"));
}

TEST_CASE("a key directory that is a file is an I/O error", "[crypto][key_files]") {
  const TemporaryDirectory temporary;
  const fs::path not_a_directory = temporary.path() / "file";
  { std::ofstream(not_a_directory) << "x"; }
  std::string error;
  CHECK(cli::write_key_files_exclusively(not_a_directory, crypto::GeneratedKeyFiles{{{"secret.key", "s"}}}, error) ==
        cli::WriteKeysResult::io_error);
  CHECK_FALSE(error.empty());
}
