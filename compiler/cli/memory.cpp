#include "cli/memory.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace pulsarc::cli {

void prefer_huge_pages() {
  if constexpr (PULSARC_SANITIZER_HEAP) return;  // it would also report the block held below
  constexpr std::uintptr_t kHugePage = 2u << 20;
  constexpr std::size_t kReserve = 256u << 20;  // address space only; 10,000 nodes peak far below it
  // One heap that grows once and never shrinks: glibc asks for kReserve beyond the first large
  // block, keeps blocks up to 32 MiB in it instead of separate mappings, and never trims it (a
  // trimmed and regrown heap would lose the advice below).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kReserve));
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  // Only whole, aligned 2 MiB ranges that no one has touched yet can become huge pages; below
  // `begin` every page is a 4 KiB one, each first touch a ~10 µs trip to the hypervisor here (a seed
  // build made ~130 of them), where one 2 MiB page costs ~100 µs. malloc carves from the top chunk,
  // which starts below `begin` (glibc's main arena ends at the break, and keepcost is the top
  // chunk's size). So the top chunk is cut just below `begin` by one block held for good and never
  // touched (malloc writes only chunk headers, here both below `begin`), and the heap's growth,
  // which this allocation makes, is advised before anything in it is written.
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t top = before - mallinfo2().keepcost;
  constexpr std::uintptr_t kHeaders = 16;  // the next chunk's header, just below `begin`
  constexpr std::uintptr_t kSizeField = sizeof(std::size_t);
  auto begin = (before + kHugePage - 1) & ~(kHugePage - 1);
  // At least 1 MiB, so that no free chunk fits and the block comes from the top chunk.
  if (begin - top < (1u << 20)) begin += kHugePage;
  void* volatile below_begin = std::malloc(begin - kHeaders - top - kSizeField);  // held, never freed
  (void)below_begin;
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Under another allocator (valgrind's) or when the kernel refused the reservation the break did
  // not move, and there is nothing to advise.
  if (after < begin + kReserve / 2) return;
  madvise(reinterpret_cast<void*>(begin), after - begin, MADV_HUGEPAGE);  // advice: failure is harmless
}

}  // namespace pulsarc::cli
