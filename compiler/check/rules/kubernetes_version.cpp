#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

inline constexpr int kOldestMinor = 21;
inline constexpr int kNewestMinor = 34;

void run(const RuleContext& context, Diagnostics& out) {
  const auto& version = context.config.cluster.kubernetes_minor;
  if (version.value >= kOldestMinor && version.value <= kNewestMinor) return;
  out.push_back(kKubernetesVersionRule.diagnose(
      version.span, "cluster.kubernetes is not a supported Kubernetes version",
      fmt::format("write \"1.MINOR\" with MINOR from {} to {}, e.g. \"1.30\"", kOldestMinor, kNewestMinor)));
}

}  // namespace

const Rule kKubernetesVersionRule{
    {"PLS0108", Severity::error, "cluster.kubernetes must be a supported version",
     "The target version decides API versions (e.g. policy/v1 PodDisruptionBudgets, which Kubernetes\n"
     "1.25 and later require) and the schemas the bundle is validated against. Write it as \"1.MINOR\";\n"
     "pulsarc supports 1.21 to 1.34."},
    run};

}  // namespace pulsarc::checker
