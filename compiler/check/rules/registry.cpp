#include "check/rules/rules.hpp"

namespace pulsarc::checker {

std::span<const Rule* const> all_rules() {
  static constexpr const Rule* kRules[] = {
      &kNamesRule,
      &kLabelsRule,
      &kTaintsRule,
      &kImagesRule,
      &kQuantitiesRule,
      &kHostPathsRule,
      &kDerivedNamesRule,
      &kKubernetesVersionRule,
      &kChartVersionRule,
      &kDuplicateNodesRule,
      &kUndeclaredNodeRule,
      &kReplicasRule,
      &kConditionalKeysRule,
      &kChartValuesRule,
      &kChartValuesOverrideRule,
      &kZookeeperQuorumRule,
      &kZookeeperEvenRule,
      &kBookieNodesRule,
      &kBookieVolumesRule,
      &kBookieQuorumRule,
      &kVolumeOverlapRule,
      &kPinnedEligibleRule,
      &kSchedulableRule,
      &kDeadTolerationRule,
      &kProdDisjointRule,
      &kProdServingNodesRule,
      &kProdBookiesRule,
      &kProdJwtRule,
      &kProdSecretsRule,
      &kKeyFileRule,
      &kKeyKindRule,
      &kKeyStrengthRule,
      &kRolesRule,
      &kSecretKeyTextRule,
      &kManagerVersionRule,
      &kManagerJwtRule,
      &kManagerEmbeddedUrlRule,
      &kManagerIdentifierRule,
      &kManagerPortRule,
      &kManagerPasswordRule,
      &kManagerAdminRule,
      &kManagerHostRule,
      &kPrintablePathsRule,
      &kChartValuesMovedRule,
      &kChartKubernetesRule,
      &kChartSettingsRule,
      &kManagerChartImageRule,
      &kManagerUiUserRule,
  };
  return kRules;
}

}  // namespace pulsarc::checker
