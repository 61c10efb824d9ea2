#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  const std::pair<const Volume*, std::string_view> volumes[] = {{&c.zookeeper.data, "zookeeper.data.path"},
                                                                {&c.bookkeeper.journal, "bookkeeper.journal.path"},
                                                                {&c.bookkeeper.ledgers, "bookkeeper.ledgers.path"}};
  for (const auto& [volume, what] : volumes) {
    const auto& path = volume->path;
    if (is_normalised_absolute_path(path.value)) continue;
    out.push_back(kHostPathsRule.diagnose(
        path.span, fmt::format("{} \"{}\" is not an absolute, normalised path", what, path.value),
        "write the directory on the node as /a/b/c: absolute, without '.', '..', "
        "'//', spaces or a trailing '/'"));
  }
}

}  // namespace

const Rule kHostPathsRule{
    {"PLS0106", Severity::error, "host paths must be absolute and normalised",
     "A local PersistentVolume names a directory on the node. Kubernetes requires an absolute path;\n"
     "pulsarc also requires it normalised (no '.', '..', '//', trailing '/', spaces or control\n"
     "characters) so that two spellings of one directory cannot hide a shared or nested volume."},
    run};

}  // namespace pulsarc::checker
