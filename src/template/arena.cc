#include "template/arena.h"

#include <algorithm>

namespace bengal::tmpl {

void* Arena::allocate_slow(std::size_t bytes, std::size_t align) {
  // Move on to the next retained chunk before allocating a new one: after the
  // first few renders every request is served from retained chunks.
  while (cur_ != nullptr && chunk_index_ + 1 < chunks_.size()) {
    used_before_ += pos_;
    select_chunk(++chunk_index_);
    std::size_t p = (pos_ + align - 1) & ~(align - 1);
    if (p + bytes <= cur_size_) {
      pos_ = p + bytes;
      return cur_ + p;
    }
  }
  if (used_before_ + pos_ + bytes > limit_) return nullptr;
  used_before_ += pos_;
  std::size_t last = chunks_.empty() ? first_chunk_ / 2 : chunks_.back().size;
  std::size_t size = std::max(last * 2, bytes + align);
  // operator new[] aligns to __STDCPP_DEFAULT_NEW_ALIGNMENT__ (16), enough for
  // every type the renderer stores, so offset 0 is aligned.
  chunks_.push_back(Chunk{std::unique_ptr<char[]>(new char[size]), size});
  chunk_index_ = chunks_.size() - 1;
  select_chunk(chunk_index_);
  pos_ = bytes;
  return cur_;
}

std::size_t Arena::reserved() const {
  std::size_t total = 0;
  for (const auto& c : chunks_) total += c.size;
  return total;
}

}  // namespace bengal::tmpl
