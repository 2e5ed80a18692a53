// Fresh memory on transparent huge pages, for the CLI and the native benchmarks.
//
// Why: a report touches tens to thousands of megabytes of fresh memory (columns, joins, price
// points, the JSON), and every 4 KiB page is a fault into the kernel; on this project's
// virtual machines a fault costs several microseconds: 15 % of the CLI's CPU on Online Retail.
// glibc 2.35+ asks the kernel for 2 MiB pages on its heap and large blocks when the tunable
// glibc.malloc.hugetlb=1 is set (madvise, for the kernel's THP "madvise" mode, Debian's
// default): one fault per 2 MiB instead of 512. That covers glibc's heap; blocks of 128 KiB to
// 32 MiB were still mapped on their own and unmapped when freed (the JSON's buffers, the
// joins' and the models' vectors), so the next one faulted its pages afresh: 7,000 faults of
// the 7,100 left on Online Retail. So the same restart also raises malloc's mmap threshold to
// its 32 MiB maximum and keeps freed memory for reuse instead of trimming it: 800 faults are
// left, and the CLI's CPU time drops by a fifth. Tunables are read once, before main, from the
// environment, so the process restarts itself once with them set. Nothing else changes: same
// allocator, same arguments, same output. docs/performance.md "The return models' likelihood and
// fresh memory" and "Freed memory kept" (under "The CLI against native DuckDB") have the figures;
// PULSE_HUGE_PAGES=0 turns it off.
#include "huge_pages.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace pulse::cli {
namespace {

#if defined(__linux__) && defined(__GLIBC__)
bool glibc_reads_hugetlb() {
  int major = 0, minor = 0;
  const char* version = gnu_get_libc_version();
  if (version == nullptr || std::sscanf(version, "%d.%d", &major, &minor) != 2) return false;
  return major > 2 || (major == 2 && minor >= 35);
}

bool kernel_offers_huge_pages() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(in, modes);
  // "always [madvise] never": the bracketed mode is the one in force.
  return modes.find("[always]") != std::string::npos ||
         modes.find("[madvise]") != std::string::npos;
}

// A process given little address space (ulimit -v, prlimit --as under 1 GiB) keeps ordinary
// pages: glibc then grows its heap in 2 MiB steps, which eats a small cap's headroom, down to
// the C++ runtime having no memory left to report the shortage with (tests/cli/cli_test.sh).
bool address_space_small() {
  rlimit limit{};
  return getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
         limit.rlim_cur < (rlim_t{1} << 30);
}
#endif

}  // namespace

void restart_with_huge_pages(char** argv) {
#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  const char* off = std::getenv("PULSE_HUGE_PAGES");
  if (off != nullptr && std::strcmp(off, "0") == 0) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  // Set already: by the restart itself, or by the user (whose choice stands).
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.hugetlb") != nullptr) return;
  if (!glibc_reads_hugetlb() || !kernel_offers_huge_pages() || address_space_small()) return;
  // mmap_threshold's ceiling is 32 MiB on 64-bit glibc (HEAP_MAX_SIZE / 2); larger blocks are
  // still mapped on their own, which is what they are best served by. A one-shot command's
  // heap is given back at exit, so a trim threshold past any heap only keeps what it reuses.
  std::string value =
      "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:"
      "glibc.malloc.trim_threshold=4294967296";
  if (tunables != nullptr && *tunables != '\0') value = std::string(tunables) + ":" + value;
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: the restart failed (no /proc, say). Go on with ordinary pages, and leave the
  // variable set so that a child process is not restarted in vain either.
#else
  (void)argv;
#endif
}

}  // namespace pulse::cli
