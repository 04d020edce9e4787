// OutBuffer: the growable byte buffer a render writes into.
//
// Appends of a few bytes are the common case (template text between tags,
// short attribute values), so they are copied inline instead of through
// memcpy: glibc's vectorised memmove is measurably slow for 16-31 byte copies
// on the project's CI machines (bench/template), and the call overhead
// dominates at these sizes anyway. Capacity is kept across clear(), so a
// reused buffer stops allocating once it has seen the largest page.
//
// Thread-safety: none; each buffer belongs to one renderer.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace bengal::tmpl {

class OutBuffer {
 public:
  OutBuffer() = default;
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;

  __attribute__((always_inline)) void append(const char* p, std::size_t n) {
    if (n > cap_ - size_) grow(n);
    char* d = data_.get() + size_;
    if (n <= 32) {
      copy_small(d, p, n);
    } else {
      std::memcpy(d, p, n);
    }
    size_ += n;
  }
  __attribute__((always_inline)) void append(std::string_view s) { append(s.data(), s.size()); }
  // For callers that know n <= 32 (formatted numbers).
  void append_short(const char* p, std::size_t n) {
    if (n > cap_ - size_) grow(n);
    copy_small(data_.get() + size_, p, n);
    size_ += n;
  }
  void push_back(char c) {
    if (size_ == cap_) grow(1);
    data_[size_++] = c;
  }
  OutBuffer& operator+=(std::string_view s) {
    append(s);
    return *this;
  }
  OutBuffer& operator+=(char c) {
    push_back(c);
    return *this;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  __attribute__((always_inline)) static void copy_small(char* d, const char* p, std::size_t n) {
    if (n >= 8) {
      // Whole words, then the last word (overlapping): no byte loop and no
      // read past the source.
      std::size_t i = 0;
      for (; i + 8 <= n; i += 8) __builtin_memcpy(d + i, p + i, 8);
      if (i < n) __builtin_memcpy(d + n - 8, p + n - 8, 8);
      return;
    }
    if (n >= 4) {
      __builtin_memcpy(d, p, 4);
      __builtin_memcpy(d + n - 4, p + n - 4, 4);
      return;
    }
    for (std::size_t i = 0; i < n; ++i) d[i] = p[i];
  }

  __attribute__((noinline)) void grow(std::size_t extra) {
    std::size_t cap = cap_ < 256 ? 256 : cap_ * 2;
    while (cap - size_ < extra) cap *= 2;
    std::unique_ptr<char[]> bigger(new char[cap]);
    if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    cap_ = cap;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
};

}  // namespace bengal::tmpl
