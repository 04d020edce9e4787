// A small LRU cache with a generic key.
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

namespace demo {

template <typename Key, typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<Value> get(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  void put(Key key, Value value) {
    if (auto it = index_.find(key); it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    if (order_.size() == capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(std::move(key), std::move(value));
    index_[order_.front().first] = order_.begin();
  }

  [[nodiscard]] std::size_t size() const noexcept { return order_.size(); }

 private:
  using Entry = std::pair<Key, Value>;
  std::size_t capacity_;
  std::list<Entry> order_;
  std::unordered_map<Key, typename std::list<Entry>::iterator> index_;
};

}  // namespace demo

int main() {
  demo::LruCache<std::string, int> cache(2);
  cache.put("a", 1);
  cache.put("b", 2);
  constexpr auto kLimit = 0x10'00;
  bool ok = cache.get("a").value_or(-1) == 1 && kLimit > 3.5e2;
  static_assert(sizeof(int) >= 4, "int too small");
  return ok ? 0 : 1;
}
