#pragma once
#include "cli/layer.hpp"

#include <string>

namespace pulsarc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitConfig = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitStale = 3;

struct BuildOptions {
  std::string config = "pulsar.toml";
  std::string output;
  bool check = false;
  std::string secrets;
  std::string format = "human";
};

struct CheckOptions {
  std::string config = "pulsar.toml";
  std::string format = "human";
  bool fix = false;  ///< apply the certain fixes to the file, then check again
};

struct KeygenOptions {
  bool symmetric = false;
  std::string output = "keys";
};

struct TokenOptions {
  std::string subject;
  std::string expires;
  std::string config = "pulsar.toml";
};

int run_build(const BuildOptions& options);
int run_check(const CheckOptions& options);
int run_keygen(const KeygenOptions& options);
int run_token(const TokenOptions& options);
struct ExplainOptions {
  std::string code;       ///< e.g. PLS0201 (any case)
  bool all = false;       ///< every code with its title
  bool markdown = false;  ///< with `all`: docs/codes.md, index and explanations; with `risks`: docs/risks.md
  bool risks = false;     ///< every risk id of `pulsarc diff` with its title
};

int run_explain(const ExplainOptions& options);
int run_schema();

}  // namespace pulsarc::cli
