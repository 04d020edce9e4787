// Data: a small ordered JSON-like tree for user-supplied values (front-matter
// params, config params, data files). Object keys keep their source order, so
// output that iterates a map is deterministic and matches what users wrote.
//
// Thread-safety: a plain value; const access from many threads is safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bengal {

class Data {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kInt, kFloat, kString, kArray, kObject };

  Data() = default;
  static Data boolean(bool v);
  static Data integer(std::int64_t v);
  static Data number(double v);
  static Data string(std::string v);
  static Data array();
  static Data object();

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_int() const { return kind_ == Kind::kInt; }
  bool is_float() const { return kind_ == Kind::kFloat; }
  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  bool as_bool() const { return b_; }
  std::int64_t as_int() const { return kind_ == Kind::kFloat ? static_cast<std::int64_t>(d_) : i_; }
  double as_double() const { return kind_ == Kind::kInt ? static_cast<double>(i_) : d_; }
  const std::string& as_string() const { return s_; }

  // Arrays and objects: items() holds the elements (object values, in order).
  std::size_t size() const { return items_.size(); }
  const std::vector<Data>& items() const { return items_; }
  std::vector<Data>& items() { return items_; }
  const std::vector<std::string>& keys() const { return keys_; }  // objects only
  const Data& operator[](std::size_t i) const { return items_[i]; }

  void push_back(Data v) { items_.push_back(std::move(v)); }
  // Sets key (replacing an existing entry, keeping its position).
  Data& set(std::string key, Data v);
  const Data* find(std::string_view key) const;
  Data* find(std::string_view key);
  bool erase(std::string_view key);

  // Deep-merge `other` into this object: keys in `other` win, nested objects merge.
  void merge_from(const Data& other);

  // Scalar as text ("true", "3", "2.5", the string itself); empty for containers.
  std::string to_display_string() const;
  // Compact JSON (keys in order).
  std::string to_json() const;
  void append_json(std::string& out) const;

  bool operator==(const Data& other) const;

 private:
  Kind kind_ = Kind::kNull;
  bool b_ = false;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Data> items_;
  std::vector<std::string> keys_;
};

}  // namespace bengal
