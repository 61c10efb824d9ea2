#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& images = context.config.images;
  for (const auto* image : {images.pulsar ? &*images.pulsar : nullptr, images.manager ? &*images.manager : nullptr}) {
    if (!image || is_image_reference(image->value.text)) continue;
    out.push_back(kImagesRule.diagnose(image->span,
                                       fmt::format("\"{}\" is not an image reference with a tag", image->value.text),
                                       "write repository:tag, e.g. \"apachepulsar/pulsar-all:2.7.4\" (without the "
                                       "registry: images.registry is prepended)"));
  }
  if (images.registry) {
    const auto& registry = images.registry->value;
    // A registry prefix is an image reference's leading part: check it with a stand-in repository.
    if (registry.empty() || registry.back() == '/' || !is_image_reference(registry + "/x:1")) {
      out.push_back(
          kImagesRule.diagnose(images.registry->span, fmt::format("\"{}\" is not a registry prefix", registry),
                               "write host[:port][/path] without a trailing '/', e.g. \"harbor.example.com/library\""));
    }
  }
}

}  // namespace

const Rule kImagesRule{
    {"PLS0104", Severity::error, "images must be references with an explicit tag",
     "images.pulsar and images.manager are `repository:tag` (the registry comes from images.registry).\n"
     "The tag is required: an implicit `latest` would make the deployment depend on the day it runs,\n"
     "and the Pulsar Manager tag decides the database schema pulsarc generates."},
    run};

}  // namespace pulsarc::checker
