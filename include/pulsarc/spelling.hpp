// How each enum of the model is spelt in pulsar.toml, in values.yaml and in Kubernetes objects.
// One table per enum, indexed by the enumerator: the field table (and so the parser and the JSON
// Schema) and every stage that writes a value read their spelling from here.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "pulsarc/model.hpp"

namespace pulsarc {

template <class E>
struct Spelling;

template <>
struct Spelling<Profile> {
  static constexpr std::array<std::string_view, 2> names{"test", "production"};
};
template <>
struct Spelling<PullPolicy> {
  static constexpr std::array<std::string_view, 3> names{"IfNotPresent", "Always", "Never"};
};
template <>
struct Spelling<ReclaimPolicy> {
  static constexpr std::array<std::string_view, 2> names{"Retain", "Delete"};
};
template <>
struct Spelling<TaintEffect> {
  static constexpr std::array<std::string_view, 3> names{"NoSchedule", "PreferNoSchedule", "NoExecute"};
};
template <>
struct Spelling<TolerationOperator> {
  static constexpr std::array<std::string_view, 2> names{"Equal", "Exists"};
};
template <>
struct Spelling<JwtMode> {
  static constexpr std::array<std::string_view, 3> names{"off", "asymmetric", "symmetric"};
};
template <>
struct Spelling<SecretsMode> {
  static constexpr std::array<std::string_view, 3> names{"separate", "inline", "none"};
};
template <>
struct Spelling<ServiceType> {
  static constexpr std::array<std::string_view, 3> names{"ClusterIP", "LoadBalancer", "NodePort"};
};

/// The spelling of an enumerator.
template <class E>
[[nodiscard]] constexpr std::string_view spell(E value) {
  return Spelling<E>::names[static_cast<std::size_t>(value)];
}

/// The enumerator spelt `text`, if any.
template <class E>
[[nodiscard]] constexpr std::optional<E> unspell(std::string_view text) {
  for (std::size_t i = 0; i < Spelling<E>::names.size(); ++i) {
    if (Spelling<E>::names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace pulsarc
