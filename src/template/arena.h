// Arena: the bump allocator a render allocates its temporary values from.
//
// Strings built while rendering (concatenations, filter results), lists and
// maps made by template literals, scopes and loop state all live here until
// the render ends. reset() rewinds without returning memory, so a renderer
// that is reused reaches a steady state with no heap allocation per render.
// Allocation beyond `limit` bytes fails (returns nullptr) instead of growing
// without bound, so a runaway template cannot exhaust memory.
//
// Thread-safety: none; one arena belongs to one renderer (one worker).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bengal::tmpl {

class Arena {
 public:
  explicit Arena(std::size_t first_chunk = 64 * 1024) : first_chunk_(first_chunk) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Memory aligned to `align` (a power of two), or nullptr past the limit.
  void* allocate(std::size_t bytes, std::size_t align = alignof(std::max_align_t)) {
    std::size_t p = (pos_ + align - 1) & ~(align - 1);
    if (cur_ != nullptr && p + bytes <= cur_size_) {
      pos_ = p + bytes;
      return cur_ + p;
    }
    return allocate_slow(bytes, align);
  }

  // Uninitialised storage for `n` trivially destructible T.
  template <typename T>
  T* make_array(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    return static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
  }

  // A copy of `s` owned by the arena (empty view for empty input).
  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    if (p == nullptr) return {};
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  // Forgets every allocation; keeps the chunks for the next render.
  void reset() {
    chunk_index_ = 0;
    used_before_ = 0;
    select_chunk(0);
  }

  void set_limit(std::size_t bytes) { limit_ = bytes; }
  // Bytes handed out since the last reset (approximate: includes padding).
  std::size_t used() const { return used_before_ + pos_; }
  std::size_t reserved() const;

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    std::size_t size;
  };
  void* allocate_slow(std::size_t bytes, std::size_t align);
  void select_chunk(std::size_t i) {
    if (i < chunks_.size()) {
      cur_ = chunks_[i].data.get();
      cur_size_ = chunks_[i].size;
    } else {
      cur_ = nullptr;
      cur_size_ = 0;
    }
    pos_ = 0;
  }

  std::vector<Chunk> chunks_;
  std::size_t chunk_index_ = 0;
  char* cur_ = nullptr;
  std::size_t cur_size_ = 0;
  std::size_t pos_ = 0;
  std::size_t used_before_ = 0;
  std::size_t first_chunk_;
  std::size_t limit_ = std::size_t{1} << 30;
};

}  // namespace bengal::tmpl
