// Independent check of pulsarc's keys and tokens with the JDK's own crypto, the way a Pulsar
// broker reads them: X509EncodedKeySpec / PKCS8EncodedKeySpec with KeyFactory "RSA", raw HMAC
// key bytes, and jjwt's rule that the key's size decides the algorithm. No dependencies (JDK 17):
//
//   java JwtVerify.java [--public-key SPKI.der] [--private-key PKCS8.der] [--secret-key RAW]
//                       [--expect-alg ALG] [--expect-subject ROLE] [--expect-payload JSON]
//                       [--expect-exp SECONDS] TOKEN|@FILE ...
//
// With both RSA keys, also checks they are one key pair. A token given as @FILE is the file's
// whole content (which must not end in a newline). Exit status: 0 all good, 1 a check failed,
// 2 usage error. Failures name the check and the token's position; tokens are never printed.
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class JwtVerify {
  private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final Pattern HEADER = Pattern.compile("\\{\"alg\":\"(RS256|RS384|RS512|HS256|HS384|HS512)\"\\}");
  private static final Pattern PAYLOAD = Pattern.compile("\\{\"sub\":\"((?:[^\"\\\\]|\\\\.)*)\"(?:,\"exp\":(-?[0-9]+))?\\}");

  private static final class CheckFailed extends Exception {
    CheckFailed(String message) { super(message); }
  }

  private static void check(boolean condition, String message) throws CheckFailed {
    if (!condition) throw new CheckFailed(message);
  }

  // jjwt SignatureAlgorithm.forSigningKey for RSA keys.
  private static String rsaAlgorithmFor(int modulusBits) throws CheckFailed {
    if (modulusBits >= 4096) return "RS512";
    if (modulusBits >= 3072) return "RS384";
    if (modulusBits >= 2048) return "RS256";
    throw new CheckFailed("RSA key has " + modulusBits + " bits; Pulsar (jjwt) needs at least 2048");
  }

  // jjwt SignatureAlgorithm.forSigningKey for HMAC keys.
  private static String hmacAlgorithmFor(int keyLength) throws CheckFailed {
    if (keyLength >= 64) return "HS512";
    if (keyLength >= 48) return "HS384";
    if (keyLength >= 32) return "HS256";
    throw new CheckFailed("secret key has " + keyLength + " bytes; Pulsar (jjwt) needs at least 32");
  }

  private static String digestOf(String algorithm) {
    return "SHA" + algorithm.substring(2);  // RS256 -> SHA256
  }

  private static byte[] decodeBase64Url(String part, String what) throws CheckFailed {
    final byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new CheckFailed(what + " is not base64url: " + e.getMessage());
    }
    // Canonical: re-encoding without padding must give the same text.
    check(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part),
        what + " is not canonical unpadded base64url");
    return bytes;
  }

  public static void main(String[] args) throws Exception {
    Path publicKeyFile = null, privateKeyFile = null, secretKeyFile = null;
    String expectAlg = null, expectSubject = null, expectPayload = null, expectExp = null;
    List<String> tokenArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (arg) {
        case "--public-key" -> { if (!hasValue) usage(arg); publicKeyFile = Path.of(args[++i]); }
        case "--private-key" -> { if (!hasValue) usage(arg); privateKeyFile = Path.of(args[++i]); }
        case "--secret-key" -> { if (!hasValue) usage(arg); secretKeyFile = Path.of(args[++i]); }
        case "--expect-alg" -> { if (!hasValue) usage(arg); expectAlg = args[++i]; }
        case "--expect-subject" -> { if (!hasValue) usage(arg); expectSubject = args[++i]; }
        case "--expect-payload" -> { if (!hasValue) usage(arg); expectPayload = args[++i]; }
        case "--expect-exp" -> { if (!hasValue) usage(arg); expectExp = args[++i]; }
        default -> {
          if (arg.startsWith("--")) usage(arg);
          tokenArgs.add(arg);
        }
      }
    }
    if (tokenArgs.isEmpty() && publicKeyFile == null && privateKeyFile == null && secretKeyFile == null) usage(null);
    if (secretKeyFile != null && (publicKeyFile != null || privateKeyFile != null)) usage("--secret-key with RSA keys");

    int failures = 0;
    RSAPublicKey rsaPublicKey = null;
    byte[] secretKey = null;
    try {
      if (secretKeyFile != null) {
        secretKey = Files.readAllBytes(secretKeyFile);
        hmacAlgorithmFor(secretKey.length);
      } else {
        rsaPublicKey = loadRsaKeys(publicKeyFile, privateKeyFile);
        if (rsaPublicKey != null) rsaAlgorithmFor(rsaPublicKey.getModulus().bitLength());
      }
    } catch (CheckFailed e) {
      System.err.println("FAIL keys: " + e.getMessage());
      System.exit(1);
    }
    if (!tokenArgs.isEmpty() && rsaPublicKey == null && secretKey == null) usage("tokens need a key");

    for (int index = 0; index < tokenArgs.size(); index++) {
      String label = "token #" + (index + 1);
      try {
        String token = tokenArgs.get(index);
        if (token.startsWith("@")) {
          Path file = Path.of(token.substring(1));
          label += " (" + file + ")";
          token = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        }
        String summary = verifyToken(token, rsaPublicKey, secretKey, expectAlg, expectSubject, expectPayload, expectExp);
        System.out.println("OK " + label + ": " + summary);
      } catch (CheckFailed e) {
        failures++;
        System.err.println("FAIL " + label + ": " + e.getMessage());
      }
    }
    if (failures > 0) System.exit(1);
  }

  // Loads the keys given; returns the public key to verify with (derived from the private if
  // only that was given), after checking that public and private belong together.
  private static RSAPublicKey loadRsaKeys(Path publicKeyFile, Path privateKeyFile) throws Exception {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPublicKey publicKey = null;
    if (publicKeyFile != null) {
      try {
        PublicKey key = rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicKeyFile)));
        publicKey = (RSAPublicKey) key;
      } catch (java.security.spec.InvalidKeySpecException e) {
        throw new CheckFailed(publicKeyFile + " is not an X.509 SubjectPublicKeyInfo RSA key (as a broker reads it): " + e.getMessage());
      }
      System.out.println("OK public key " + publicKeyFile + ": X.509 SPKI, RSA " + publicKey.getModulus().bitLength() + " bits");
    }
    if (privateKeyFile != null) {
      PrivateKey key;
      try {
        key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateKeyFile)));
      } catch (java.security.spec.InvalidKeySpecException e) {
        throw new CheckFailed(privateKeyFile + " is not a PKCS#8 RSA private key (as `pulsar tokens create` reads it): " + e.getMessage());
      }
      check(key instanceof RSAPrivateCrtKey, privateKeyFile + " has no CRT parameters, so its public key cannot be checked");
      RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) key;
      check("PKCS#8".equals(privateKey.getFormat()), privateKeyFile + " re-encodes as " + privateKey.getFormat() + ", not PKCS#8");
      BigInteger modulus = privateKey.getModulus();
      check(privateKey.getPrimeP().multiply(privateKey.getPrimeQ()).equals(modulus), privateKeyFile + ": p*q != n");
      if (publicKey != null) {
        check(publicKey.getModulus().equals(modulus), "public key modulus differs from the private key's: not one key pair");
        check(publicKey.getPublicExponent().equals(privateKey.getPublicExponent()), "public exponents differ: not one key pair");
      } else {
        publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
      }
      System.out.println("OK private key " + privateKeyFile + ": PKCS#8, RSA " + modulus.bitLength() + " bits"
          + (publicKeyFile != null ? ", matches the public key" : ""));
    }
    return publicKey;
  }

  private static String verifyToken(String token, RSAPublicKey rsaPublicKey, byte[] secretKey, String expectAlg,
      String expectSubject, String expectPayload, String expectExp) throws Exception {
    check(COMPACT_JWS.matcher(token).matches(),
        "not three dot-separated unpadded base64url parts (padding, whitespace or a trailing newline?)");
    String[] parts = token.split("\\.", -1);
    String header = new String(decodeBase64Url(parts[0], "header"), StandardCharsets.UTF_8);
    String payload = new String(decodeBase64Url(parts[1], "payload"), StandardCharsets.UTF_8);
    byte[] signature = decodeBase64Url(parts[2], "signature");

    Matcher headerMatch = HEADER.matcher(header);
    check(headerMatch.matches(), "header is " + header + ", expected exactly {\"alg\":\"RS256\"} (or RS384/RS512/HS*)");
    String alg = headerMatch.group(1);
    String keyAlg = secretKey != null ? hmacAlgorithmFor(secretKey.length) : rsaAlgorithmFor(rsaPublicKey.getModulus().bitLength());
    check(alg.equals(keyAlg), "header alg " + alg + " but jjwt would pick " + keyAlg + " for this key");
    if (expectAlg != null) check(alg.equals(expectAlg), "header alg " + alg + ", expected " + expectAlg);

    check(payload.startsWith("{\"sub\":\""), "payload does not start with {\"sub\":\" : " + payload);
    Matcher payloadMatch = PAYLOAD.matcher(payload);
    check(payloadMatch.matches(), "payload is not {\"sub\":\"...\"[,\"exp\":N]}: " + payload);
    if (expectSubject != null) {
      check(payloadMatch.group(1).equals(expectSubject), "subject is " + payloadMatch.group(1) + ", expected " + expectSubject);
    }
    if (expectExp != null) {
      check(expectExp.equals(payloadMatch.group(2)), "exp is " + payloadMatch.group(2) + ", expected " + expectExp);
    }
    if (expectPayload != null) check(payload.equals(expectPayload), "payload is " + payload + ", expected " + expectPayload);

    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    if (secretKey != null) {
      String macName = "Hmac" + digestOf(alg);
      Mac mac = Mac.getInstance(macName);
      mac.init(new SecretKeySpec(secretKey, macName));
      check(MessageDigest.isEqual(mac.doFinal(signingInput), signature), macName + " signature does not verify");
    } else {
      check(signature.length == (rsaPublicKey.getModulus().bitLength() + 7) / 8, "RSA signature has the wrong length");
      Signature verifier = Signature.getInstance(digestOf(alg) + "withRSA");
      verifier.initVerify(rsaPublicKey);
      verifier.update(signingInput);
      check(verifier.verify(signature), digestOf(alg) + "withRSA signature does not verify");
    }
    return alg + " " + payload;
  }

  private static void usage(String problem) {
    if (problem != null) System.err.println("JwtVerify: bad argument: " + problem);
    System.err.println("usage: java JwtVerify.java [--public-key SPKI.der] [--private-key PKCS8.der] [--secret-key RAW]\n"
        + "       [--expect-alg ALG] [--expect-subject ROLE] [--expect-payload JSON] [--expect-exp N] TOKEN|@FILE ...");
    System.exit(2);
  }
}
