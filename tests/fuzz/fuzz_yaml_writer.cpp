// libFuzzer target: any tree of the shapes lower builds (strings of any Unicode text, numbers,
// nested mappings and sequences) must be written as YAML that yaml-cpp reads back to the same tree.
// Strings are valid UTF-8, as everything from pulsar.toml is (toml++ rejects anything else).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>

#include "oracle.hpp"

namespace {

using pulsarc::yaml::Node;

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Characters that have meant trouble for YAML writers somewhere: line breaks of every kind, C1
// controls, the byte-order mark, non-characters, the largest code point, and ordinary non-ASCII.
constexpr std::uint32_t kInteresting[] = {0x85,   0xA0,   0x80,   0x9F,   0x2028,   0x2029,  0xFEFF, 0xFFFE,
                                          0xFFFF, 0xFFFD, 0xD7FF, 0xE000, 0x10FFFF, 0x1F600, 0xE9,   0x4E2D};

std::string make_text(FuzzedDataProvider& in) {
  std::string out;
  const auto length = in.ConsumeIntegralInRange<std::size_t>(0, 40);
  for (std::size_t i = 0; i < length && in.remaining_bytes() > 0; ++i) {
    const auto byte = in.ConsumeIntegral<std::uint8_t>();
    if (byte < 0x80) {
      out += static_cast<char>(byte);
    } else if (byte < 0x80 + std::size(kInteresting)) {
      append_utf8(out, kInteresting[byte - 0x80]);
    } else if (byte == 0xFF) {
      // A long run, to reach the lengths where readers change behaviour (e.g. 1024-character keys).
      out.append(in.ConsumeIntegralInRange<std::size_t>(0, 2000),
                 static_cast<char>(in.ConsumeIntegralInRange<int>(0x20, 0x7E)));
    } else {
      std::uint32_t cp = in.ConsumeIntegralInRange<std::uint32_t>(0x80, 0x10FFFF);
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // surrogates are not characters
      append_utf8(out, cp);
    }
  }
  return out;
}

Node make_node(FuzzedDataProvider& in, int depth) {
  const int choice = in.ConsumeIntegralInRange<int>(0, depth > 6 ? 4 : 6);
  switch (choice) {
    case 0: return Node{};
    case 1: return Node::flag(in.ConsumeBool());
    case 2: return Node::num(in.ConsumeIntegral<std::int64_t>());
    case 3: return Node::real(in.ConsumeFloatingPoint<double>());
    case 4: return Node::str(make_text(in));
    case 5: {
      Node n = Node::seq();
      const auto count = in.ConsumeIntegralInRange<int>(0, 4);
      for (int i = 0; i < count && in.remaining_bytes() > 0; ++i) n.push(make_node(in, depth + 1));
      return n;
    }
    default: {
      Node n = Node::map();
      const auto count = in.ConsumeIntegralInRange<int>(0, 4);
      for (int i = 0; i < count && in.remaining_bytes() > 0; ++i) {
        auto key = make_text(in);
        n.set(key, make_node(in, depth + 1));
      }
      return n;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<Node> documents;
  const auto count = in.ConsumeIntegralInRange<int>(1, 3);
  for (int i = 0; i < count; ++i) documents.push_back(make_node(in, 0));
  std::string out = "# header\n";
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (i) out += "---\n";
    pulsarc::yaml::write_document(out, documents[i]);
  }
  if (auto problem = pulsarc::fuzz::check_yaml_round_trip("doc.yaml", out, documents); !problem.empty()) {
    std::fprintf(stderr, "pulsarc fuzz oracle failed: %s\n--- written:\n%s\n", problem.c_str(), out.c_str());
    std::abort();
  }
  return 0;
}
