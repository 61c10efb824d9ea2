#include <fmt/format.h>

#include "chart/common.hpp"
#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void check_file(const RuleContext& context, const Located<std::string>& path, std::string_view what, Diagnostics& out) {
  const auto it = context.files.find(path.value);
  if (it == context.files.end() || !it->second.bytes) {
    if (context.options.allow_missing_secret_files) return;
    out.push_back(kManagerPasswordRule.diagnose(
        path.span,
        fmt::format("cannot read the {} password file \"{}\": {}", what, path.value,
                    it == context.files.end() ? std::string("not read") : it->second.problem),
        "create it (paths are relative to pulsar.toml) and keep it out of git"));
  } else if (chart::password_from_file(*it->second.bytes).empty()) {
    out.push_back(kManagerPasswordRule.diagnose(path.span,
                                                fmt::format("the {} password file \"{}\" is empty", what, path.value),
                                                "write the password into the file"));
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& m = context.config.manager;
  if (!m.enabled.value) return;
  if (m.database) check_file(context, m.database->password_file, "database", out);
  if (m.admin) check_file(context, m.admin->password_file, "UI admin", out);
}

}  // namespace

const Rule kManagerPasswordRule{
    {"PLS0806", Severity::error, "password files must exist and not be empty",
     "The database password goes into the Secret the manager reads (never into values.yaml); the UI\n"
     "admin's password is given to psql when running manager/init.sql. Both are read from the files\n"
     "named in pulsar.toml, without one trailing newline."},
    run};

}  // namespace pulsarc::checker
