#include "cli/memory.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace pulsarc::cli {

void prefer_huge_pages() {
  constexpr std::uintptr_t kHugePage = 2u << 20;
  constexpr std::size_t kReserve = 256u << 20;  // address space only; 10,000 nodes peak far below it
  // One heap that grows once and never shrinks: glibc then asks for kReserve beyond the first large
  // block, keeps blocks up to 32 MiB in it instead of separate mappings, and never trims it (a trimmed
  // and regrown heap would lose the advice below).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kReserve));
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  void* volatile first = std::malloc(1 << 20);  // volatile: the compiler may not drop the pair
  std::free(first);
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Under a sanitizer's allocator (or when the kernel refused the reservation) the break did not
  // move, and there is nothing to advise.
  const auto begin = (before + kHugePage - 1) & ~(kHugePage - 1);
  if (after < begin + kReserve / 2) return;
  madvise(reinterpret_cast<void*>(begin), after - begin, MADV_HUGEPAGE);  // advice: failure is harmless
}

}  // namespace pulsarc::cli
