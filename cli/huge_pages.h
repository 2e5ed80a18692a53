#pragma once
// Fresh memory on transparent huge pages for the native tools (huge_pages.cpp says why).

namespace pulse::cli {

/// Restarts this process once (execv of /proc/self/exe, same arguments) with glibc's
/// malloc.hugetlb tunable (and its mmap and trim thresholds raised), when the C library reads it
/// and the kernel offers huge pages; returns (and the program goes on with ordinary pages) when it
/// does not apply or the restart fails.
void restart_with_huge_pages(char** argv);

}  // namespace pulse::cli
