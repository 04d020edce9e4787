#include "core/heap.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

// Declared weak so the libraries need not link mimalloc: the symbol is
// non-null only in a process that did.
extern "C" void mi_collect(bool force) __attribute__((weak));

namespace bengal {

void release_free_memory() {
  if (mi_collect != nullptr) {
    mi_collect(true);
    return;
  }
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace bengal
