// Python methods of built-in values that templates call: "a,b".split(","),
// title.startswith("A"), page.params.items(), "{:.1f}".format(x),
// cycler.next(). Only calls reach here (a method is not a value).
#include <algorithm>

#include "core/text.h"
#include "template/builtins.h"
#include "template/format.h"
#include "template/pystr.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

Value str_result(CallContext& cx, const Value& self, std::string& s) {
  return cx.string(s).with_safe(self.is_safe());
}

bool int_param(CallContext& cx, const Args& a, std::size_t i, std::string_view name,
               std::int64_t& out) {
  const Value* v = a.find(i, name);
  if (v == nullptr || v->is_none()) return true;
  if (!v->is_int() && !v->is_bool()) {
    cx.fail(std::string("'") + std::string(type_name(*v)) +
            "' object cannot be interpreted as an integer");
    return false;
  }
  out = v->as_int();
  return true;
}

// startswith/endswith accept a string or a tuple of strings.
bool affix_match(CallContext& cx, std::string_view s, const Value& affix, bool prefix) {
  auto one = [&](const Value& v) {
    if (!v.is_string()) {
      cx.fail("startswith/endswith take a string or a tuple of strings");
      return false;
    }
    std::string_view a = v.as_string();
    return prefix ? s.substr(0, a.size()) == a
                  : (s.size() >= a.size() && s.substr(s.size() - a.size()) == a);
  };
  if (affix.is_list()) {
    for (const Value& v : affix.as_list()) {
      if (one(v)) return true;
    }
    return false;
  }
  return one(affix);
}

bool string_method(CallContext& cx, const Value& self, std::string_view name, const Args& a,
                   Value& out) {
  std::string_view s = self.as_string();
  auto buffer = [&]() -> std::string& { return cx.acquire_buffer(); };
  auto finish = [&](std::string& b) {
    out = str_result(cx, self, b);
    cx.release_buffer();
  };
  if (name == "upper" || name == "lower" || name == "capitalize" || name == "title" ||
      name == "casefold" || name == "swapcase") {
    std::string& b = buffer();
    if (name == "upper") {
      pystr::append_upper(b, s);
    } else if (name == "lower" || name == "casefold") {
      pystr::append_lower(b, s);
    } else if (name == "capitalize") {
      pystr::append_capitalize(b, s);
    } else if (name == "title") {
      pystr::append_title_method(b, s);
    } else {
      std::size_t i = 0;
      while (i < s.size()) {
        char32_t cp = decode_utf8(s, i);
        if (pystr::is_upper(cp)) {
          pystr::append_lower_cp(b, cp);
        } else {
          pystr::append_upper_cp(b, cp);
        }
      }
    }
    finish(b);
    return true;
  }
  if (name == "strip" || name == "lstrip" || name == "rstrip") {
    bool left = name != "rstrip", right = name != "lstrip";
    const Value* chars = a.find(0, "chars");
    std::string_view r = (chars && !chars->is_none())
                             ? pystr::strip_chars(s, cx.str(*chars), left, right)
                             : pystr::strip(s, left, right);
    out = Value::string(r).with_safe(self.is_safe());
    return true;
  }
  if (name == "startswith" || name == "endswith") {
    const Value* affix = a.find(0, name == "startswith" ? "prefix" : "suffix");
    if (affix == nullptr) {
      cx.fail(std::string(name) + "() takes at least 1 argument");
      return true;
    }
    out = Value::boolean(affix_match(cx, s, *affix, name == "startswith"));
    return true;
  }
  if (name == "removeprefix" || name == "removesuffix") {
    std::string_view affix = a.positional.empty() ? std::string_view() : cx.str(a.positional[0]);
    if (name == "removeprefix" && s.substr(0, affix.size()) == affix) s.remove_prefix(affix.size());
    if (name == "removesuffix" && !affix.empty() && s.size() >= affix.size() &&
        s.substr(s.size() - affix.size()) == affix) {
      s.remove_suffix(affix.size());
    }
    out = Value::string(s).with_safe(self.is_safe());
    return true;
  }
  if (name == "split" || name == "rsplit") {
    const Value* sep = a.find(0, "sep");
    std::int64_t maxsplit = -1;
    if (!int_param(cx, a, 1, "maxsplit", maxsplit)) return true;
    std::vector<std::string_view> parts;
    if (sep == nullptr || sep->is_none()) {
      if (name == "rsplit" && maxsplit >= 0) {
        // rsplit with a limit keeps the leading remainder together.
        std::vector<std::string_view> all = pystr::split_whitespace(s);
        std::size_t keep = all.size() > static_cast<std::size_t>(maxsplit)
                               ? all.size() - static_cast<std::size_t>(maxsplit)
                               : 0;
        if (keep > 0) {
          std::string_view head = s.substr(
              0, static_cast<std::size_t>(all[keep - 1].data() + all[keep - 1].size() - s.data()));
          parts.push_back(pystr::strip(head, true, false));
          for (std::size_t i = keep; i < all.size(); ++i) parts.push_back(all[i]);
        } else {
          parts = all;
        }
      } else {
        parts = pystr::split_whitespace(s, static_cast<long>(maxsplit));
      }
    } else {
      std::string_view d = cx.str(*sep);
      if (d.empty()) {
        cx.fail("empty separator");
        return true;
      }
      if (name == "split") {
        std::size_t start = 0;
        while (true) {
          std::size_t hit = (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit)
                                ? std::string_view::npos
                                : s.find(d, start);
          if (hit == std::string_view::npos) {
            parts.push_back(s.substr(start));
            break;
          }
          parts.push_back(s.substr(start, hit - start));
          start = hit + d.size();
        }
      } else {
        std::size_t end = s.size();
        while (true) {
          std::size_t hit =
              (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit) ||
                      end < d.size()
                  ? std::string_view::npos
                  : s.rfind(d, end - d.size());
          if (hit == std::string_view::npos) {
            parts.push_back(s.substr(0, end));
            break;
          }
          parts.push_back(s.substr(hit + d.size(), end - hit - d.size()));
          end = hit;
        }
        std::reverse(parts.begin(), parts.end());
      }
    }
    Value* items = cx.alloc_values(parts.size());
    if (items == nullptr) return true;
    for (std::size_t i = 0; i < parts.size(); ++i) items[i] = Value::string(parts[i]);
    out = Value::list(std::span<const Value>(items, parts.size()));
    return true;
  }
  if (name == "splitlines") {
    std::vector<std::string_view> parts = pystr::splitlines(s);
    Value* items = cx.alloc_values(parts.size());
    if (items == nullptr) return true;
    for (std::size_t i = 0; i < parts.size(); ++i) items[i] = Value::string(parts[i]);
    out = Value::list(std::span<const Value>(items, parts.size()));
    return true;
  }
  if (name == "replace") {
    if (a.positional.size() < 2) {
      cx.fail("replace() takes at least 2 arguments");
      return true;
    }
    std::string_view old_s = cx.str(a.positional[0]), new_s = cx.str(a.positional[1]);
    std::int64_t count = -1;
    if (!int_param(cx, a, 2, "count", count)) return true;
    std::string& b = buffer();
    pystr::append_replaced(b, s, old_s, new_s, count);
    finish(b);
    return true;
  }
  if (name == "join") {
    if (a.positional.size() != 1) {
      cx.fail("join() takes exactly one argument");
      return true;
    }
    Sequence seq(a.positional[0], cx.host());
    if (!seq.ok()) {
      cx.fail("can only join an iterable");
      return true;
    }
    std::string& b = buffer();
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (i) b += s;
      Value item = seq.at(i);
      if (!item.is_string()) {
        cx.release_buffer();
        cx.fail(std::string("sequence item ") + std::to_string(i) + ": expected str instance, " +
                std::string(type_name(item)) + " found");
        return true;
      }
      b += item.as_string();
    }
    finish(b);
    return true;
  }
  if (name == "format") {
    std::string& b = buffer();
    bool ok = brace_format(cx, s, a, b);
    if (ok) {
      finish(b);
    } else {
      cx.release_buffer();
    }
    return true;
  }
  if (name == "count" || name == "find" || name == "rfind" || name == "index" || name == "rindex") {
    if (a.positional.empty() || !a.positional[0].is_string()) {
      cx.fail(std::string(name) + "() takes a string argument");
      return true;
    }
    std::string_view sub = a.positional[0].as_string();
    if (name == "count") {
      std::int64_t n = 0;
      if (sub.empty()) {
        n = static_cast<std::int64_t>(pystr::length(s)) + 1;
      } else {
        for (std::size_t pos = s.find(sub); pos != std::string_view::npos;
             pos = s.find(sub, pos + sub.size()))
          ++n;
      }
      out = Value::integer(n);
      return true;
    }
    std::size_t hit = (name == "find" || name == "index") ? s.find(sub) : s.rfind(sub);
    if (hit == std::string_view::npos) {
      if (name == "index" || name == "rindex") {
        cx.fail("substring not found");
        return true;
      }
      out = Value::integer(-1);
      return true;
    }
    out = Value::integer(static_cast<std::int64_t>(pystr::length(s.substr(0, hit))));
    return true;
  }
  if (name == "isdigit" || name == "isdecimal" || name == "isnumeric" || name == "isalpha" ||
      name == "isalnum" || name == "isspace") {
    bool all = !s.empty();
    std::size_t i = 0;
    while (all && i < s.size()) {
      char32_t cp = decode_utf8(s, i);
      if (name == "isalpha") {
        all = pystr::is_alpha(cp);
      } else if (name == "isalnum") {
        all = pystr::is_alpha(cp) || pystr::is_digit(cp);
      } else if (name == "isspace") {
        all = pystr::is_space(cp);
      } else {
        all = pystr::is_digit(cp);
      }
    }
    out = Value::boolean(all);
    return true;
  }
  if (name == "islower" || name == "isupper") {
    out = Value::boolean(name == "islower" ? pystr::str_is_lower(s) : pystr::str_is_upper(s));
    return true;
  }
  if (name == "zfill" || name == "center" || name == "ljust" || name == "rjust") {
    std::int64_t width = 0;
    if (!int_param(cx, a, 0, "width", width)) return true;
    std::string_view fill = " ";
    if (name != "zfill" && a.positional.size() > 1) fill = cx.str(a.positional[1]);
    auto len = static_cast<std::int64_t>(pystr::length(s));
    std::string& b = buffer();
    if (width <= len) {
      b += s;
    } else {
      std::int64_t marg = width - len;
      std::int64_t left = name == "rjust" || name == "zfill" ? marg
                          : name == "ljust"                  ? 0
                                                             : marg / 2 + (marg & width & 1);
      if (name == "zfill") {
        std::size_t sign = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
        b += s.substr(0, sign);
        b.append(static_cast<std::size_t>(marg), '0');
        b += s.substr(sign);
      } else {
        for (std::int64_t k = 0; k < left; ++k) b += fill;
        b += s;
        for (std::int64_t k = 0; k < marg - left; ++k) b += fill;
      }
    }
    finish(b);
    return true;
  }
  return false;
}

bool mapping_method(CallContext& cx, const Value& self, std::string_view name, const Args& a,
                    Value& out) {
  if (name == "get") {
    if (a.positional.empty()) {
      cx.fail("get expected at least 1 argument");
      return true;
    }
    Value v;
    out = get_item(self, a.positional[0], v, cx.host()) ? v : a.get(1, "default", Value::none());
    return true;
  }
  if (name != "items" && name != "keys" && name != "values") return false;
  Sequence seq(self, cx.host());
  Value* items = cx.alloc_values(seq.size());
  if (items == nullptr) return true;
  if (name == "items") {
    Value* pairs = cx.alloc_values(seq.size() * 2);
    if (pairs == nullptr) return true;
    for (std::size_t i = 0; i < seq.size(); ++i) {
      pairs[2 * i] = seq.at(i);
      pairs[2 * i + 1] = seq.value_at(i);
      items[i] = Value::tuple(std::span<const Value>(pairs + 2 * i, 2));
    }
  } else {
    for (std::size_t i = 0; i < seq.size(); ++i)
      items[i] = name == "keys" ? seq.at(i) : seq.value_at(i);
  }
  out = Value::list(std::span<const Value>(items, seq.size()));
  return true;
}

bool sequence_method(CallContext& cx, const Value& self, std::string_view name, const Args& a,
                     Value& out) {
  if (name != "index" && name != "count") return false;
  if (a.positional.size() != 1) {
    cx.fail(std::string(name) + "() takes exactly one argument");
    return true;
  }
  Sequence seq(self, cx.host());
  std::int64_t n = 0;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    if (!cx.equal(seq.at(i), a.positional[0])) continue;
    if (name == "index") {
      out = Value::integer(static_cast<std::int64_t>(i));
      return true;
    }
    ++n;
  }
  if (name == "index") {
    cx.fail("value is not in list");
    return true;
  }
  out = Value::integer(n);
  return true;
}

}  // namespace

bool call_builtin_method(CallContext& cx, const Value& self, std::string_view name,
                         const Args& args, Value& out) {
  if (self.is_string()) return string_method(cx, self, name, args, out);
  if (self.is_object() && self.vtable() == &kCyclerVTable)
    return cycler_method(cx, self, name, out);
  if (is_mapping(self)) return mapping_method(cx, self, name, args, out);
  if (is_sequence(self)) return sequence_method(cx, self, name, args, out);
  return false;
}

}  // namespace bengal::tmpl
