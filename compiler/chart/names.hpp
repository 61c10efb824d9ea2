// The names the chart derives from the release (spec §3), the same in every supported chart
// version; check and lower must agree on them.
#pragma once
#include "chart/layer.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace pulsarc::names {

/// The chart's `pulsar.fullname`: the release if it contains "pulsar", else "<release>-pulsar".
[[nodiscard]] std::string fullname(std::string_view release);

/// StatefulSet `<F>-<component>` for the chart's component names ("zookeeper", "bookie", ...).
[[nodiscard]] std::string statefulset(std::string_view release, std::string_view component);

/// `<F>-<component>-<volume>-<F>-<component>-<i>`: the claim a StatefulSet's volumeClaimTemplate
/// makes for replica i, e.g. `pulsar-zookeeper-data-pulsar-zookeeper-0`.
[[nodiscard]] std::string claim(std::string_view release, std::string_view component, std::string_view volume,
                                std::size_t ordinal);

/// Secrets use the release name, not the full name.
[[nodiscard]] std::string token_secret(std::string_view release, std::string_view role);
[[nodiscard]] std::string asymmetric_key_secret(std::string_view release);
[[nodiscard]] std::string symmetric_key_secret(std::string_view release);
[[nodiscard]] std::string manager_secret(std::string_view release);

}  // namespace pulsarc::names
