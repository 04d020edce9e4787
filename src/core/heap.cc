#include "core/heap.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

#ifdef __GLIBC__
#include <malloc.h>
#endif

#if __has_include(<mimalloc.h>)
#include <mimalloc.h>
// Weak, so the libraries need not link mimalloc: the symbols are non-null
// only in a process that did (the bengal executable).
#pragma weak mi_collect
#pragma weak mi_option_set
#define BENGAL_HAVE_MIMALLOC_H 1
#endif

namespace bengal {

void release_free_memory() {
#ifdef BENGAL_HAVE_MIMALLOC_H
  if (&mi_collect != nullptr && &mi_option_set != nullptr) {
    // From here on freed memory goes back to the OS at once instead of
    // after a delay: what follows is one large allocation (the cache), not
    // churn the delay would save syscalls on.
    mi_option_set(mi_option_decommit_delay, 0);
    mi_collect(true);
    return;
  }
#endif
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace bengal
