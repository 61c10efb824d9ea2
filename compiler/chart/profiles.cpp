#include <algorithm>
#include <stdexcept>
#include <string>

#include "chart/profile.hpp"

namespace pulsarc::chart {

// Defined in chart/v*/profile.cpp; adding a chart version is one more folder and one more line.
namespace v2_7_7 {
extern const Profile kProfile;
}
namespace v4_7_0 {
extern const Profile kProfile;
}

std::span<const Profile* const> profiles() {
  static constexpr const Profile* kProfiles[] = {&v2_7_7::kProfile, &v4_7_0::kProfile};
  return kProfiles;
}

const Profile* find_profile(std::string_view version) {
  const auto all = profiles();
  const auto it = std::ranges::find(all, version, &Profile::version);
  return it == all.end() ? nullptr : *it;
}

const Profile& profile_of(const Config& config) {
  const Profile* profile = find_profile(config.chart.version.value);
  if (!profile) throw std::logic_error("lowering a configuration whose chart version was not checked");
  return *profile;
}

const Upgrade* find_upgrade(std::string_view from, std::string_view to) {
  const Profile* target = find_profile(to);
  if (!target) return nullptr;
  const auto it = std::ranges::find(target->upgrades, from, &Upgrade::from);
  return it == target->upgrades.end() ? nullptr : &*it;
}

bool runs_manager(const Profile& profile, std::string_view tag) {
  return profile.manager_tags.empty() || std::ranges::find(profile.manager_tags, tag) != profile.manager_tags.end();
}

const MovedKey* moved_key(const Profile& profile, std::span<const std::string_view> path) {
  std::string dotted;
  for (const auto part : path) {
    if (!dotted.empty()) dotted += '.';
    dotted += part;
    for (const auto& moved : profile.moved_keys) {
      if (moved.path == dotted) return &moved;
    }
  }
  return nullptr;
}

ImageRef pulsar_image(const Config& config, const Profile& profile) {
  return config.images.pulsar ? config.images.pulsar->value : ImageRef::of(profile.pulsar_image);
}

ImageRef manager_image(const Config& config, const Profile& profile) {
  return config.images.manager ? config.images.manager->value : ImageRef::of(profile.manager_image);
}

ServiceType proxy_service_type(const Config& config, const Profile& profile) {
  return config.proxy_service_type ? config.proxy_service_type->value : profile.proxy_service_type;
}

}  // namespace pulsarc::chart
