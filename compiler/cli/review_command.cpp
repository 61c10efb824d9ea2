#include "cli/review_command.hpp"

#include <algorithm>

#include "cli/io.hpp"
#include "review/index.hpp"

namespace pulsarc::cli {
namespace fs = std::filesystem;

void adopt_committed_fingerprints(Bundle& bundle, const fs::path& dir) {
  if (bundle.fingerprints_complete) return;
  const auto committed = read_file(dir / kIndexFileName);
  if (!committed.bytes) return;
  const auto it = std::ranges::find(bundle.files, std::string_view(kIndexFileName), &BundleFile::path);
  if (it != bundle.files.end()) it->bytes = review::with_fingerprints_of(it->bytes, *committed.bytes);
}

}  // namespace pulsarc::cli
