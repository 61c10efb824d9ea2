// Declarations of the rules defined next to this file, for their own use. Not a registry: the
// build collects every `const Rule kName{` definition (cmake/collect_rules.cmake), so a new rule
// may instead declare itself (`extern const Rule kName;`) and need not be listed here.
#pragma once
#include "check/layer.hpp"

#include "check/rule.hpp"

namespace pulsarc::checker {

extern const Rule kNamesRule;                // PLS0101
extern const Rule kLabelsRule;               // PLS0102
extern const Rule kTaintsRule;               // PLS0103
extern const Rule kImagesRule;               // PLS0104
extern const Rule kQuantitiesRule;           // PLS0105
extern const Rule kHostPathsRule;            // PLS0106
extern const Rule kDerivedNamesRule;         // PLS0107
extern const Rule kKubernetesVersionRule;    // PLS0108
extern const Rule kChartVersionRule;         // PLS0109
extern const Rule kDuplicateNodesRule;       // PLS0110
extern const Rule kUndeclaredNodeRule;       // PLS0111
extern const Rule kReplicasRule;             // PLS0112
extern const Rule kConditionalKeysRule;      // PLS0113
extern const Rule kChartValuesRule;          // PLS0114
extern const Rule kChartValuesOverrideRule;  // PLS0115
extern const Rule kZookeeperQuorumRule;      // PLS0201
extern const Rule kZookeeperEvenRule;        // PLS0202
extern const Rule kBookieNodesRule;          // PLS0301
extern const Rule kBookieVolumesRule;        // PLS0302
extern const Rule kBookieQuorumRule;         // PLS0303
extern const Rule kVolumeOverlapRule;        // PLS0401
extern const Rule kPinnedEligibleRule;       // PLS0501
extern const Rule kSchedulableRule;          // PLS0502
extern const Rule kDeadTolerationRule;       // PLS0503
extern const Rule kProdDisjointRule;         // PLS0601
extern const Rule kProdServingNodesRule;     // PLS0602
extern const Rule kProdBookiesRule;          // PLS0603
extern const Rule kProdJwtRule;              // PLS0604
extern const Rule kProdSecretsRule;          // PLS0605
extern const Rule kKeyFileRule;              // PLS0701
extern const Rule kKeyKindRule;              // PLS0702
extern const Rule kKeyStrengthRule;          // PLS0703
extern const Rule kRolesRule;                // PLS0704
extern const Rule kSecretKeyTextRule;        // PLS0705
extern const Rule kManagerVersionRule;       // PLS0801
extern const Rule kManagerJwtRule;           // PLS0802
extern const Rule kManagerEmbeddedUrlRule;   // PLS0803
extern const Rule kManagerIdentifierRule;    // PLS0804
extern const Rule kManagerPortRule;          // PLS0805
extern const Rule kManagerPasswordRule;      // PLS0806
extern const Rule kManagerAdminRule;         // PLS0807
extern const Rule kManagerHostRule;          // PLS0808
extern const Rule kPrintablePathsRule;       // PLS0116
extern const Rule kChartValuesMovedRule;     // PLS0117
extern const Rule kChartKubernetesRule;      // PLS0118
extern const Rule kChartSettingsRule;        // PLS0119
extern const Rule kManagerChartImageRule;    // PLS0809
extern const Rule kManagerUiUserRule;        // PLS0810

}  // namespace pulsarc::checker
