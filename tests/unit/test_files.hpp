// Reading the repository's files (samples, goldens, keys) in the unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace testfiles {

/// The whole file, byte for byte; empty when it cannot be read (the comparison that follows fails).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace testfiles
