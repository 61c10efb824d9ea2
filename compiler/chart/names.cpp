#include "chart/names.hpp"

#include <fmt/format.h>

namespace pulsarc::names {

std::string fullname(std::string_view release) {
  std::string name =
      release.find("pulsar") != std::string_view::npos ? std::string(release) : fmt::format("{}-pulsar", release);
  // The chart cuts to 63 characters and drops a trailing '-'.
  if (name.size() > 63) name.resize(63);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name;
}

std::string statefulset(std::string_view release, std::string_view component) {
  return fmt::format("{}-{}", fullname(release), component);
}

std::string claim(std::string_view release, std::string_view component, std::string_view volume, std::size_t ordinal) {
  const auto sts = statefulset(release, component);
  return fmt::format("{}-{}-{}-{}", sts, volume, sts, ordinal);
}

std::string token_secret(std::string_view release, std::string_view role) {
  return fmt::format("{}-token-{}", release, role);
}
std::string asymmetric_key_secret(std::string_view release) {
  return fmt::format("{}-token-asymmetric-key", release);
}
std::string symmetric_key_secret(std::string_view release) {
  return fmt::format("{}-token-symmetric-key", release);
}
std::string manager_secret(std::string_view release) {
  return fmt::format("{}-pulsar-manager-db", release);
}

}  // namespace pulsarc::names
