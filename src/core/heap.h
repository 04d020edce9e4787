// release_free_memory(): hands memory the allocator keeps for reuse back to
// the OS, so a large allocation that follows (the build cache) does not
// come on top of it in peak RSS.
//
// Works with whichever allocator the process runs on: mimalloc when the
// executable links it (bengal does unless sanitizers are on), glibc's malloc
// otherwise. Thread-safety: may be called from any thread.
#pragma once

namespace bengal {

void release_free_memory();

}  // namespace bengal
