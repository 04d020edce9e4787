#include "template/format.h"

#include <bit>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/text.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

namespace {

// Python's repr(float) into `buf` (at least 32 bytes); returns the length.
std::size_t format_float(char* buf, double v) {
  std::size_t n = 0;
  auto put = [&](char c) { buf[n++] = c; };
  auto puts = [&](std::string_view s) {
    for (char c : s) put(c);
  };
  if (std::isnan(v)) {
    puts("nan");
    return n;
  }
  if (std::isinf(v)) {
    puts(v < 0 ? "-inf" : "inf");
    return n;
  }
  // Shortest round-trip digits in scientific form ("d.ddde+XX"), then laid
  // out the way Python's repr does.
  char sci_buf[40];
  auto r = std::to_chars(sci_buf, sci_buf + sizeof sci_buf, v, std::chars_format::scientific);
  std::string_view sci(sci_buf, static_cast<std::size_t>(r.ptr - sci_buf));
  bool negative = !sci.empty() && sci[0] == '-';
  if (negative) sci.remove_prefix(1);
  std::size_t e = sci.find('e');
  char digits[24];
  std::size_t nd = 0;
  for (std::size_t i = 0; i < e; ++i) {
    if (sci[i] != '.') digits[nd++] = sci[i];
  }
  int exp = 0;
  std::from_chars(sci.data() + e + (sci[e + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exp);
  if (negative) put('-');
  // Python uses the fixed form for decimal exponents in [-4, 16): "0.0001"
  // but "1e-05", "1000000000000000.0" but "1e+16".
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      puts("0.");
      for (int k = 0; k < -exp - 1; ++k) put('0');
      puts({digits, nd});
    } else {
      auto int_digits = static_cast<std::size_t>(exp) + 1;
      if (nd <= int_digits) {
        puts({digits, nd});
        for (std::size_t k = nd; k < int_digits; ++k) put('0');
        puts(".0");
      } else {
        puts({digits, int_digits});
        put('.');
        puts({digits + int_digits, nd - int_digits});
      }
    }
    return n;
  }
  put(digits[0]);
  if (nd > 1) {
    put('.');
    puts({digits + 1, nd - 1});
  }
  put('e');
  put(exp < 0 ? '-' : '+');
  int a = exp < 0 ? -exp : exp;
  if (a < 10) put('0');
  auto w = std::to_chars(buf + n, buf + n + 8, a);
  n = static_cast<std::size_t>(w.ptr - buf);
  return n;
}

}  // namespace

void append_float(std::string& out, double v) {
  char buf[48];
  out.append(buf, format_float(buf, v));
}

namespace {

// Bytes that need escaping map to a non-zero index into kReplacements.
struct EscapeTable {
  unsigned char index[256] = {};
  constexpr EscapeTable() {
    index[static_cast<unsigned char>('&')] = 1;
    index[static_cast<unsigned char>('<')] = 2;
    index[static_cast<unsigned char>('>')] = 3;
    index[static_cast<unsigned char>('"')] = 4;
    index[static_cast<unsigned char>('\'')] = 5;
  }
};
constexpr EscapeTable kEscape;
constexpr const unsigned char* kEscapeIndex = kEscape.index;
constexpr std::string_view kReplacements[] = {"", "&amp;", "&lt;", "&gt;", "&#34;", "&#39;"};

}  // namespace

bool needs_escaping(std::string_view s) {
  for (char c : s) {
    if (kEscapeIndex[static_cast<unsigned char>(c)] != 0) return true;
  }
  return false;
}

namespace {

#if !defined(__SSE2__)
// True when any byte of the 8-byte word `w` needs escaping (SWAR: a zero
// byte in w ^ c marks a byte equal to c). Most text has no special
// characters, so whole words are skipped at a time.
inline bool word_needs_escape(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has = [&](unsigned char c) {
    std::uint64_t x = w ^ (kOnes * c);
    return (x - kOnes) & ~x & kHigh;
  };
  return (has('&') | has('<') | has('>') | has('"') | has('\'')) != 0;
}
#endif

template <typename Sink>
void escape_slow(Sink& out, const char* p, const char* end, const char* run) {
  for (; p != end; ++p) {
    unsigned idx = kEscapeIndex[static_cast<unsigned char>(*p)];
    if (idx == 0) continue;
    out.append(run, static_cast<std::size_t>(p - run));
    out.append(kReplacements[idx]);
    run = p + 1;
  }
  out.append(run, static_cast<std::size_t>(end - run));
}

// Most printed values contain nothing to escape: check for the five special
// bytes a block at a time (short strings as one block built from two
// overlapping loads) and append the whole string at once; only strings that
// contain a special byte take the byte loop.
#if defined(__SSE2__)
inline bool needs_escape16(__m128i v) {
  __m128i m = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')), _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')))));
  return _mm_movemask_epi8(m) != 0;
}

inline bool any_special(const char* p, std::size_t n) {
  if (n >= 16) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      if (needs_escape16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)))) return true;
    }
    return i < n && needs_escape16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)));
  }
  std::uint64_t lo, hi;
  if (n >= 8) {
    __builtin_memcpy(&lo, p, 8);
    __builtin_memcpy(&hi, p + n - 8, 8);
  } else if (n >= 4) {
    std::uint32_t a, b;
    __builtin_memcpy(&a, p, 4);
    __builtin_memcpy(&b, p + n - 4, 4);
    lo = a;
    hi = b;
  } else {
    lo = 0;
    for (std::size_t i = 0; i < n; ++i)
      lo |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    hi = 0;
  }
  return needs_escape16(_mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo)));
}
#else
inline bool any_special(const char* p, std::size_t n) {
  std::size_t i = 0;
  std::uint64_t w;
  for (; i + 8 <= n; i += 8) {
    __builtin_memcpy(&w, p + i, 8);
    if (word_needs_escape(w)) return true;
  }
  for (; i < n; ++i) {
    if (kEscapeIndex[static_cast<unsigned char>(p[i])] != 0) return true;
  }
  return false;
}
#endif

template <typename Sink>
void escape_into(Sink& out, std::string_view s) {
  if (!any_special(s.data(), s.size())) {
    out.append(s.data(), s.size());
    return;
  }
  escape_slow(out, s.data(), s.data() + s.size(), s.data());
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  escape_into(out, s);
}
void append_escaped(OutBuffer& out, std::string_view s) {
  escape_into(out, s);
}

void append_int(OutBuffer& out, std::int64_t v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append_short(buf, static_cast<std::size_t>(r.ptr - buf));
}

void append_float(OutBuffer& out, double v) {
  char buf[48];
  std::size_t n = format_float(buf, v);  // at most 24 characters
  out.append_short(buf, n < 32 ? n : 32);
}

namespace {

bool printable_non_ascii(char32_t cp) {
  if (cp <= 0xA0 || cp == 0xAD) return false;
  if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
      (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF) {
    return false;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return true;
}

void append_hex_escape(std::string& out, char32_t cp) {
  static constexpr char kHex[] = "0123456789abcdef";
  int width;
  if (cp <= 0xFF) {
    out += "\\x";
    width = 2;
  } else if (cp <= 0xFFFF) {
    out += "\\u";
    width = 4;
  } else {
    out += "\\U";
    width = 8;
  }
  for (int i = width - 1; i >= 0; --i) out += kHex[(cp >> (4 * i)) & 0xF];
}

}  // namespace

void append_string_repr(std::string& out, std::string_view s) {
  char quote = '\'';
  if (s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos) quote = '"';
  out += quote;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c == static_cast<unsigned char>(quote)) {
            out += '\\';
            out += quote;
          } else if (c < 0x20 || c == 0x7F) {
            append_hex_escape(out, c);
          } else {
            out += static_cast<char>(c);
          }
      }
      continue;
    }
    std::size_t start = i;
    char32_t cp = decode_utf8(s, i);
    if (printable_non_ascii(cp)) {
      out.append(s.data() + start, i - start);
    } else {
      append_hex_escape(out, cp);
    }
  }
  out += quote;
}

namespace {

void append_container(std::string& out, const Value& v, void* host) {
  if (v.is_map() || is_mapping(v)) {
    out += '{';
    Sequence keys(v, host);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i) out += ", ";
      append_repr(out, keys.at(i), host);
      out += ": ";
      append_repr(out, keys.value_at(i), host);
    }
    out += '}';
    return;
  }
  bool tuple = v.is_tuple();
  out += tuple ? '(' : '[';
  Sequence items(v, host);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    append_repr(out, items.at(i), host);
  }
  if (tuple && items.size() == 1) out += ',';
  out += tuple ? ')' : ']';
}

}  // namespace

void append_str(std::string& out, const Value& v, void* host) {
  switch (v.kind()) {
    case ValueKind::kUndefined:
      return;
    case ValueKind::kNone:
      out += "None";
      return;
    case ValueKind::kBool:
      out += v.as_bool() ? "True" : "False";
      return;
    case ValueKind::kInt:
      append_int(out, v.as_int());
      return;
    case ValueKind::kFloat:
      append_float(out, v.as_float());
      return;
    case ValueKind::kString:
      out += v.as_string();
      return;
    case ValueKind::kList:
    case ValueKind::kMap:
      append_container(out, v, host);
      return;
    case ValueKind::kCallable:
      out += "<function ";
      out += callable_name(v);
      out += '>';
      return;
    case ValueKind::kObject: {
      const ObjectVTable* vt = v.vtable();
      if (vt->append_str) {
        vt->append_str(v.object_ptr(), out, host);
      } else if (vt->length && vt->item_at) {
        append_container(out, v, host);
      } else {
        out += '<';
        out += vt->type_name;
        out += '>';
      }
      return;
    }
  }
}

void append_repr(std::string& out, const Value& v, void* host) {
  if (v.is_string()) {
    append_string_repr(out, v.as_string());
    return;
  }
  if (v.is_object() && v.vtable()->append_str && !(v.vtable()->length && v.vtable()->item_at)) {
    // A host object that prints as a scalar (a date, a URL) shows as a quoted
    // string inside containers, as the equivalent Python str would.
    std::string tmp;
    v.vtable()->append_str(v.object_ptr(), tmp, host);
    append_string_repr(out, tmp);
    return;
  }
  append_str(out, v, host);
}

std::string_view type_name(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kUndefined:
      return "undefined";
    case ValueKind::kNone:
      return "NoneType object";
    case ValueKind::kBool:
      return "bool object";
    case ValueKind::kInt:
      return "int object";
    case ValueKind::kFloat:
      return "float object";
    case ValueKind::kString:
      return "str object";
    case ValueKind::kList:
      return v.is_tuple() ? "tuple object" : "list object";
    case ValueKind::kMap:
      return "dict object";
    case ValueKind::kCallable:
      return "function object";
    case ValueKind::kObject:
      return v.vtable()->type_name;
  }
  return "object";
}

}  // namespace bengal::tmpl
