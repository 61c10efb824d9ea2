// The pieces of chart 2.7.7's profile (profile.cpp assembles them).
#pragma once
#include "chart/layer.hpp"

#include <vector>

#include "chart/profile.hpp"

namespace pulsarc::chart::v2_7_7 {

extern const Profile kProfile;

[[nodiscard]] yaml::Node values(const Config& config);
/// The chart's PDBs are policy/v1beta1: from Kubernetes 1.21 pulsarc turns them off and writes
/// policy/v1 ones.
[[nodiscard]] bool replaces_chart_pdbs(const Config& config);
/// Post-renderer patches (init Job scheduling, the manager's broker token, a stable
/// superUserRoles); empty when nothing needs patching. `post-render.sh` is among the files.
[[nodiscard]] std::vector<ManifestFile> post_render(const Config& config);

}  // namespace pulsarc::chart::v2_7_7
