// The names the chart derives from the release (spec §3); check and lower must agree on them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pulsarc::names {

/// The chart's `pulsar.fullname`: the release if it contains "pulsar", else "<release>-pulsar".
[[nodiscard]] std::string fullname(std::string_view release);

[[nodiscard]] std::string zookeeper_statefulset(std::string_view release);
[[nodiscard]] std::string bookie_statefulset(std::string_view release);

/// `<F>-zookeeper-data-<F>-zookeeper-<i>`, the claim the chart's StatefulSet makes.
[[nodiscard]] std::string zookeeper_data_claim(std::string_view release, std::size_t ordinal);
/// `<F>-bookie-<volume>-<F>-bookie-<i>` for volume "journal" or "ledgers".
[[nodiscard]] std::string bookie_claim(std::string_view release, std::string_view volume, std::size_t ordinal);

/// Secrets use the release name, not the full name.
[[nodiscard]] std::string token_secret(std::string_view release, std::string_view role);
[[nodiscard]] std::string asymmetric_key_secret(std::string_view release);
[[nodiscard]] std::string symmetric_key_secret(std::string_view release);
[[nodiscard]] std::string manager_db_secret(std::string_view release);

}  // namespace pulsarc::names
