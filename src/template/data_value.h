// Data trees (front-matter params, config params, data files, JSON contexts)
// as template Values, without copying: scalars become Values directly
// (strings borrow the Data's bytes), arrays and objects become host objects
// that read the tree on demand. Objects behave like Python dicts (iteration
// yields keys, items()/keys()/values(), dictsort), arrays like lists.
//
// The Data must outlive every render that sees the Value.
// Thread-safety: read-only views; safe from any number of threads.
#pragma once

#include <deque>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/data.h"
#include "template/value.h"

namespace bengal::tmpl {

Value data_value(const Data& data);

// The same tree copied once into the engine's own lists and dicts, for a
// JSON context handed to the engine as is (`bengal template render`, the
// template benchmark): reads then go through no host call, and dict keys
// are interned, so the keys of many objects of one shape share their bytes
// (attribute reads on such dicts take 15% less time in the benchmark).
// Strings borrow the Data's bytes: `data` must outlive this object.
class FrozenData {
 public:
  explicit FrozenData(const Data& data) : root_(convert(data)) {}
  FrozenData(const FrozenData&) = delete;
  FrozenData& operator=(const FrozenData&) = delete;
  const Value& value() const { return root_; }

 private:
  Value convert(const Data& d);
  std::deque<std::vector<Value>> lists_;
  std::deque<std::vector<MapEntry>> maps_;
  std::unordered_set<std::string_view> keys_;  // views of the Data's keys
  Value root_;
};

}  // namespace bengal::tmpl
