// release_free_memory(): hands memory the allocator keeps for reuse back to
// the OS, so a large allocation that follows (the build cache) does not
// come on top of it in peak RSS.
//
// Works with whichever allocator the process runs on: mimalloc when the
// executable links it (bengal does unless sanitizers are on), glibc's malloc
// otherwise. Under mimalloc the effect is sticky: memory freed afterwards is
// returned at once too (restoring mimalloc's delay put a cold 10,000-page
// build back from 280 to 308 MiB peak); a long-lived `bengal serve` pays a
// few more syscalls per rebuild for it. Thread-safety: may be called from
// any thread.
#pragma once

namespace bengal {

void release_free_memory();

}  // namespace bengal
