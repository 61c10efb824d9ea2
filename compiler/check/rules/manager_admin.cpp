#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

bool is_email(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
         std::ranges::all_of(text, [](char c) { return c > ' ' && c < 0x7f && c != '"' && c != '\\'; });
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& m = context.config.manager;
  if (!m.enabled.value || !m.admin) return;
  const auto& name = m.admin->name;
  const bool name_ok = !name.value.empty() && name.value.size() <= 256 && std::ranges::all_of(name.value, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!name_ok) {
    out.push_back(kManagerAdminRule.diagnose(name.span,
                                             fmt::format("\"{}\" is not a Pulsar Manager user name", name.value),
                                             "use letters, digits and '_' only, as the manager's API requires"));
  }
  if (!is_email(m.admin->email.value)) {
    out.push_back(kManagerAdminRule.diagnose(m.admin->email.span,
                                             fmt::format("\"{}\" is not an e-mail address", m.admin->email.value),
                                             "write an address such as admin@example.com; the manager requires one"));
  }
}

}  // namespace

const Rule kManagerAdminRule{
    {"PLS0807", Severity::error, "the seeded UI user must be one the manager's API would accept",
     "manager.admin is inserted by SQL exactly as `PUT /pulsar-manager/users/superuser` would store it.\n"
     "That API only accepts names of letters, digits and '_' and requires a valid e-mail address, so\n"
     "pulsarc refuses anything the manager itself would refuse."},
    run};

}  // namespace pulsarc::checker
