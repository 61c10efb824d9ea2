// cli::prefer_huge_pages: after it, the heap grows from a 2 MiB boundary inside a range advised
// for huge pages, with nothing below the boundary left for malloc to carve.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/memory.hpp"

// Under a sanitizer the heap is the sanitizer's, and prefer_huge_pages leaves it alone.
#if !PULSARC_SANITIZER_HEAP
namespace {

/// The VmFlags line of the mapping in /proc/self/smaps that holds `address`.
std::string vm_flags_of(std::uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0;
    std::uintptr_t to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= address && address < to;
    } else if (inside && line.starts_with("VmFlags:")) {
      return line;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("after prefer_huge_pages the next block starts a 2 MiB page the kernel may back whole", "[cli]") {
  constexpr std::uintptr_t kHugePage = 2u << 20;
  const auto break_before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  pulsarc::cli::prefer_huge_pages();
  // 512 KiB: more than any free chunk a test process has, so it comes from the heap's top.
  void* const block = std::malloc(512u << 10);
  REQUIRE(block != nullptr);
  const auto address = reinterpret_cast<std::uintptr_t>(block);
  CHECK(address > break_before);
  CHECK(address % kHugePage == 0);
  CHECK(vm_flags_of(address).find(" hg") != std::string::npos);
  std::free(block);
}
#endif
