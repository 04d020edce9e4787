#include "core/data_formats.h"

#include <yaml.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <toml++/toml.h>

#include "core/fs.h"
#include "core/text.h"
#include "core/yaml_simple.h"

namespace bengal {

// ---------------------------------------------------------------------------
// JSON

namespace {

constexpr int kMaxDepth = 200;

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  Result<Data> parse() {
    skip_ws();
    Data v;
    if (!value(v, 0)) return fail();
    skip_ws();
    if (pos_ != s_.size()) {
      err_ = "unexpected text after the JSON value";
      return fail();
    }
    return v;
  }

 private:
  Diagnostic fail() {
    int line, col;
    offset_to_line_col(s_, pos_, line, col);
    Diagnostic d = make_error({"", line, col}, "invalid JSON: " + err_);
    attach_excerpt(d, s_);
    return d;
  }

  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) {
      err_ = "unexpected character";
      return false;
    }
    pos_ += word.size();
    return true;
  }

  bool value(Data& out, int depth) {
    if (depth > kMaxDepth) {
      err_ = "nesting too deep";
      return false;
    }
    if (pos_ >= s_.size()) {
      err_ = "unexpected end of input";
      return false;
    }
    char c = s_[pos_];
    switch (c) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string str;
        if (!string(str)) return false;
        out = Data::string(std::move(str));
        return true;
      }
      case 't': out = Data::boolean(true); return literal("true");
      case 'f': out = Data::boolean(false); return literal("false");
      case 'n': out = Data(); return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        err_ = std::string("unexpected character '") + c + "'";
        return false;
    }
  }

  bool number(Data& out) {
    std::size_t start = pos_;
    bool is_float = false;
    if (s_[pos_] == '-') ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        is_float = true;
        ++pos_;
      } else {
        break;
      }
    }
    std::string text(s_.substr(start, pos_ - start));
    char* end = nullptr;
    if (!is_float) {
      errno = 0;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0 && end != nullptr && *end == '\0') {
        out = Data::integer(v);
        return true;
      }
    }
    double d = std::strtod(text.c_str(), &end);
    if (end == nullptr || *end != '\0' || text == "-") {
      pos_ = start;
      err_ = "malformed number";
      return false;
    }
    out = Data::number(d);
    return true;
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(unsigned& v) {
    if (pos_ + 4 > s_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      int d = hex_digit(s_[pos_ + static_cast<std::size_t>(i)]);
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    pos_ += 4;
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;
        err_ = "control character in string";
        return false;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!hex4(cp)) {
            err_ = "bad \\u escape";
            return false;
          }
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            unsigned lo;
            if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) {
              err_ = "bad surrogate pair";
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          err_ = "bad escape";
          return false;
      }
    }
    err_ = "unterminated string";
    return false;
  }

  bool array(Data& out, int depth) {
    ++pos_;
    out = Data::array();
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      Data item;
      if (!value(item, depth + 1)) return false;
      out.push_back(std::move(item));
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      err_ = "expected ',' or ']'";
      return false;
    }
  }

  bool object(Data& out, int depth) {
    ++pos_;
    out = Data::object();
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') {
        err_ = "expected a quoted key";
        return false;
      }
      std::string key;
      if (!string(key)) return false;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        err_ = "expected ':'";
        return false;
      }
      ++pos_;
      skip_ws();
      Data item;
      if (!value(item, depth + 1)) return false;
      out.set(std::move(key), std::move(item));
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      err_ = "expected ',' or '}'";
      return false;
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string err_;
};

// ---------------------------------------------------------------------------
// YAML

class YamlBuilder {
 public:
  explicit YamlBuilder(std::string_view text) : text_(text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~YamlBuilder() { yaml_parser_delete(&parser_); }

  Result<Data> build() {
    Data root;
    bool have_root = false;
    while (true) {
      yaml_event_t ev;
      if (!yaml_parser_parse(&parser_, &ev)) return parser_error();
      yaml_event_type_t type = ev.type;
      bool ok = handle(ev, root, have_root);
      yaml_event_delete(&ev);
      if (!ok) return error_at(last_mark_, err_);
      if (type == YAML_STREAM_END_EVENT) break;
    }
    return root;
  }

 private:
  struct Frame {
    Data value;
    bool is_map = false;
    bool have_key = false;
    std::string key;
    std::string anchor;
  };

  Diagnostic error_at(yaml_mark_t mark, const std::string& message) {
    Diagnostic d = make_error({"", static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1},
                              "invalid YAML: " + message);
    attach_excerpt(d, text_);
    return d;
  }

  Diagnostic parser_error() {
    std::string msg = parser_.problem ? parser_.problem : "syntax error";
    if (parser_.context) {
      // libyaml detects an unclosed construct where the text ends; the place
      // the construct started (the context mark) is where the fix goes.
      msg = std::string(parser_.context) + " that starts here: " + msg;
      return error_at(parser_.context_mark, msg);
    }
    return error_at(parser_.problem_mark, msg);
  }

  // Attaches a finished value to the enclosing container (or the root).
  bool attach(Data v, Data& root, bool& have_root) {
    if (++nodes_ > kMaxNodes) {
      err_ = "document too large (alias expansion?)";
      return false;
    }
    if (stack_.empty()) {
      if (!have_root) root = std::move(v);
      have_root = true;
      return true;
    }
    Frame& top = stack_.back();
    if (!top.is_map) {
      top.value.push_back(std::move(v));
      return true;
    }
    if (!top.have_key) {
      if (v.is_array() || v.is_object()) {
        err_ = "complex mapping keys are not supported";
        return false;
      }
      top.key = v.is_null() ? "" : v.to_display_string();
      top.have_key = true;
      return true;
    }
    if (top.key == "<<" && v.is_object()) {
      // Merge key: copy entries not already present.
      for (std::size_t i = 0; i < v.keys().size(); ++i) {
        if (top.value.find(v.keys()[i]) == nullptr) top.value.set(v.keys()[i], v.items()[i]);
      }
    } else {
      top.value.set(std::move(top.key), std::move(v));
    }
    top.have_key = false;
    return true;
  }

  // Node count of `d`, stopping early once it passes `cap`.
  static std::size_t deep_size(const Data& d, std::size_t cap) {
    std::size_t n = 1;
    for (const Data& child : d.items()) {
      if (n > cap) break;
      n += deep_size(child, cap - n);
    }
    return n;
  }

  static std::string anchor_of(const yaml_char_t* a) {
    return a ? std::string(reinterpret_cast<const char*>(a)) : std::string();
  }

  bool handle(const yaml_event_t& ev, Data& root, bool& have_root) {
    last_mark_ = ev.start_mark;
    switch (ev.type) {
      case YAML_SCALAR_EVENT: {
        std::string_view v(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        Data d = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? yaml_plain_scalar(v)
                                                                 : Data::string(std::string(v));
        std::string anchor = anchor_of(ev.data.scalar.anchor);
        if (!anchor.empty()) anchors_[anchor] = d;
        return attach(std::move(d), root, have_root);
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (stack_.size() >= kMaxDepth) {
          err_ = "nesting too deep";
          return false;
        }
        Frame f;
        f.is_map = ev.type == YAML_MAPPING_START_EVENT;
        f.value = f.is_map ? Data::object() : Data::array();
        f.anchor = anchor_of(ev.type == YAML_MAPPING_START_EVENT ? ev.data.mapping_start.anchor
                                                                 : ev.data.sequence_start.anchor);
        stack_.push_back(std::move(f));
        return true;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        if (!f.anchor.empty()) anchors_[f.anchor] = f.value;
        return attach(std::move(f.value), root, have_root);
      }
      case YAML_ALIAS_EVENT: {
        auto it = anchors_.find(anchor_of(ev.data.alias.anchor));
        if (it == anchors_.end()) {
          err_ = "unknown alias";
          return false;
        }
        nodes_ += deep_size(it->second, kMaxNodes);
        if (nodes_ > kMaxNodes) {
          err_ = "document too large (alias expansion?)";
          return false;
        }
        return attach(it->second, root, have_root);
      }
      default:
        return true;
    }
  }

  static constexpr std::size_t kMaxNodes = 1'000'000;

  std::string_view text_;
  yaml_parser_t parser_;
  std::vector<Frame> stack_;
  std::map<std::string, Data> anchors_;
  std::size_t nodes_ = 0;
  yaml_mark_t last_mark_{};
  std::string err_;
};

// ---------------------------------------------------------------------------
// TOML

Data toml_to_data(const toml::node& node) {
  if (const auto* t = node.as_table()) {
    Data obj = Data::object();
    for (const auto& [k, v] : *t) obj.set(std::string(k.str()), toml_to_data(v));
    return obj;
  }
  if (const auto* a = node.as_array()) {
    Data arr = Data::array();
    for (const auto& v : *a) arr.push_back(toml_to_data(v));
    return arr;
  }
  if (const auto* s = node.as_string()) return Data::string(s->get());
  if (const auto* i = node.as_integer()) return Data::integer(i->get());
  if (const auto* f = node.as_floating_point()) return Data::number(f->get());
  if (const auto* b = node.as_boolean()) return Data::boolean(b->get());
  // Dates and times: keep TOML's own text form (RFC 3339 for date-times).
  std::ostringstream os;
  if (const auto* d = node.as_date()) os << d->get();
  if (const auto* tm = node.as_time()) os << tm->get();
  if (const auto* dt = node.as_date_time()) os << dt->get();
  return Data::string(os.str());
}

}  // namespace

Result<Data> parse_json(std::string_view text) { return JsonParser(text).parse(); }

Result<Data> parse_yaml(std::string_view text) {
  if (trim(text).empty()) return Data::object();
  if (std::optional<Data> simple = parse_simple_yaml(text)) return std::move(*simple);
  return YamlBuilder(text).build();
}

Result<Data> parse_yaml_general(std::string_view text) {
  if (trim(text).empty()) return Data::object();
  return YamlBuilder(text).build();
}

Result<Data> parse_toml(std::string_view text) {
  try {
    toml::table table = toml::parse(text);
    return toml_to_data(table);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    Diagnostic d = make_error({"", static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)},
                              "invalid TOML: " + std::string(e.description()));
    attach_excerpt(d, text);
    return d;
  }
}

Result<Data> parse_data_file(std::string_view path, std::string_view text) {
  std::string_view ext = file_extension(path);
  Result<Data> r = ext == ".json"                     ? parse_json(text)
                   : (ext == ".yaml" || ext == ".yml") ? parse_yaml(text)
                   : ext == ".toml"                    ? parse_toml(text)
                                                       : Result<Data>(make_error(
                                                             {std::string(path), 0, 0},
                                                             "unsupported data file type '" + std::string(ext) + "'",
                                                             "use .json, .yaml, .yml or .toml"));
  if (!r) {
    Diagnostic d = std::move(r).error();
    d.location.file = std::string(path);
    return d;
  }
  return r;
}

}  // namespace bengal
