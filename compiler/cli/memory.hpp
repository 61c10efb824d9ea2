// How the process takes memory from the kernel. Nothing here changes what pulsarc computes.
#pragma once

namespace pulsarc::cli {

/// Backs the heap with 2 MiB pages where the kernel allows it (transparent huge pages in `madvise`
/// mode). On virtual machines every first touch of a 4 KiB page is a trip to the hypervisor, and a
/// large build touches tens of thousands of them (bench/README.md). Call once, first thing in main.
void prefer_huge_pages();

}  // namespace pulsarc::cli
