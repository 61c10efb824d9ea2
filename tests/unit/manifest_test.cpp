// What lower hands to emit: the files a cluster has one of per volume or per node are made when
// they are written (ManifestFile::make_document), so a large cluster's trees never exist all at
// once; everything else is made by lower. Either way emit writes the same bytes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/io.hpp"
#include "pulsarc/pipeline.hpp"
#include "test_files.hpp"

namespace {

namespace fs = std::filesystem;

using testfiles::read_text;

bool per_volume_or_node(const std::string& path) {
  return path.starts_with("persistentvolumes/") || path.starts_with("node-preparation/");
}

}  // namespace

TEST_CASE("PersistentVolumes and node-preparation Jobs are made when written, to the same bytes", "[lower][emit]") {
  const auto sample = GENERATE(as<std::string>{}, "seed", "production-4.7.0");
  const fs::path dir = fs::path(PULSARC_SOURCE_DIR) / "samples" / sample;
  auto parsed = pulsarc::parse(read_text(dir / "pulsar.toml"));
  REQUIRE(parsed.config);
  const auto referenced = pulsarc::cli::read_referenced(*parsed.config, dir);
  pulsarc::Manifest manifest = pulsarc::lower(*parsed.config, referenced);

  int deferred = 0;
  for (const auto& file : manifest.files) {
    CAPTURE(file.path);
    CHECK(static_cast<bool>(file.make_document) == per_volume_or_node(file.path));
    if (!file.make_document) continue;
    ++deferred;
    CHECK(file.documents.empty());
    CHECK(pulsarc::documents_of(file).size() == 1);
  }
  CHECK(deferred > 0);

  // Made twice (from the manifest kept, then from the one given up) and from eager trees: one output.
  const pulsarc::Bundle kept = pulsarc::emit(manifest);
  pulsarc::Manifest eager = manifest;
  for (auto& file : eager.files) {
    if (!file.make_document) continue;
    file.documents = pulsarc::documents_of(file);
    file.make_document = nullptr;
  }
  const pulsarc::Bundle given_up = pulsarc::emit(std::move(manifest));
  const pulsarc::Bundle from_trees = pulsarc::emit(eager);
  REQUIRE(kept.files.size() == given_up.files.size());
  REQUIRE(kept.files.size() == from_trees.files.size());
  for (std::size_t i = 0; i < kept.files.size(); ++i) {
    CAPTURE(kept.files[i].path);
    CHECK(kept.files[i].bytes == given_up.files[i].bytes);
    CHECK(kept.files[i].bytes == from_trees.files[i].bytes);
  }
}
