// Python string formatting: printf-style ("%s" % x, the format filter) and
// str.format() ("{:>8.2f}".format(x)), over Values.
#include <cmath>
#include <cstdio>
#include <string>

#include "core/text.h"
#include "template/builtins.h"
#include "template/format.h"
#include "template/pystr.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

struct Spec {
  bool left = false, plus = false, space = false, zero = false, alt = false;
  int width = -1;
  int precision = -1;
};

void pad(std::string& out, std::string_view body, const Spec& s, bool numeric) {
  auto len = static_cast<int>(pystr::length(body));
  if (s.width <= len) {
    out += body;
    return;
  }
  std::size_t fill = static_cast<std::size_t>(s.width - len);
  if (s.left) {
    out += body;
    out.append(fill, ' ');
  } else if (s.zero && numeric) {
    std::size_t sign =
        (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
    // Zero padding goes after the sign and a 0x prefix.
    if (body.size() > sign + 1 && body[sign] == '0' &&
        (body[sign + 1] == 'x' || body[sign + 1] == 'X' || body[sign + 1] == 'o')) {
      sign += 2;
    }
    out += body.substr(0, sign);
    out.append(fill, '0');
    out += body.substr(sign);
  } else {
    out.append(fill, ' ');
    out += body;
  }
}

bool format_int(CallContext& cx, std::string& out, const Value& v, char conv, const Spec& s) {
  std::int64_t i;
  if (v.is_int() || v.is_bool()) {
    i = v.as_int();
  } else if (v.is_float() && (conv == 'd' || conv == 'i' || conv == 'u')) {
    double d = v.as_float();
    if (!std::isfinite(d)) {
      cx.fail(std::string("cannot convert float ") +
              std::string(std::isnan(d) ? "NaN" : "infinity") + " to integer");
      return false;
    }
    i = static_cast<std::int64_t>(d);
  } else {
    cx.fail(std::string("%") + conv + " format: " +
            (conv == 'x' || conv == 'X' || conv == 'o' ? "an integer" : "a real number") +
            std::string(" is required, not ") +
            std::string(type_name(v)).substr(0, type_name(v).find(' ')));
    return false;
  }
  std::string body;
  bool neg = i < 0;
  unsigned long long mag =
      neg ? 0ULL - static_cast<unsigned long long>(i) : static_cast<unsigned long long>(i);
  char buf[72];
  const char* fmt = conv == 'x' ? "%llx" : conv == 'X' ? "%llX" : conv == 'o' ? "%llo" : "%llu";
  std::snprintf(buf, sizeof buf, fmt, mag);
  std::string digits = buf;
  if (s.precision >= 0 && static_cast<int>(digits.size()) < s.precision) {
    digits.insert(0, static_cast<std::size_t>(s.precision) - digits.size(), '0');
  }
  if (neg) {
    body += '-';
  } else if (s.plus) {
    body += '+';
  } else if (s.space) {
    body += ' ';
  }
  if (s.alt && conv == 'x') body += "0x";
  if (s.alt && conv == 'X') body += "0X";
  if (s.alt && conv == 'o') body += "0o";
  body += digits;
  pad(out, body, s, true);
  return true;
}

bool format_float(CallContext& cx, std::string& out, const Value& v, char conv, const Spec& s) {
  if (!v.is_number()) {
    cx.fail(std::string("must be real number, not ") +
            std::string(type_name(v)).substr(0, type_name(v).find(' ')));
    return false;
  }
  double d = v.to_double();
  std::string f = "%";
  if (s.plus) f += '+';
  if (s.space) f += ' ';
  if (s.alt) f += '#';
  f += '.';
  f += std::to_string(s.precision < 0 ? 6 : s.precision);
  f += conv;
  char buf[512];
  std::snprintf(buf, sizeof buf, f.c_str(), d);
  pad(out, buf, s, std::isfinite(d));
  return true;
}

}  // namespace

bool percent_format(CallContext& cx, std::string_view fmt, const Value& args, std::string& out) {
  std::span<const Value> positional;
  Value single[1];
  if (args.is_tuple()) {
    positional = args.as_list();
  } else {
    single[0] = args;
    positional = std::span<const Value>(single, 1);
  }
  bool mapping = is_mapping(args) && !args.is_tuple();
  std::size_t next = 0;
  bool used_mapping = false;
  auto next_arg = [&](Value& v) -> bool {
    if (next >= positional.size()) {
      cx.fail("not enough arguments for format string");
      return false;
    }
    v = positional[next++];
    return true;
  };
  std::size_t i = 0;
  while (i < fmt.size()) {
    char c = fmt[i];
    if (c != '%') {
      out += c;
      ++i;
      continue;
    }
    if (++i >= fmt.size()) {
      cx.fail("incomplete format");
      return false;
    }
    Value key_value;
    bool keyed = false;
    if (fmt[i] == '(') {
      std::size_t depth = 1, j = i + 1;
      while (j < fmt.size() && depth > 0) {
        if (fmt[j] == '(') ++depth;
        if (fmt[j] == ')') --depth;
        ++j;
      }
      if (depth != 0) {
        cx.fail("incomplete format key");
        return false;
      }
      if (!mapping) {
        cx.fail("format requires a mapping");
        return false;
      }
      std::string_view key = fmt.substr(i + 1, j - i - 2);
      if (!get_item(args, Value::string(key), key_value, cx.host())) {
        cx.fail(std::string("KeyError: '") + std::string(key) + "'");
        return false;
      }
      keyed = true;
      used_mapping = true;
      i = j;
    }
    Spec s;
    for (; i < fmt.size(); ++i) {
      char f = fmt[i];
      if (f == '-')
        s.left = true;
      else if (f == '+')
        s.plus = true;
      else if (f == ' ')
        s.space = true;
      else if (f == '0')
        s.zero = true;
      else if (f == '#')
        s.alt = true;
      else
        break;
    }
    auto read_number = [&](int& dest) -> bool {
      if (i < fmt.size() && fmt[i] == '*') {
        Value w;
        if (!next_arg(w)) return false;
        if (!w.is_int()) {
          cx.fail("* wants int");
          return false;
        }
        dest = static_cast<int>(w.as_int());
        ++i;
        return true;
      }
      int n = 0;
      bool any = false;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
        n = std::min(n * 10 + (fmt[i] - '0'), 100000);
        ++i;
        any = true;
      }
      if (any) dest = n;
      return true;
    };
    if (!read_number(s.width)) return false;
    if (s.width < -1) {
      s.left = true;
      s.width = -s.width;
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      s.precision = 0;
      if (!read_number(s.precision)) return false;
    }
    while (i < fmt.size() && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
    if (i >= fmt.size()) {
      cx.fail("incomplete format");
      return false;
    }
    char conv = fmt[i++];
    if (conv == '%') {
      out += '%';
      continue;
    }
    Value v;
    if (keyed) {
      v = key_value;
    } else if (!next_arg(v)) {
      return false;
    }
    if (!cx.check_defined(v)) return false;
    switch (conv) {
      case 's':
      case 'r':
      case 'a': {
        std::string body;
        if (conv == 's') {
          cx.append_str(body, v);
        } else {
          append_repr(body, v, cx.host());
        }
        if (s.precision >= 0)
          body.resize(pystr::byte_offset(body, static_cast<std::size_t>(s.precision)));
        pad(out, body, s, false);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o':
        if (!format_int(cx, out, v, conv, s)) return false;
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        if (!format_float(cx, out, v, conv, s)) return false;
        break;
      case 'c': {
        std::string body;
        if (v.is_int()) {
          append_utf8(body, static_cast<char32_t>(v.as_int()));
        } else if (v.is_string() && pystr::length(v.as_string()) == 1) {
          body = std::string(v.as_string());
        } else {
          cx.fail("%c requires int or char");
          return false;
        }
        pad(out, body, s, false);
        break;
      }
      default:
        cx.fail(std::string("unsupported format character '") + conv + "'");
        return false;
    }
  }
  if (!used_mapping && next < positional.size() && !(mapping && next == 0)) {
    cx.fail("not all arguments converted during string formatting");
    return false;
  }
  return true;
}

}  // namespace bengal::tmpl

namespace bengal::tmpl {

namespace {

struct FormatSpec {
  char32_t fill = ' ';
  char align = 0;  // < > ^ =
  char sign = '-';
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;
  int precision = -1;
  char type = 0;
};

bool parse_spec(std::string_view s, FormatSpec& spec) {
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (!s.empty()) {
    std::size_t j = 0;
    char32_t cp = decode_utf8(s, j);
    if (j < s.size() && is_align(s[j])) {
      spec.fill = cp;
      spec.align = s[j];
      i = j + 1;
    } else if (is_align(s[0])) {
      spec.align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec.sign = s[i++];
  if (i < s.size() && s[i] == 'z') ++i;
  if (i < s.size() && s[i] == '#') {
    spec.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    spec.zero = true;
    ++i;
  }
  int w = 0;
  bool any = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    w = std::min(w * 10 + (s[i++] - '0'), 100000);
    any = true;
  }
  if (any) spec.width = w;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) spec.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    int p = 0;
    any = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      p = std::min(p * 10 + (s[i++] - '0'), 1000);
      any = true;
    }
    if (!any) return false;
    spec.precision = p;
  }
  if (i < s.size()) spec.type = s[i++];
  return i == s.size();
}

void group_digits(std::string& digits, char sep) {
  std::size_t dot = digits.find_first_of(".eE%");
  std::size_t end = dot == std::string::npos ? digits.size() : dot;
  std::size_t start = 0;
  while (start < end && !(digits[start] >= '0' && digits[start] <= '9')) ++start;
  std::string out = digits.substr(0, start);
  std::size_t n = end - start;
  for (std::size_t k = 0; k < n; ++k) {
    if (k && (n - k) % 3 == 0) out += sep;
    out += digits[start + k];
  }
  out += digits.substr(end);
  digits = out;
}

void align_into(std::string& out, const std::string& sign, const std::string& body,
                const FormatSpec& spec, char default_align) {
  char align = spec.align ? spec.align : (spec.zero ? '=' : default_align);
  std::string fill_cp;
  append_utf8(fill_cp, spec.zero && !spec.align ? U'0' : spec.fill);
  auto len = static_cast<int>(pystr::length(sign) + pystr::length(body));
  int fill = spec.width > len ? spec.width - len : 0;
  auto repeat = [&](int n) {
    for (int k = 0; k < n; ++k) out += fill_cp;
  };
  switch (align) {
    case '<':
      out += sign;
      out += body;
      repeat(fill);
      break;
    case '^':
      repeat(fill / 2);
      out += sign;
      out += body;
      repeat(fill - fill / 2);
      break;
    case '=':
      out += sign;
      repeat(fill);
      out += body;
      break;
    default:
      repeat(fill);
      out += sign;
      out += body;
      break;
  }
}

bool format_one(CallContext& cx, std::string& out, const Value& v, const FormatSpec& spec) {
  char t = spec.type;
  if (v.is_string() || v.is_none() || v.is_undefined() || (!v.is_number() && t == 0) ||
      (v.is_bool() && t == 0)) {
    if (t != 0 && t != 's') {
      cx.fail(std::string("Unknown format code '") + t + "' for object of type '" +
              std::string(type_name(v)).substr(0, type_name(v).find(' ')) + "'");
      return false;
    }
    std::string body;
    cx.append_str(body, v);
    if (spec.precision >= 0)
      body.resize(pystr::byte_offset(body, static_cast<std::size_t>(spec.precision)));
    align_into(out, "", body, spec, '<');
    return true;
  }
  if (!v.is_number()) {
    cx.fail(std::string("unsupported format for ") + std::string(type_name(v)));
    return false;
  }
  bool is_int = !v.is_float();
  std::string sign, body;
  char buf[512];
  if (is_int && (t == 0 || t == 'd' || t == 'n' || t == 'b' || t == 'o' || t == 'x' || t == 'X' ||
                 t == 'c')) {
    std::int64_t i = v.as_int();
    if (t == 'c') {
      append_utf8(body, static_cast<char32_t>(i));
      align_into(out, "", body, spec, '<');
      return true;
    }
    bool neg = i < 0;
    unsigned long long mag =
        neg ? 0ULL - static_cast<unsigned long long>(i) : static_cast<unsigned long long>(i);
    if (t == 'b') {
      if (mag == 0) body = "0";
      while (mag) {
        body.insert(body.begin(), static_cast<char>('0' + (mag & 1)));
        mag >>= 1;
      }
    } else {
      std::snprintf(buf, sizeof buf,
                    t == 'o'   ? "%llo"
                    : t == 'x' ? "%llx"
                    : t == 'X' ? "%llX"
                               : "%llu",
                    mag);
      body = buf;
    }
    if (spec.grouping) group_digits(body, spec.grouping);
    if (spec.alt && (t == 'b' || t == 'o' || t == 'x' || t == 'X')) {
      body.insert(0, t == 'b' ? "0b" : t == 'o' ? "0o" : t == 'x' ? "0x" : "0X");
    }
    if (neg || spec.sign == '+' || spec.sign == ' ') sign = neg ? '-' : spec.sign;
    align_into(out, sign, body, spec, '>');
    return true;
  }
  if (t != 0 && t != 'e' && t != 'E' && t != 'f' && t != 'F' && t != 'g' && t != 'G' && t != '%' &&
      t != 'n') {
    cx.fail(std::string("Unknown format code '") + t + "' for object of type '" +
            (is_int ? "int" : "float") + "'");
    return false;
  }
  double d = v.to_double();
  bool neg = std::signbit(d);
  double mag = std::fabs(d);
  if (t == 0 && spec.precision < 0) {
    append_float(body, mag);
  } else if (t == 0) {
    std::snprintf(buf, sizeof buf, "%.*g", std::max(spec.precision, 1), mag);
    body = buf;
    if (body.find_first_of(".einf") == std::string::npos) body += ".0";
  } else if (t == '%') {
    std::snprintf(buf, sizeof buf, "%.*f", spec.precision < 0 ? 6 : spec.precision, mag * 100);
    body = buf;
    body += '%';
  } else {
    char f[16];
    std::snprintf(f, sizeof f, "%%%s.*%c", spec.alt ? "#" : "", t == 'n' ? 'g' : t);
    std::snprintf(buf, sizeof buf, f, spec.precision < 0 ? 6 : spec.precision, mag);
    body = buf;
  }
  if (spec.grouping) group_digits(body, spec.grouping);
  if (neg || spec.sign == '+' || spec.sign == ' ') sign = neg ? '-' : spec.sign;
  align_into(out, sign, body, spec, '>');
  return true;
}

}  // namespace

bool brace_format(CallContext& cx, std::string_view fmt, const Args& args, std::string& out) {
  std::size_t auto_index = 0;
  bool used_auto = false, used_manual = false;
  std::size_t i = 0;
  while (i < fmt.size()) {
    char c = fmt[i];
    if (c == '}') {
      if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
        out += '}';
        i += 2;
        continue;
      }
      cx.fail("Single '}' encountered in format string");
      return false;
    }
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out += '{';
      i += 2;
      continue;
    }
    std::size_t close = fmt.find('}', i);
    if (close == std::string_view::npos) {
      cx.fail("expected '}' before end of string");
      return false;
    }
    std::string_view field = fmt.substr(i + 1, close - i - 1);
    i = close + 1;
    std::string_view spec_text;
    char conversion = 0;
    if (auto colon = field.find(':'); colon != std::string_view::npos) {
      spec_text = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    if (auto bang = field.find('!'); bang != std::string_view::npos) {
      if (bang + 2 != field.size()) {
        cx.fail("expected ':' after conversion specifier");
        return false;
      }
      conversion = field[bang + 1];
      field = field.substr(0, bang);
    }
    // The argument: "", "0", "name", then .attr / [key] parts.
    std::size_t head_end = field.find_first_of(".[");
    std::string_view head = field.substr(0, head_end);
    Value v;
    if (head.empty()) {
      if (used_manual) {
        cx.fail("cannot switch from manual field specification to automatic field numbering");
        return false;
      }
      used_auto = true;
      if (auto_index >= args.positional.size()) {
        cx.fail(std::string("Replacement index ") + std::to_string(auto_index) +
                " out of range for positional args tuple");
        return false;
      }
      v = args.positional[auto_index++];
    } else if (head[0] >= '0' && head[0] <= '9') {
      if (used_auto) {
        cx.fail("cannot switch from automatic field numbering to manual field specification");
        return false;
      }
      used_manual = true;
      std::size_t idx = 0;
      for (char d : head) idx = idx * 10 + static_cast<std::size_t>(d - '0');
      if (idx >= args.positional.size()) {
        cx.fail(std::string("Replacement index ") + std::to_string(idx) +
                " out of range for positional args tuple");
        return false;
      }
      v = args.positional[idx];
    } else {
      const Value* kw = nullptr;
      for (const auto& k : args.keywords) {
        if (k.name == head) kw = &k.value;
      }
      if (kw == nullptr) {
        cx.fail(std::string("KeyError: '") + std::string(head) + "'");
        return false;
      }
      v = *kw;
    }
    std::string_view rest =
        head_end == std::string_view::npos ? std::string_view() : field.substr(head_end);
    while (!rest.empty()) {
      Value next;
      if (rest[0] == '.') {
        std::size_t end = rest.find_first_of(".[", 1);
        std::string_view attr =
            rest.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
        if (!get_attribute(v, attr, next, cx.host())) {
          cx.fail(std::string("'") + std::string(type_name(v)) +
                  std::string("' has no attribute '") + std::string(attr) + "'");
          return false;
        }
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
      } else {
        std::size_t end = rest.find(']');
        if (end == std::string_view::npos) {
          cx.fail("Missing ']' in format string");
          return false;
        }
        std::string_view key = rest.substr(1, end - 1);
        bool numeric =
            !key.empty() && key.find_first_not_of("0123456789") == std::string_view::npos;
        Value k = Value::string(key);
        if (numeric) {
          std::int64_t n = 0;
          for (char d : key) n = n * 10 + (d - '0');
          k = Value::integer(n);
        }
        if (!get_item(v, k, next, cx.host())) {
          cx.fail(std::string("KeyError: '") + std::string(key) + "'");
          return false;
        }
        rest = rest.substr(end + 1);
      }
      v = next;
    }
    if (conversion == 'r' || conversion == 'a' || conversion == 's') {
      std::string tmp;
      if (conversion == 's') {
        cx.append_str(tmp, v);
      } else {
        append_repr(tmp, v, cx.host());
      }
      v = cx.string(tmp);
    } else if (conversion != 0) {
      cx.fail(std::string("Unknown conversion specifier ") + conversion);
      return false;
    }
    FormatSpec spec;
    if (!parse_spec(spec_text, spec)) {
      cx.fail(std::string("Invalid format specifier '") + std::string(spec_text) + "'");
      return false;
    }
    if (!format_one(cx, out, v, spec)) return false;
  }
  return true;
}

}  // namespace bengal::tmpl
