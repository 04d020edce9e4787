// Jinja's built-in filters (jinja2/filters.py), rewritten over Values, plus
// Bengal's date and slugify. Each follows the Python original's argument
// names, defaults and markup handling; differences are listed in
// docs/templates.md.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/date.h"
#include "core/text.h"
#include "template/builtins.h"
#include "template/format.h"
#include "template/pystr.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

// Python-style parameter binding for a filter: names[0] is the piped value.
class Bound {
 public:
  Bound(CallContext& cx, const Args& a, std::initializer_list<std::string_view> names) {
    n_ = names.size();
    std::size_t i = 0;
    for (std::string_view name : names) names_[i++] = name;
    if (a.positional.size() > n_) {
      ok_ = false;
      cx.fail(std::string(cx.function_name()) + std::string("() takes at most ") +
              std::to_string(n_ - 1) + std::string(" argument(s) (") +
              std::to_string(a.positional.size() - 1) + " given)");
      return;
    }
    for (i = 0; i < n_; ++i) v_[i] = i < a.positional.size() ? &a.positional[i] : nullptr;
    for (const auto& k : a.keywords) {
      bool found = false;
      for (i = 0; i < n_; ++i) {
        if (names_[i] == k.name) {
          if (v_[i] != nullptr) {
            ok_ = false;
            cx.fail(std::string(cx.function_name()) + "() got multiple values for argument '" +
                    std::string(k.name) + "'");
            return;
          }
          v_[i] = &k.value;
          found = true;
        }
      }
      if (!found) {
        ok_ = false;
        cx.fail(std::string(cx.function_name()) + "() got an unexpected keyword argument '" +
                std::string(k.name) + "'");
        return;
      }
    }
  }
  bool ok() const { return ok_; }
  bool has(std::size_t i) const { return v_[i] != nullptr && !v_[i]->is_undefined(); }
  Value get(std::size_t i, Value fallback = Value()) const { return v_[i] ? *v_[i] : fallback; }
  Value operator[](std::size_t i) const { return get(i); }

 private:
  std::string_view names_[8];
  const Value* v_[8] = {};
  std::size_t n_ = 0;
  bool ok_ = true;
};

Value fail_type(CallContext& cx, std::string_view what, const Value& v) {
  return cx.fail(std::string(cx.function_name()) + std::string(": ") + std::string(what) +
                 ", got " + std::string(type_name(v)));
}

bool int_arg(CallContext& cx, const Value& v, std::int64_t& out, std::string_view name) {
  if (v.is_int() || v.is_bool()) {
    out = v.as_int();
    return true;
  }
  if (v.is_float()) {
    out = static_cast<std::int64_t>(v.as_float());
    return true;
  }
  cx.fail(std::string(cx.function_name()) + std::string(": '") + std::string(name) +
          "' must be an integer, got " + std::string(type_name(v)));
  return false;
}

// Python's soft_str: Markup stays Markup, everything else becomes str.
Value soft_str(CallContext& cx, const Value& v) {
  if (v.is_string()) return v;
  return Value::string(cx.str(v));
}

// Lowercases strings for case-insensitive comparisons (Jinja's ignore_case).
Value ignore_case(CallContext& cx, const Value& v) {
  if (!v.is_string()) return v;
  ScratchBuffer b(cx);
  pystr::append_lower(b.get(), v.as_string());
  if (b.get() == v.as_string()) return v;
  return cx.string(b.get());
}

// Iterates anything iterable into an arena list.
bool to_list(CallContext& cx, const Value& v, std::span<const Value>& out) {
  if (v.is_list()) {
    out = v.as_list();
    return true;
  }
  if (!cx.check_defined(v)) return false;
  if (v.is_undefined()) {
    out = {};
    return true;
  }
  Sequence seq(v, cx.host());
  if (!seq.ok()) {
    cx.fail(std::string("'") + std::string(type_name(v)) + "' is not iterable");
    return false;
  }
  Value* items = cx.alloc_values(seq.size());
  if (items == nullptr) return false;
  for (std::size_t i = 0; i < seq.size(); ++i) items[i] = seq.at(i);
  out = {items, seq.size()};
  return true;
}

// Attribute getter with Jinja's rules: "a.b.0" paths; `default` replaces an
// undefined result.
Value get_path(CallContext& cx, const Value& item, const Value& attribute, const Value& fallback) {
  Value r;
  if (attribute.is_int()) {
    if (!get_item(item, attribute, r, cx.host())) r = Value();
  } else {
    r = cx.attribute_path(item, attribute.as_string());
  }
  if (r.is_undefined() && !fallback.is_undefined()) return fallback;
  return r;
}

// ---- string filters ----

Value f_upper(CallContext& cx, const Args& a) {
  Value v = soft_str(cx, a.positional[0]);
  ScratchBuffer b(cx);
  pystr::append_upper(b.get(), v.as_string());
  return cx.string(b.get()).with_safe(v.is_safe());
}

Value f_lower(CallContext& cx, const Args& a) {
  Value v = soft_str(cx, a.positional[0]);
  ScratchBuffer b(cx);
  pystr::append_lower(b.get(), v.as_string());
  return cx.string(b.get()).with_safe(v.is_safe());
}

Value f_capitalize(CallContext& cx, const Args& a) {
  Value v = soft_str(cx, a.positional[0]);
  ScratchBuffer b(cx);
  pystr::append_capitalize(b.get(), v.as_string());
  return cx.string(b.get()).with_safe(v.is_safe());
}

// Jinja's title: split on runs of "-", whitespace and opening brackets,
// upper-case the first character of every piece and lower-case the rest.
Value f_title(CallContext& cx, const Args& a) {
  Value v = soft_str(cx, a.positional[0]);
  std::string_view s = v.as_string();
  ScratchBuffer b(cx);
  auto is_sep = [](char32_t cp) {
    return cp == '-' || cp == '(' || cp == '{' || cp == '[' || cp == '<' || pystr::is_space(cp);
  };
  std::size_t i = 0;
  bool piece_start = true;
  bool in_sep = false;
  while (i < s.size()) {
    char32_t cp = decode_utf8(s, i);
    bool sep = is_sep(cp);
    if (sep != in_sep) piece_start = true;
    in_sep = sep;
    if (piece_start) {
      pystr::append_upper_cp(b.get(), cp);
      piece_start = false;
    } else {
      pystr::append_lower_cp(b.get(), cp);
    }
  }
  return cx.string(b.get()).with_safe(v.is_safe());
}

Value f_trim(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "chars"});
  if (!p.ok()) return Value();
  Value v = soft_str(cx, p[0]);
  std::string_view s = v.as_string();
  if (p.has(1) && !p[1].is_none()) {
    s = pystr::strip_chars(s, cx.str(p[1]), true, true);
  } else {
    s = pystr::strip(s, true, true);
  }
  return Value::string(s).with_safe(v.is_safe());
}

Value f_center(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "width"});
  if (!p.ok()) return Value();
  std::string_view s = cx.str(p[0]);
  std::int64_t width = 80;
  if (p.has(1) && !int_arg(cx, p[1], width, "width")) return Value();
  auto len = static_cast<std::int64_t>(pystr::length(s));
  if (width <= len) return Value::string(s);
  std::int64_t marg = width - len;
  std::int64_t left = marg / 2 + (marg & width & 1);
  ScratchBuffer b(cx);
  b.get().append(static_cast<std::size_t>(left), ' ');
  b.get() += s;
  b.get().append(static_cast<std::size_t>(marg - left), ' ');
  return cx.string(b.get());
}

Value f_replace(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"s", "old", "new", "count"});
  if (!p.ok()) return Value();
  Value s = p[0], old_v = p[1], new_v = p[2];
  if (!p.has(1) || !p.has(2)) return cx.fail("replace() needs 'old' and 'new'");
  std::int64_t count = -1;
  if (p.has(3) && !p[3].is_none() && !int_arg(cx, p[3], count, "count")) return Value();
  bool markup = false;
  std::string_view src, old_s, new_s;
  std::string escaped_src, escaped_old, escaped_new;
  if (!cx.autoescape()) {
    src = cx.str(s);
    old_s = cx.str(old_v);
    new_s = cx.str(new_v);
  } else {
    // markupsafe: a Markup subject escapes its arguments; a safe argument
    // turns a plain subject into escaped Markup.
    if ((old_v.is_safe() || new_v.is_safe()) && !s.is_safe()) {
      append_escaped(escaped_src, cx.str(s));
      src = escaped_src;
      markup = true;
    } else {
      src = cx.str(s);
      markup = s.is_safe();
    }
    if (markup) {
      if (old_v.is_safe()) {
        old_s = old_v.as_string();
      } else {
        append_escaped(escaped_old, cx.str(old_v));
        old_s = escaped_old;
      }
      if (new_v.is_safe()) {
        new_s = new_v.as_string();
      } else {
        append_escaped(escaped_new, cx.str(new_v));
        new_s = escaped_new;
      }
    } else {
      old_s = cx.str(old_v);
      new_s = cx.str(new_v);
    }
  }
  ScratchBuffer b(cx);
  std::string& out = b.get();
  pystr::append_replaced(out, src, old_s, new_s, count);
  Value r = cx.string(out);
  return markup ? r.with_safe(true) : r;
}

Value f_truncate(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"s", "length", "killwords", "end", "leeway"});
  if (!p.ok()) return Value();
  Value sv = soft_str(cx, p[0]);
  std::string_view s = sv.as_string();
  std::int64_t length = 255, leeway = 5;
  if (p.has(1) && !int_arg(cx, p[1], length, "length")) return Value();
  if (p.has(4) && !p[4].is_none() && !int_arg(cx, p[4], leeway, "leeway")) return Value();
  bool killwords = p.has(2) && cx.truthy(p[2]);
  std::string_view end = p.has(3) ? cx.str(p[3]) : std::string_view("...");
  auto end_len = static_cast<std::int64_t>(pystr::length(end));
  if (length < end_len)
    return cx.fail(std::string("expected length >= ") + std::to_string(end_len));
  if (leeway < 0) return cx.fail("expected leeway >= 0");
  auto len = static_cast<std::int64_t>(pystr::length(s));
  if (len <= length + leeway) return sv;
  std::string_view head =
      s.substr(0, pystr::byte_offset(s, static_cast<std::size_t>(length - end_len)));
  if (!killwords) {
    std::size_t sp = head.rfind(' ');
    if (sp != std::string_view::npos) head = head.substr(0, sp);
  }
  ScratchBuffer b(cx);
  b.get() += head;
  b.get() += end;
  return cx.string(b.get());
}

Value f_wordcount(CallContext& cx, const Args& a) {
  std::string_view s = cx.str(a.positional[0]);
  std::int64_t n = 0;
  bool in_word = false;
  std::size_t i = 0;
  while (i < s.size()) {
    bool w = pystr::is_word(decode_utf8(s, i));
    if (w && !in_word) ++n;
    in_word = w;
  }
  return Value::integer(n);
}

Value f_indent(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"s", "width", "first", "blank"});
  if (!p.ok()) return Value();
  Value sv = soft_str(cx, p[0]);
  std::string indent;
  if (p.has(1) && p[1].is_string()) {
    indent = std::string(p[1].as_string());
  } else {
    std::int64_t width = 4;
    if (p.has(1) && !int_arg(cx, p[1], width, "width")) return Value();
    indent.assign(static_cast<std::size_t>(std::max<std::int64_t>(width, 0)), ' ');
  }
  bool first = p.has(2) && cx.truthy(p[2]);
  bool blank = p.has(3) && cx.truthy(p[3]);
  std::string text(sv.as_string());
  text += '\n';  // Jinja's quirk so splitlines keeps a trailing empty line
  std::vector<std::string_view> lines = pystr::splitlines(text);
  ScratchBuffer b(cx);
  std::string& out = b.get();
  if (first) out += indent;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      out += '\n';
      if (blank || !lines[i].empty()) out += indent;
    }
    out += lines[i];
  }
  return cx.string(out).with_safe(sv.is_safe());
}

// textwrap.wrap with expand_tabs=False, replace_whitespace=False, per
// paragraph, as Jinja's wordwrap calls it.
void wrap_paragraph(std::string_view line, std::size_t width, bool break_long, bool hyphens,
                    std::vector<std::string>& out) {
  // Chunks: runs of whitespace and words (words split after hyphens
  // between letters when break_on_hyphens).
  std::vector<std::string_view> chunks;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t start = i;
    std::size_t k = i;
    bool space = pystr::is_space(decode_utf8(line, k));
    while (i < line.size()) {
      std::size_t j = i;
      char32_t cp = decode_utf8(line, j);
      if (pystr::is_space(cp) != space) break;
      i = j;
      if (!space && hyphens && cp == '-' && i < line.size() && i - start > 1) {
        std::size_t q = i;
        if (pystr::is_alpha(decode_utf8(line, q))) break;
      }
    }
    chunks.push_back(line.substr(start, i - start));
  }
  std::reverse(chunks.begin(), chunks.end());
  auto is_ws = [](std::string_view c) {
    std::size_t j = 0;
    return !c.empty() && pystr::is_space(decode_utf8(c, j));
  };
  while (!chunks.empty()) {
    std::vector<std::string_view> cur;
    std::size_t cur_len = 0;
    if (is_ws(chunks.back()) && !out.empty()) chunks.pop_back();
    while (!chunks.empty()) {
      std::size_t l = pystr::length(chunks.back());
      if (cur_len + l <= width) {
        cur.push_back(chunks.back());
        cur_len += l;
        chunks.pop_back();
      } else {
        break;
      }
    }
    if (!chunks.empty() && pystr::length(chunks.back()) > width) {
      std::size_t space_left = width > cur_len ? width - cur_len : 1;
      if (width < 1) space_left = 1;
      if (break_long) {
        std::string_view c = chunks.back();
        std::size_t cut = pystr::byte_offset(c, space_left);
        cur.push_back(c.substr(0, cut));
        chunks.back() = c.substr(cut);
      } else if (cur.empty()) {
        cur.push_back(chunks.back());
        chunks.pop_back();
      }
    }
    if (!cur.empty() && is_ws(cur.back())) cur.pop_back();
    if (!cur.empty()) {
      std::string joined;
      for (auto c : cur) joined += c;
      out.push_back(std::move(joined));
    }
  }
}

Value f_wordwrap(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"s", "width", "break_long_words", "wrapstring", "break_on_hyphens"});
  if (!p.ok()) return Value();
  std::string_view s = cx.str(p[0]);
  std::int64_t width = 79;
  if (p.has(1) && !int_arg(cx, p[1], width, "width")) return Value();
  if (width <= 0)
    return cx.fail(std::string("invalid width ") + std::to_string(width) + " (must be > 0)");
  bool break_long = !p.has(2) || cx.truthy(p[2]);
  std::string_view wrap = p.has(3) && !p[3].is_none() ? cx.str(p[3]) : std::string_view("\n");
  bool hyphens = !p.has(4) || cx.truthy(p[4]);
  ScratchBuffer b(cx);
  std::string& out = b.get();
  std::vector<std::string_view> paragraphs = pystr::splitlines(s);
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i) out += wrap;
    std::vector<std::string> lines;
    wrap_paragraph(paragraphs[i], static_cast<std::size_t>(width), break_long, hyphens, lines);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (k) out += wrap;
      out += lines[k];
    }
  }
  return cx.string(out);
}

// html.unescape for the entities markup actually uses.
void append_unescaped(std::string& out, std::string_view s) {
  static constexpr struct {
    std::string_view name;
    char32_t cp;
  } kEntities[] = {
      {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
      {"apos", '\''},    {"nbsp", 0xA0},     {"copy", 0xA9},     {"reg", 0xAE},
      {"trade", 0x2122}, {"hellip", 0x2026}, {"mdash", 0x2014},  {"ndash", 0x2013},
      {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
      {"laquo", 0xAB},   {"raquo", 0xBB},    {"middot", 0xB7},   {"bull", 0x2022},
      {"euro", 0x20AC},  {"pound", 0xA3},    {"yen", 0xA5},      {"cent", 0xA2},
      {"sect", 0xA7},    {"para", 0xB6},     {"deg", 0xB0},      {"plusmn", 0xB1},
      {"times", 0xD7},   {"divide", 0xF7},   {"frac12", 0xBD},   {"frac14", 0xBC},
      {"frac34", 0xBE},  {"shy", 0xAD},      {"iexcl", 0xA1},    {"iquest", 0xBF},
      {"larr", 0x2190},  {"rarr", 0x2192},   {"uarr", 0x2191},   {"darr", 0x2193},
      {"harr", 0x2194},  {"hearts", 0x2665}, {"thinsp", 0x2009}, {"ensp", 0x2002},
      {"emsp", 0x2003},  {"zwj", 0x200D},    {"zwnj", 0x200C},   {"prime", 0x2032},
      {"Prime", 0x2033}, {"dagger", 0x2020},
  };
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(s.substr(i));
      return;
    }
    out.append(s.substr(i, amp - i));
    std::size_t semi = s.find(';', amp);
    bool done = false;
    if (semi != std::string_view::npos && semi - amp <= 32) {
      std::string_view ent = s.substr(amp + 1, semi - amp - 1);
      if (!ent.empty() && ent[0] == '#') {
        std::uint32_t cp = 0;
        bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
        std::string_view digits = ent.substr(hex ? 2 : 1);
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (!digits.empty() && r.ec == std::errc() && r.ptr == digits.data() + digits.size()) {
          if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
          append_utf8(out, cp);
          done = true;
        }
      } else {
        for (const auto& e : kEntities) {
          if (e.name == ent) {
            append_utf8(out, e.cp);
            done = true;
            break;
          }
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += '&';
      i = amp + 1;
    }
  }
}

Value f_striptags(CallContext& cx, const Args& a) {
  std::string_view s = cx.str(a.positional[0]);
  ScratchBuffer b1(cx);
  std::string& no_tags = b1.get();
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 4, "<!--") == 0) {
      std::size_t end = s.find("-->", i + 4);
      if (end != std::string_view::npos) {
        i = end + 3;
        continue;
      }
    }
    if (s[i] == '<') {
      std::size_t end = s.find('>', i + 1);
      if (end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
    }
    no_tags += s[i++];
  }
  ScratchBuffer b2(cx);
  std::string& joined = b2.get();
  for (std::string_view w : pystr::split_whitespace(no_tags)) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  ScratchBuffer b3(cx);
  append_unescaped(b3.get(), joined);
  return cx.string(b3.get());
}

Value f_escape(CallContext& cx, const Args& a) {
  const Value& v = a.positional[0];
  if (v.is_safe()) return v;
  std::string_view s = cx.str(v);
  if (!needs_escaping(s)) return Value::safe_string(s);
  ScratchBuffer b(cx);
  append_escaped(b.get(), s);
  return cx.safe_string(b.get());
}

Value f_forceescape(CallContext& cx, const Args& a) {
  std::string_view s = cx.str(a.positional[0]);
  ScratchBuffer b(cx);
  append_escaped(b.get(), s);
  return cx.safe_string(b.get());
}

Value f_safe(CallContext& cx, const Args& a) {
  const Value& v = a.positional[0];
  if (v.is_string()) return v.with_safe(true);
  return Value::safe_string(cx.str(v));
}

Value f_string(CallContext& cx, const Args& a) {
  return soft_str(cx, a.positional[0]);
}

Value f_format(CallContext& cx, const Args& a) {
  std::string_view fmt = cx.str(a.positional[0]);
  if (a.positional.size() > 1 && !a.keywords.empty()) {
    return cx.fail("can't handle positional and keyword arguments at the same time");
  }
  Value args;
  if (!a.keywords.empty()) {
    MapEntry* entries = cx.alloc_entries(a.keywords.size());
    if (entries == nullptr) return Value();
    for (std::size_t i = 0; i < a.keywords.size(); ++i) {
      entries[i] = MapEntry{Value::string(a.keywords[i].name), a.keywords[i].value};
    }
    args = Value::map(std::span<const MapEntry>(entries, a.keywords.size()));
  } else {
    args = Value::tuple(a.positional.subspan(1));
  }
  ScratchBuffer b(cx);
  if (!percent_format(cx, fmt, args, b.get())) return Value();
  return cx.string(b.get());
}

// urllib.parse.quote: unreserved characters (and "/" unless for a query
// string) stay, everything else is %XX-encoded UTF-8.
void url_quote(std::string& out, std::string_view s, bool for_qs) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.' || c == '-' || c == '~' || (c == '/' && !for_qs);
    if (safe) {
      out += static_cast<char>(c);
    } else if (c == ' ' && for_qs) {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

Value f_urlencode(CallContext& cx, const Args& a) {
  const Value& v = a.positional[0];
  ScratchBuffer b(cx);
  std::string& out = b.get();
  if (v.is_string() || !is_iterable(v)) {
    url_quote(out, cx.str(v), false);
    return cx.string(out);
  }
  Sequence seq(v, cx.host());
  bool mapping = is_mapping(v);
  for (std::size_t i = 0; i < seq.size(); ++i) {
    Value k, val;
    if (mapping) {
      k = seq.at(i);
      val = seq.value_at(i);
    } else {
      Sequence pair(seq.at(i), cx.host());
      if (!pair.ok() || pair.size() != 2) return cx.fail("urlencode needs (key, value) pairs");
      k = pair.at(0);
      val = pair.at(1);
    }
    if (i) out += '&';
    url_quote(out, cx.str(k), true);
    out += '=';
    url_quote(out, cx.str(val), true);
  }
  return cx.string(out);
}

Value f_xmlattr(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"d", "autospace"});
  if (!p.ok()) return Value();
  Value d = p[0];
  if (!is_mapping(d)) return fail_type(cx, "expected a mapping", d);
  bool autospace = !p.has(1) || cx.truthy(p[1]);
  ScratchBuffer b(cx);
  std::string& out = b.get();
  Sequence seq(d, cx.host());
  bool any = false;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    Value val = seq.value_at(i);
    if (val.is_nullish()) continue;
    std::string_view key = cx.str(seq.at(i));
    for (char c : key) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' ||
          c == '=') {
        return cx.fail(std::string("Invalid character in attribute name: '") + std::string(key) +
                       "'");
      }
    }
    if (any || autospace) out += ' ';
    any = true;
    append_escaped(out, key);
    out += "=\"";
    if (val.is_safe()) {
      out += val.as_string();
    } else {
      append_escaped(out, cx.str(val));
    }
    out += '"';
  }
  if (!any) return Value::string({});
  Value r = cx.string(out);
  return cx.autoescape() ? r.with_safe(true) : r;
}

Value f_filesizeformat(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "binary"});
  if (!p.ok()) return Value();
  Value v = p[0];
  double bytes;
  if (v.is_number()) {
    bytes = v.to_double();
  } else if (v.is_string()) {
    std::string s(pystr::strip(v.as_string(), true, true));
    char* end = nullptr;
    bytes = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) {
      return cx.fail(std::string("could not convert string to float: '") +
                     std::string(v.as_string()) + "'");
    }
  } else {
    return fail_type(cx, "expected a number", v);
  }
  bool binary = p.has(1) && cx.truthy(p[1]);
  double base = binary ? 1024 : 1000;
  static constexpr const char* kBinary[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  static constexpr const char* kDecimal[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  char buf[64];
  if (bytes == 1) return Value::string("1 Byte");
  if (bytes < base) {
    std::string s;
    append_int(s, static_cast<std::int64_t>(bytes));
    s += " Bytes";
    return cx.string(s);
  }
  double unit = base;
  for (int i = 0; i < 8; ++i) {
    unit = std::pow(base, i + 2);
    if (bytes < unit || i == 7) {
      std::snprintf(buf, sizeof buf, "%.1f %s", base * bytes / unit,
                    binary ? kBinary[i] : kDecimal[i]);
      return cx.string(buf);
    }
  }
  return Value();
}

// ---- numbers ----

Value f_abs(CallContext& cx, const Args& a) {
  const Value& v = a.positional[0];
  if (v.is_float()) return Value::number(std::fabs(v.as_float()));
  if (v.is_int() || v.is_bool()) {
    if (v.as_int() == INT64_MIN) return cx.fail("integer overflow");
    return Value::integer(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  return cx.fail(std::string("bad operand type for abs(): '") + std::string(type_name(v)) + "'");
}

// Python's float(str): surrounding whitespace, "_" between digits, inf/nan.
bool parse_python_float(std::string_view text, double& out) {
  std::string_view s = pystr::strip(text, true, true);
  if (s.empty()) return false;
  std::string clean;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (i == 0 || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i - 1])) ||
          !std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
        return false;
      }
      continue;
    }
    clean += c;
  }
  std::string lower = to_lower_ascii(clean);
  std::string_view body = lower;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "inf" || body == "infinity") {
    out = neg ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (body == "nan") {
    out = std::nan("");
    return true;
  }
  for (char c : body) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '+' ||
          c == '-')) {
      return false;
    }
  }
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end == clean.c_str() + clean.size();
}

// Python's int(str, base): whitespace, sign, "_", and 0x/0o/0b prefixes
// when base is 0 or matches.
bool parse_python_int(std::string_view text, int base, std::int64_t& out) {
  std::string_view s = pystr::strip(text, true, true);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.size() > 2 && s[0] == '0') {
    char p = static_cast<char>(s[1] | 0x20);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb != 0 && (base == 0 || base == pb)) {
      base = pb;
      s.remove_prefix(2);
      if (!s.empty() && s[0] == '_') s.remove_prefix(1);
    }
  }
  if (base == 0) base = 10;
  std::string clean;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (i == 0 || i + 1 >= s.size() || s[i + 1] == '_') return false;
      continue;
    }
    clean += s[i];
  }
  if (clean.empty()) return false;
  std::int64_t v = 0;
  auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v, base);
  if (r.ec != std::errc() || r.ptr != clean.data() + clean.size()) return false;
  out = neg ? -v : v;
  return true;
}

Value f_int(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "default", "base"});
  if (!p.ok()) return Value();
  Value v = p[0];
  Value fallback = p.has(1) ? p[1] : Value::integer(0);
  std::int64_t base = 10;
  if (p.has(2) && !int_arg(cx, p[2], base, "base")) return Value();
  if (v.is_int()) return v;
  if (v.is_bool()) return Value::integer(v.as_int());
  if (v.is_float()) {
    double d = v.as_float();
    if (!std::isfinite(d) || std::fabs(d) >= 9.2e18) return fallback;
    return Value::integer(static_cast<std::int64_t>(d));
  }
  if (v.is_string()) {
    std::int64_t i;
    if (parse_python_int(v.as_string(), static_cast<int>(base), i)) return Value::integer(i);
    double d;
    // Jinja's quirk: "42.23"|int is 42.
    if (parse_python_float(v.as_string(), d) && std::isfinite(d) && std::fabs(d) < 9.2e18) {
      return Value::integer(static_cast<std::int64_t>(d));
    }
  }
  return fallback;
}

Value f_float(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "default"});
  if (!p.ok()) return Value();
  Value v = p[0];
  Value fallback = p.has(1) ? p[1] : Value::number(0.0);
  if (v.is_number()) return Value::number(v.to_double());
  if (v.is_string()) {
    double d;
    if (parse_python_float(v.as_string(), d)) return Value::number(d);
  }
  return fallback;
}

// Python's round(x, n): the double nearest to x rounded half-even at n
// decimals, computed through the exact decimal expansion as CPython does.
double python_round(double x, std::int64_t ndigits) {
  if (!std::isfinite(x)) return x;
  if (ndigits > 22) return x;
  if (ndigits >= 0) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
    return std::strtod(buf, nullptr);
  }
  double pow10 = std::pow(10.0, static_cast<double>(-ndigits));
  double y = x / pow10;
  double r = std::nearbyint(y);  // default rounding mode: half-even
  return r * pow10;
}

Value f_round(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "precision", "method"});
  if (!p.ok()) return Value();
  Value v = p[0];
  std::int64_t precision = 0;
  if (p.has(1) && !int_arg(cx, p[1], precision, "precision")) return Value();
  std::string_view method = p.has(2) ? cx.str(p[2]) : std::string_view("common");
  if (method != "common" && method != "ceil" && method != "floor") {
    return cx.fail("method must be common, ceil or floor");
  }
  if (!v.is_number()) return fail_type(cx, "expected a number", v);
  if (method == "common") {
    if (!v.is_float()) {
      if (precision >= 0) return Value::integer(v.as_int());
      double r = python_round(static_cast<double>(v.as_int()), precision);
      return Value::integer(static_cast<std::int64_t>(r));
    }
    return Value::number(python_round(v.as_float(), precision));
  }
  double scale = std::pow(10.0, static_cast<double>(precision));
  double scaled = v.to_double() * scale;
  double r = method == "ceil" ? std::ceil(scaled) : std::floor(scaled);
  return Value::number(r / scale);
}

// ---- sequences ----

Value f_length(CallContext& cx, const Args& a) {
  const Value& v = a.positional[0];
  if (v.is_undefined()) return Value::integer(0);
  std::size_t n;
  if (!length_of(v, cx.host(), n)) {
    return cx.fail(std::string("object of type '") + std::string(type_name(v)) + "' has no len()");
  }
  return Value::integer(static_cast<std::int64_t>(n));
}

Value f_list(CallContext& cx, const Args& a) {
  std::span<const Value> items;
  if (!to_list(cx, a.positional[0], items)) return Value();
  if (a.positional[0].is_list() && !a.positional[0].is_tuple()) return a.positional[0];
  return Value::list(items);
}

Value f_first(CallContext& cx, const Args& a) {
  Sequence seq(a.positional[0], cx.host());
  if (!seq.ok()) return fail_type(cx, "expected a sequence", a.positional[0]);
  if (seq.size() == 0) return Value();
  return seq.at(0);
}

Value f_last(CallContext& cx, const Args& a) {
  Sequence seq(a.positional[0], cx.host());
  if (!seq.ok()) return fail_type(cx, "expected a sequence", a.positional[0]);
  if (seq.size() == 0) return Value();
  return seq.at(seq.size() - 1);
}

Value f_reverse(CallContext& cx, const Args& a) {
  const Value& v = a.positional[0];
  if (v.is_string()) {
    std::string_view s = v.as_string();
    ScratchBuffer b(cx);
    std::size_t end = s.size();
    while (end > 0) {
      std::size_t start = end - 1;
      while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      b.get() += s.substr(start, end - start);
      end = start;
    }
    return cx.string(b.get());
  }
  std::span<const Value> items;
  if (!to_list(cx, v, items)) return Value();
  Value* out = cx.alloc_values(items.size());
  if (out == nullptr) return Value();
  for (std::size_t i = 0; i < items.size(); ++i) out[i] = items[items.size() - 1 - i];
  return Value::list(std::span<const Value>(out, items.size()));
}

Value f_join(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "d", "attribute"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  Value d = p.has(1) ? p[1] : Value::string("");
  bool use_attr = p.has(2) && !p[2].is_none();
  auto item_at = [&](std::size_t i) {
    return use_attr ? get_path(cx, items[i], p[2], Value()) : items[i];
  };
  bool markup = false;
  if (cx.autoescape()) {
    if (d.is_safe()) {
      markup = true;
    } else {
      for (std::size_t i = 0; i < items.size() && !markup; ++i) markup = item_at(i).is_safe();
    }
  }
  ScratchBuffer b(cx);
  std::string& out = b.get();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) append_for_concat(cx, out, d, markup);
    append_for_concat(cx, out, item_at(i), markup);
  }
  if (cx.failed()) return Value();
  Value r = cx.string(out);
  return markup ? r.with_safe(true) : r;
}

// Stable sort of `items` by `keys` with Python ordering.
bool sort_by_keys(CallContext& cx, std::vector<std::pair<Value, Value>>& entries, bool reverse) {
  bool failed = false;
  std::stable_sort(entries.begin(), entries.end(), [&](const auto& x, const auto& y) {
    if (failed) return false;
    int c = reverse ? cx.compare(y.first, x.first) : cx.compare(x.first, y.first);
    if (cx.failed()) failed = true;
    return c < 0;
  });
  return !failed;
}

// Key for sort/min/max/unique: one attribute path or a "a,b" list of them.
Value sort_key(CallContext& cx, const Value& item, const Value& attribute, bool case_sensitive) {
  if (!attribute.is_undefined() && !attribute.is_none()) {
    if (attribute.is_string() && attribute.as_string().find(',') != std::string_view::npos) {
      std::vector<std::string_view> parts = split(attribute.as_string(), ',');
      Value* keys = cx.alloc_values(parts.size());
      if (keys == nullptr) return Value();
      for (std::size_t i = 0; i < parts.size(); ++i) {
        Value k = cx.attribute_path(item, parts[i]);
        keys[i] = case_sensitive ? k : ignore_case(cx, k);
      }
      return Value::list(std::span<const Value>(keys, parts.size()));
    }
    Value k = get_path(cx, item, attribute, Value());
    return case_sensitive ? k : ignore_case(cx, k);
  }
  return case_sensitive ? item : ignore_case(cx, item);
}

Value f_sort(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "reverse", "case_sensitive", "attribute"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  bool reverse = p.has(1) && cx.truthy(p[1]);
  bool case_sensitive = p.has(2) && cx.truthy(p[2]);
  std::vector<std::pair<Value, Value>> entries;
  entries.reserve(items.size());
  for (const Value& item : items) {
    Value k = sort_key(cx, item, p[3], case_sensitive);
    if (k.is_undefined() && !cx.check_defined(k)) return Value();
    entries.emplace_back(k, item);
  }
  if (!sort_by_keys(cx, entries, reverse)) return Value();
  Value* out = cx.alloc_values(entries.size());
  if (out == nullptr) return Value();
  for (std::size_t i = 0; i < entries.size(); ++i) out[i] = entries[i].second;
  return Value::list(std::span<const Value>(out, entries.size()));
}

Value f_dictsort(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "case_sensitive", "by", "reverse"});
  if (!p.ok()) return Value();
  Value d = p[0];
  if (!is_mapping(d)) return fail_type(cx, "dictsort expects a mapping", d);
  bool case_sensitive = p.has(1) && cx.truthy(p[1]);
  std::string_view by = p.has(2) ? cx.str(p[2]) : std::string_view("key");
  if (by != "key" && by != "value")
    return cx.fail("You can only sort by either \"key\" or \"value\"");
  bool reverse = p.has(3) && cx.truthy(p[3]);
  Sequence seq(d, cx.host());
  std::vector<std::pair<Value, Value>> entries;
  Value* pairs = cx.alloc_values(seq.size() * 2);
  if (pairs == nullptr) return Value();
  for (std::size_t i = 0; i < seq.size(); ++i) {
    pairs[2 * i] = seq.at(i);
    pairs[2 * i + 1] = seq.value_at(i);
    Value k = by == "key" ? pairs[2 * i] : pairs[2 * i + 1];
    if (!case_sensitive) k = ignore_case(cx, k);
    entries.emplace_back(k, Value::tuple(std::span<const Value>(pairs + 2 * i, 2)));
  }
  if (!sort_by_keys(cx, entries, reverse)) return Value();
  Value* out = cx.alloc_values(entries.size());
  if (out == nullptr) return Value();
  for (std::size_t i = 0; i < entries.size(); ++i) out[i] = entries[i].second;
  return Value::list(std::span<const Value>(out, entries.size()));
}

Value f_items(CallContext& cx, const Args& a) {
  const Value& d = a.positional[0];
  if (d.is_undefined()) return Value::list({});
  if (!is_mapping(d)) return cx.fail("Can only get item pairs from a mapping.");
  Sequence seq(d, cx.host());
  Value* pairs = cx.alloc_values(seq.size() * 2);
  Value* out = cx.alloc_values(seq.size());
  if (pairs == nullptr || out == nullptr) return Value();
  for (std::size_t i = 0; i < seq.size(); ++i) {
    pairs[2 * i] = seq.at(i);
    pairs[2 * i + 1] = seq.value_at(i);
    out[i] = Value::tuple(std::span<const Value>(pairs + 2 * i, 2));
  }
  return Value::list(std::span<const Value>(out, seq.size()));
}

Value f_unique(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "case_sensitive", "attribute"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  bool case_sensitive = p.has(1) && cx.truthy(p[1]);
  std::vector<Value> seen;
  Value* out = cx.alloc_values(items.size());
  if (out == nullptr) return Value();
  std::size_t n = 0;
  for (const Value& item : items) {
    Value k = sort_key(cx, item, p[2], case_sensitive);
    bool dup = false;
    for (const Value& s : seen) {
      if (cx.equal(s, k)) {
        dup = true;
        break;
      }
    }
    if (dup) continue;
    seen.push_back(k);
    out[n++] = item;
  }
  return Value::list(std::span<const Value>(out, n));
}

Value min_max(CallContext& cx, const Args& a, bool want_max) {
  Bound p(cx, a, {"value", "case_sensitive", "attribute"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  if (items.empty()) return Value();
  bool case_sensitive = p.has(1) && cx.truthy(p[1]);
  std::size_t best = 0;
  Value best_key = sort_key(cx, items[0], p[2], case_sensitive);
  for (std::size_t i = 1; i < items.size(); ++i) {
    Value k = sort_key(cx, items[i], p[2], case_sensitive);
    int c = cx.compare(k, best_key);
    if (cx.failed()) return Value();
    if (want_max ? c > 0 : c < 0) {
      best = i;
      best_key = k;
    }
  }
  return items[best];
}

Value f_max(CallContext& cx, const Args& a) {
  return min_max(cx, a, true);
}
Value f_min(CallContext& cx, const Args& a) {
  return min_max(cx, a, false);
}

Value f_sum(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"iterable", "attribute", "start"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  Value total = p.has(2) ? p[2] : Value::integer(0);
  if (is_sequence(total) && !total.is_string()) {
    // sum(lists, start=[]) concatenates, as Python's sum does.
    std::vector<Value> all;
    Sequence start(total, cx.host());
    for (std::size_t i = 0; i < start.size(); ++i) all.push_back(start.at(i));
    for (const Value& item : items) {
      Value v = p.has(1) ? get_path(cx, item, p[1], Value()) : item;
      if (!is_sequence(v)) {
        return cx.fail("can only concatenate list (not \"" + std::string(type_name(v)) +
                       "\") to list");
      }
      Sequence seq(v, cx.host());
      for (std::size_t i = 0; i < seq.size(); ++i) all.push_back(seq.at(i));
    }
    return cx.list(all);
  }
  for (const Value& item : items) {
    Value v = p.has(1) ? get_path(cx, item, p[1], Value()) : item;
    if (!total.is_number() || !v.is_number()) {
      return cx.fail(std::string("unsupported operand type(s) for +: '") +
                     std::string(type_name(total)) + std::string("' and '") +
                     std::string(type_name(v)) + "'");
    }
    if (total.is_float() || v.is_float()) {
      total = Value::number(total.to_double() + v.to_double());
    } else {
      std::int64_t r;
      if (__builtin_add_overflow(total.as_int(), v.as_int(), &r))
        return cx.fail("integer overflow");
      total = Value::integer(r);
    }
  }
  return total;
}

Value f_batch(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "linecount", "fill_with"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  std::int64_t n;
  if (!int_arg(cx, p[1], n, "linecount")) return Value();
  if (n <= 0) return cx.fail("batch size must be positive");
  bool fill = p.has(2) && !p[2].is_none();
  auto size = static_cast<std::size_t>(n);
  std::size_t groups = (items.size() + size - 1) / size;
  Value* out = cx.alloc_values(groups);
  if (out == nullptr) return Value();
  for (std::size_t g = 0; g < groups; ++g) {
    std::size_t start = g * size;
    std::size_t len = std::min(size, items.size() - start);
    std::size_t total = fill ? size : len;
    Value* row = cx.alloc_values(total);
    if (row == nullptr) return Value();
    for (std::size_t i = 0; i < total; ++i) row[i] = i < len ? items[start + i] : p[2];
    out[g] = Value::list(std::span<const Value>(row, total));
  }
  return Value::list(std::span<const Value>(out, groups));
}

Value f_slice(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "slices", "fill_with"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  std::int64_t slices;
  if (!int_arg(cx, p[1], slices, "slices")) return Value();
  if (slices <= 0) return cx.fail("number of slices must be positive");
  bool fill = p.has(2) && !p[2].is_none();
  auto ns = static_cast<std::size_t>(slices);
  std::size_t per = items.size() / ns;
  std::size_t extra = items.size() % ns;
  std::size_t offset = 0;
  Value* out = cx.alloc_values(ns);
  if (out == nullptr) return Value();
  for (std::size_t s = 0; s < ns; ++s) {
    std::size_t start = offset + s * per;
    if (s < extra) ++offset;
    std::size_t end = offset + (s + 1) * per;
    std::size_t len = end - start + ((fill && s >= extra) ? 1 : 0);
    Value* row = cx.alloc_values(len);
    if (row == nullptr) return Value();
    for (std::size_t i = start; i < end; ++i) row[i - start] = items[i];
    if (fill && s >= extra) row[len - 1] = p[2];
    out[s] = Value::list(std::span<const Value>(row, len));
  }
  return Value::list(std::span<const Value>(out, ns));
}

// A group of groupby(): a 2-tuple that also answers .grouper and .list.
struct GroupData {
  Value items[2];
};

bool group_get_attr(const void* self, std::string_view name, Value& out, void*) {
  const auto* g = static_cast<const GroupData*>(self);
  if (name == "grouper") {
    out = g->items[0];
    return true;
  }
  if (name == "list") {
    out = g->items[1];
    return true;
  }
  return false;
}
std::size_t group_length(const void*, void*) {
  return 2;
}
Value group_item(const void* self, std::size_t i, void*) {
  return static_cast<const GroupData*>(self)->items[i];
}
void group_str(const void* self, std::string& out, void* host) {
  Value t = Value::tuple(std::span<const Value>(static_cast<const GroupData*>(self)->items, 2));
  append_str(out, t, host);
}

const ObjectVTable kGroupVTable = {
    .type_name = "tuple object",
    .get_attr = group_get_attr,
    .length = group_length,
    .item_at = group_item,
    .append_str = group_str,
};

Value f_groupby(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "attribute", "default", "case_sensitive"});
  if (!p.ok()) return Value();
  std::span<const Value> items;
  if (!to_list(cx, p[0], items)) return Value();
  if (!p.has(1)) return cx.fail("groupby() needs an attribute");
  bool case_sensitive = p.has(3) && cx.truthy(p[3]);
  Value fallback = p.has(2) && !p[2].is_none() ? p[2] : Value();
  std::vector<std::pair<Value, Value>> entries;
  for (const Value& item : items) {
    Value k = get_path(cx, item, p[1], fallback);
    if (!cx.check_defined(k)) return Value();
    entries.emplace_back(case_sensitive ? k : ignore_case(cx, k), item);
  }
  if (!sort_by_keys(cx, entries, false)) return Value();
  std::vector<Value> groups;
  std::size_t i = 0;
  while (i < entries.size()) {
    std::size_t j = i + 1;
    while (j < entries.size() && cx.equal(entries[j].first, entries[i].first)) ++j;
    Value* members = cx.alloc_values(j - i);
    auto* g = static_cast<GroupData*>(cx.arena().allocate(sizeof(GroupData), alignof(GroupData)));
    if (members == nullptr || g == nullptr) return cx.fail("out of memory");
    for (std::size_t k = i; k < j; ++k) members[k - i] = entries[k].second;
    // Case-insensitive grouping shows the first member's real key.
    g->items[0] = case_sensitive ? entries[i].first : get_path(cx, members[0], p[1], fallback);
    g->items[1] = Value::list(std::span<const Value>(members, j - i));
    groups.push_back(Value::object(&kGroupVTable, g));
    i = j;
  }
  return cx.list(groups);
}

// map(attribute=...) or map('filter', args...).
Value f_map(CallContext& cx, const Args& a) {
  std::span<const Value> items;
  if (!to_list(cx, a.positional[0], items)) return Value();
  Value* out = cx.alloc_values(items.size());
  if (out == nullptr) return Value();
  if (a.positional.size() == 1) {
    const Value* attr = nullptr;
    Value fallback;
    for (const auto& k : a.keywords) {
      if (k.name == "attribute") {
        attr = &k.value;
      } else if (k.name == "default") {
        fallback = k.value;
      } else {
        return cx.fail(std::string("Unexpected keyword argument '") + std::string(k.name) + "'");
      }
    }
    if (attr == nullptr) return cx.fail("map requires a filter argument");
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = get_path(cx, items[i], *attr, fallback);
    return Value::list(std::span<const Value>(out, items.size()));
  }
  std::string_view filter = cx.str(a.positional[1]);
  std::vector<Value> args(a.positional.begin() + 1, a.positional.end());
  for (std::size_t i = 0; i < items.size(); ++i) {
    args[0] = items[i];
    out[i] = cx.call_filter(filter, Args{args, a.keywords});
    if (cx.failed()) return Value();
  }
  return Value::list(std::span<const Value>(out, items.size()));
}

Value select_reject(CallContext& cx, const Args& a, bool select, bool by_attr) {
  std::span<const Value> items;
  if (!to_list(cx, a.positional[0], items)) return Value();
  std::size_t off = 1;
  Value attr;
  if (by_attr) {
    if (a.positional.size() < 2) return cx.fail("Missing parameter for attribute name");
    attr = a.positional[1];
    off = 2;
  }
  bool has_test = a.positional.size() > off;
  std::string_view test = has_test ? cx.str(a.positional[off]) : std::string_view();
  std::vector<Value> args;
  if (has_test)
    args.assign(a.positional.begin() + static_cast<std::ptrdiff_t>(off), a.positional.end());
  Value* out = cx.alloc_values(items.size());
  if (out == nullptr) return Value();
  std::size_t n = 0;
  for (const Value& item : items) {
    Value v = by_attr ? get_path(cx, item, attr, Value()) : item;
    bool r;
    if (has_test) {
      args[0] = v;
      Value t = cx.call_test(test, Args{args, a.keywords});
      if (cx.failed()) return Value();
      r = truthy(t, cx.host());
    } else {
      r = cx.truthy(v);
    }
    if (cx.failed()) return Value();
    if (r == select) out[n++] = item;
  }
  return Value::list(std::span<const Value>(out, n));
}

Value f_select(CallContext& cx, const Args& a) {
  return select_reject(cx, a, true, false);
}
Value f_reject(CallContext& cx, const Args& a) {
  return select_reject(cx, a, false, false);
}
Value f_selectattr(CallContext& cx, const Args& a) {
  return select_reject(cx, a, true, true);
}
Value f_rejectattr(CallContext& cx, const Args& a) {
  return select_reject(cx, a, false, true);
}

Value f_default(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "default_value", "boolean"});
  if (!p.ok()) return Value();
  Value v = p.get(0);
  bool boolean = p.has(2) && truthy(p[2], cx.host());
  if (v.is_undefined() || (boolean && !truthy(v, cx.host()))) {
    const Value* fallback = a.find(1, "default_value");
    return fallback ? *fallback : Value::string("");
  }
  return v;
}

Value f_attr(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"obj", "name"});
  if (!p.ok()) return Value();
  Value obj = p[0];
  std::string_view name = cx.str(p[1]);
  Value out;
  if (obj.is_object() && obj.vtable()->get_attr &&
      obj.vtable()->get_attr(obj.object_ptr(), name, out, cx.host())) {
    return out;
  }
  return Value();
}

// ---- JSON ----

// A JSON string literal as Jinja's tojson writes it: json.dumps escaping
// with ensure_ascii (DEL and non-ASCII as \\u escapes, surrogate pairs above the
// BMP, U+FFFD for invalid UTF-8) and the HTML-safe \\u escapes of < > & '.
// One pass that copies runs of plain bytes: a search index is mostly text.
void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  // 1: needs an escape of its own; 2: starts a UTF-8 sequence (or is invalid).
  static constexpr auto kClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 1;
    t[0x7F] = 1;  // ensure_ascii escapes DEL too
    for (int c : {'"', '\\', '<', '>', '&', '\''}) t[c] = 1;
    for (int c = 0x80; c < 0x100; ++c) t[c] = 2;
    return t;
  }();
  auto unit = [&](unsigned u) {
    char buf[6] = {'\\', 'u', kHex[(u >> 12) & 0xF], kHex[(u >> 8) & 0xF], kHex[(u >> 4) & 0xF], kHex[u & 0xF]};
    out.append(buf, 6);
  };
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  std::size_t i = 0, run = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::uint8_t cls = kClass[c];
    if (cls == 0) {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    if (cls == 2) {
      char32_t cp = decode_utf8(s, i);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        unit(0xD800 + (cp >> 10));
        unit(0xDC00 + (cp & 0x3FF));
      } else {
        unit(cp);
      }
    } else {
      ++i;
      append_json_escape(out, c);  // < > & ' and DEL as \u00xx, as Jinja's tojson writes them
    }
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_json(CallContext& cx, std::string& out, const Value& v, int indent, int level) {
  auto newline = [&](int lvl) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * lvl), ' ');
  };
  auto string = [&](std::string_view s) { append_json_string(out, s); };
  switch (v.kind()) {
    case ValueKind::kNone:
      out += "null";
      return;
    case ValueKind::kBool:
      out += v.as_bool() ? "true" : "false";
      return;
    case ValueKind::kInt:
      append_int(out, v.as_int());
      return;
    case ValueKind::kFloat: {
      double d = v.as_float();
      if (std::isnan(d)) {
        out += "NaN";
      } else if (std::isinf(d)) {
        out += d < 0 ? "-Infinity" : "Infinity";
      } else {
        append_float(out, d);
      }
      return;
    }
    case ValueKind::kString:
      string(v.as_string());
      return;
    case ValueKind::kUndefined:
      cx.fail("Object of type Undefined is not JSON serializable");
      return;
    case ValueKind::kCallable:
      cx.fail("Object of type function is not JSON serializable");
      return;
    default:
      break;
  }
  if (level > 100) {
    cx.fail("tojson: value nested too deeply");
    return;
  }
  if (is_mapping(v)) {
    Sequence seq(v, cx.host());
    if (seq.size() == 0) {
      out += "{}";
      return;
    }
    // json.dumps(sort_keys=True), as Jinja's tojson policy sets.
    std::vector<std::pair<Value, Value>> entries;
    for (std::size_t i = 0; i < seq.size(); ++i) entries.emplace_back(seq.at(i), seq.value_at(i));
    if (!sort_by_keys(cx, entries, false)) return;
    out += '{';
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i) out += indent < 0 ? ", " : ",";
      newline(level + 1);
      const Value& k = entries[i].first;
      if (k.is_string()) {
        string(k.as_string());
      } else {
        std::string tmp;
        append_str(tmp, k, cx.host());
        if (k.is_bool()) tmp = k.as_bool() ? "true" : "false";
        if (k.is_none()) tmp = "null";
        string(tmp);
      }
      out += ": ";
      append_json(cx, out, entries[i].second, indent, level + 1);
      if (cx.failed()) return;
    }
    newline(level);
    out += '}';
    return;
  }
  Sequence seq(v, cx.host());
  if (!seq.ok()) {
    cx.fail(std::string("Object of type ") + std::string(type_name(v)) +
            " is not JSON serializable");
    return;
  }
  if (seq.size() == 0) {
    out += "[]";
    return;
  }
  out += '[';
  for (std::size_t i = 0; i < seq.size(); ++i) {
    if (i) out += indent < 0 ? ", " : ",";
    newline(level + 1);
    append_json(cx, out, seq.at(i), indent, level + 1);
    if (cx.failed()) return;
  }
  newline(level);
  out += ']';
}

Value f_tojson(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "indent"});
  if (!p.ok()) return Value();
  std::int64_t indent = -1;
  if (p.has(1) && !p[1].is_none() && !int_arg(cx, p[1], indent, "indent")) return Value();
  ScratchBuffer b(cx);
  append_json(cx, b.get(), p[0], static_cast<int>(indent), 0);
  if (cx.failed()) return Value();
  return cx.safe_string(b.get());
}

Value f_pprint(CallContext& cx, const Args& a) {
  ScratchBuffer b(cx);
  append_repr(b.get(), a.positional[0], cx.host());
  return cx.string(b.get());
}

// ---- Bengal ----

bool value_to_datetime(CallContext& cx, const Value& v, DateTime& out) {
  if (v.is_int()) {
    out.epoch_seconds = v.as_int();
    out.offset_minutes = 0;
    out.has_time = true;
    return true;
  }
  if (v.is_float()) {
    out.epoch_seconds = static_cast<std::int64_t>(std::floor(v.as_float()));
    out.offset_minutes = 0;
    out.has_time = true;
    return true;
  }
  std::string_view s = cx.str(v);
  if (cx.failed()) return false;
  auto dt = parse_datetime(pystr::strip(s, true, true));
  if (!dt) {
    cx.fail(std::string("date: cannot read '") + std::string(s) +
            "' as a date (expected YYYY-MM-DD or RFC 3339)");
    return false;
  }
  out = *dt;
  return true;
}

Value f_date(CallContext& cx, const Args& a) {
  Bound p(cx, a, {"value", "format"});
  if (!p.ok()) return Value();
  if (p[0].is_none()) return Value::string("");
  DateTime dt;
  if (!value_to_datetime(cx, p[0], dt)) return Value();
  std::string_view fmt = p.has(1) ? cx.str(p[1]) : std::string_view("%Y-%m-%d");
  return cx.string(format_strftime(dt, fmt));
}

Value f_slugify(CallContext& cx, const Args& a) {
  std::string_view s = cx.str(a.positional[0]);
  return cx.string(url_slug(s));
}

}  // namespace

void append_for_concat(CallContext& cx, std::string& out, const Value& v, bool markup) {
  if (v.is_string()) {
    if (markup && !v.is_safe()) {
      append_escaped(out, v.as_string());
    } else {
      out += v.as_string();
    }
    return;
  }
  if (!markup) {
    cx.append_str(out, v);
    return;
  }
  std::string& tmp = cx.acquire_buffer();
  cx.append_str(tmp, v);
  append_escaped(out, tmp);
  cx.release_buffer();
}

void register_filters(Registry& r) {
  r.add_filter("abs", f_abs);
  r.add_filter("attr", f_attr);
  r.add_filter("batch", f_batch);
  r.add_filter("capitalize", f_capitalize);
  r.add_filter("center", f_center);
  r.add_filter("count", f_length, nullptr, true);
  r.add_filter("d", f_default, nullptr, true);
  r.add_filter("date", f_date);
  r.add_filter("default", f_default, nullptr, true);
  r.add_filter("dictsort", f_dictsort);
  r.add_filter("e", f_escape);
  r.add_filter("escape", f_escape);
  r.add_filter("filesizeformat", f_filesizeformat);
  r.add_filter("first", f_first);
  r.add_filter("float", f_float);
  r.add_filter("forceescape", f_forceescape);
  r.add_filter("format", f_format);
  r.add_filter("groupby", f_groupby);
  r.add_filter("indent", f_indent);
  r.add_filter("int", f_int);
  r.add_filter("items", f_items, nullptr, true);
  r.add_filter("join", f_join);
  r.add_filter("last", f_last);
  r.add_filter("length", f_length, nullptr, true);
  r.add_filter("list", f_list);
  r.add_filter("lower", f_lower);
  r.add_filter("map", f_map);
  r.add_filter("max", f_max);
  r.add_filter("min", f_min);
  r.add_filter("pprint", f_pprint);
  r.add_filter("reject", f_reject);
  r.add_filter("rejectattr", f_rejectattr);
  r.add_filter("replace", f_replace);
  r.add_filter("reverse", f_reverse);
  r.add_filter("round", f_round);
  r.add_filter("safe", f_safe);
  r.add_filter("select", f_select);
  r.add_filter("selectattr", f_selectattr);
  r.add_filter("slice", f_slice);
  r.add_filter("slugify", f_slugify);
  r.add_filter("sort", f_sort);
  r.add_filter("string", f_string);
  r.add_filter("striptags", f_striptags);
  r.add_filter("sum", f_sum);
  r.add_filter("title", f_title);
  r.add_filter("tojson", f_tojson);
  r.add_filter("trim", f_trim);
  r.add_filter("truncate", f_truncate);
  r.add_filter("unique", f_unique);
  r.add_filter("upper", f_upper);
  r.add_filter("urlencode", f_urlencode);
  r.add_filter("wordcount", f_wordcount);
  r.add_filter("wordwrap", f_wordwrap);
  r.add_filter("xmlattr", f_xmlattr);
}

}  // namespace bengal::tmpl
