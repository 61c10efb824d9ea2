// The pieces of chart 4.7.0's profile (profile.cpp assembles them).
#pragma once
#include "chart/layer.hpp"

#include "chart/profile.hpp"

namespace pulsarc::chart::v4_7_0 {

extern const Profile kProfile;

[[nodiscard]] yaml::Node values(const Config& config);

}  // namespace pulsarc::chart::v4_7_0
