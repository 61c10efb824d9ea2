#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

bool has_control_character(std::string_view text) {
  return std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  std::vector<std::pair<const Located<std::string>*, std::string_view>> paths = {{&c.output.dir, "output.dir"}};
  if (c.auth.private_key) paths.emplace_back(&*c.auth.private_key, "auth.private_key");
  if (c.auth.secret_key) paths.emplace_back(&*c.auth.secret_key, "auth.secret_key");
  if (c.manager.database) paths.emplace_back(&c.manager.database->password_file, "manager.database.password_file");
  if (c.manager.admin) paths.emplace_back(&c.manager.admin->password_file, "manager.admin.password_file");
  for (const auto& [path, what] : paths) {
    if (!has_control_character(path->value)) continue;
    out.push_back(kPrintablePathsRule.diagnose(path->span, fmt::format("{} contains a control character", what),
                                               "file names in pulsar.toml must be printable; rename the file"));
  }
}

}  // namespace

const Rule kPrintablePathsRule{
    {"PLS0116", Severity::error, "file paths must not contain control characters",
     "Key files, password files and output.dir are named in messages, in the comments of\n"
     "manager/init.sql and in the commands printed for the user. A newline or escape character in a\n"
     "path would break those lines or drive the terminal, so pulsarc refuses it."},
    run};

}  // namespace pulsarc::checker
