#include <fmt/format.h>

#include <algorithm>

#include "chart/common.hpp"
#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

/// The chart's init Job pastes UI_USERNAME and UI_PASSWORD unescaped into a JSON body inside a
/// shell command: only characters that need no quoting in either survive.
bool plain(std::string_view text) {
  return std::ranges::all_of(text, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto* chart = context.chart();
  const auto& c = context.config;
  if (!chart || !chart->manager_creates_admin || !c.manager.enabled.value) return;
  if (!c.manager.admin) {
    auto d = kManagerUiUserRule.diagnose(
        c.manager.enabled.span, "Pulsar Manager needs manager.admin with this chart version",
        "add `[manager.admin]` with name, email and password_file: the chart's init Job creates that UI user");
    d.notes.push_back({c.chart.version.span, "the chart version is chosen here"});
    out.push_back(std::move(d));
    return;
  }
  const auto& admin = *c.manager.admin;
  // The user name is PLS0807's: the manager's own rule for names is already this strict.
  const auto it = context.files.find(admin.password_file.value);
  if (it != context.files.end() && it->second.bytes && !plain(chart::password_from_file(*it->second.bytes))) {
    // Never the password itself: only that it does not fit.
    out.push_back(kManagerUiUserRule.diagnose(
        admin.password_file.span,
        fmt::format("the UI password in \"{}\" has characters the chart's init Job cannot pass",
                    admin.password_file.value),
        "use only letters, digits, '.', '_' and '-'"));
  }
}

}  // namespace

const Rule kManagerUiUserRule{
    {"PLS0810", Severity::error, "the manager's UI user must be given, plainly, when the chart creates it",
     "Chart 4.7.0 creates Pulsar Manager's first UI user itself, from UI_USERNAME and UI_PASSWORD of\n"
     "the manager Secret, and would otherwise invent a random password on every render. pulsarc\n"
     "writes that Secret from [manager.admin], so the table is required when the manager is on. The\n"
     "chart's init Job pastes both values unescaped into JSON inside a shell command, so they may\n"
     "hold only letters, digits, '.', '_' and '-'."},
    run};

}  // namespace pulsarc::checker
