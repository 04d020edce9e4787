#include "core/data.h"

#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace bengal {

Data Data::boolean(bool v) {
  Data d;
  d.kind_ = Kind::kBool;
  d.b_ = v;
  return d;
}

Data Data::integer(std::int64_t v) {
  Data d;
  d.kind_ = Kind::kInt;
  d.i_ = v;
  return d;
}

Data Data::number(double v) {
  Data d;
  d.kind_ = Kind::kFloat;
  d.d_ = v;
  return d;
}

Data Data::string(std::string v) {
  Data d;
  d.kind_ = Kind::kString;
  d.s_ = std::move(v);
  return d;
}

Data Data::array() {
  Data d;
  d.kind_ = Kind::kArray;
  return d;
}

Data Data::object() {
  Data d;
  d.kind_ = Kind::kObject;
  return d;
}

Data& Data::set(std::string key, Data v) {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      items_[i] = std::move(v);
      return items_[i];
    }
  }
  keys_.push_back(std::move(key));
  items_.push_back(std::move(v));
  return items_.back();
}

const Data* Data::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return &items_[i];
  }
  return nullptr;
}

Data* Data::find(std::string_view key) {
  return const_cast<Data*>(static_cast<const Data*>(this)->find(key));
}

bool Data::erase(std::string_view key) {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(i));
      items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

void Data::merge_from(const Data& other) {
  if (!other.is_object()) return;
  if (!is_object()) *this = Data::object();
  for (std::size_t i = 0; i < other.keys_.size(); ++i) {
    Data* mine = find(other.keys_[i]);
    if (mine != nullptr && mine->is_object() && other.items_[i].is_object()) {
      mine->merge_from(other.items_[i]);
    } else {
      set(other.keys_[i], other.items_[i]);
    }
  }
}

namespace {
void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", v);
    // Prefer the shortest form that round-trips.
    for (int prec = 1; prec <= 17; ++prec) {
      char tmp[32];
      std::snprintf(tmp, sizeof tmp, "%.*g", prec, v);
      if (std::strtod(tmp, nullptr) == v) {
        std::snprintf(buf, sizeof buf, "%s", tmp);
        break;
      }
    }
  }
  out += buf;
}
}  // namespace

std::string Data::to_display_string() const {
  switch (kind_) {
    case Kind::kNull: return "";
    case Kind::kBool: return b_ ? "true" : "false";
    case Kind::kInt: return std::to_string(i_);
    case Kind::kFloat: {
      std::string s;
      append_number(s, d_);
      return s;
    }
    case Kind::kString: return s_;
    default: return "";
  }
}

void Data::append_json(std::string& out) const {
  switch (kind_) {
    case Kind::kNull: out += "null"; return;
    case Kind::kBool: out += b_ ? "true" : "false"; return;
    case Kind::kInt: out += std::to_string(i_); return;
    case Kind::kFloat: append_number(out, d_); return;
    case Kind::kString:
      out += '"';
      append_json_escaped(out, s_);
      out += '"';
      return;
    case Kind::kArray:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        items_[i].append_json(out);
      }
      out += ']';
      return;
    case Kind::kObject:
      out += '{';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        out += '"';
        append_json_escaped(out, keys_[i]);
        out += "\":";
        items_[i].append_json(out);
      }
      out += '}';
      return;
  }
}

std::string Data::to_json() const {
  std::string out;
  append_json(out);
  return out;
}

bool Data::operator==(const Data& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kNull: return true;
    case Kind::kBool: return b_ == o.b_;
    case Kind::kInt: return i_ == o.i_;
    case Kind::kFloat: return d_ == o.d_;
    case Kind::kString: return s_ == o.s_;
    case Kind::kArray: return items_ == o.items_;
    case Kind::kObject: return keys_ == o.keys_ && items_ == o.items_;
  }
  return false;
}

}  // namespace bengal
