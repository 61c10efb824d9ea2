// How the process takes memory from the kernel. Nothing here changes what pulsarc computes.
#pragma once

// Whether a sanitizer's allocator owns the heap instead of glibc's.
#if defined(__SANITIZE_ADDRESS__)
#define PULSARC_SANITIZER_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define PULSARC_SANITIZER_HEAP 1
#endif
#endif
#ifndef PULSARC_SANITIZER_HEAP
#define PULSARC_SANITIZER_HEAP 0
#endif

namespace pulsarc::cli {

/// Backs the heap with 2 MiB pages where the kernel allows it (transparent huge pages in `madvise`
/// mode). On virtual machines every first touch of a 4 KiB page is a trip to the hypervisor, and a
/// large build touches tens of thousands of them (bench/README.md). Call once, first thing in main.
/// Does nothing under a sanitizer's allocator.
void prefer_huge_pages();

}  // namespace pulsarc::cli
