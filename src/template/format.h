// Text forms of Values exactly as Jinja (Python) prints them: str() for
// output, repr() inside lists and dicts, and markupsafe's HTML escaping.
//
//   {{ 1.0 }} -> 1.0      {{ 1e20 }} -> 1e+20     {{ none }} -> None
//   {{ true }} -> True    {{ [1, 'a'] }} -> [1, 'a']
//
// Host objects print through their vtable (append_str), so these functions
// take the render's host pointer. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "template/out_buffer.h"
#include "template/value.h"

namespace bengal::tmpl {

void append_int(std::string& out, std::int64_t v);
// Python's repr(float): shortest round-trip digits, ".0" for whole numbers,
// exponent form below 1e-4 and from 1e16 ("1e-05", "1e+16"), "nan", "inf".
void append_float(std::string& out, double v);

// markupsafe.escape: & < > " ' become &amp; &lt; &gt; &#34; &#39;.
void append_escaped(std::string& out, std::string_view s);
void append_escaped(OutBuffer& out, std::string_view s);
void append_int(OutBuffer& out, std::int64_t v);
void append_float(OutBuffer& out, double v);
bool needs_escaping(std::string_view s);

// Python str(v). Undefined prints as nothing (the lenient behaviour; strict
// mode is enforced by the renderer before printing).
void append_str(std::string& out, const Value& v, void* host);
// Python repr(v): strings quoted ('a', "it's"), containers recursively.
void append_repr(std::string& out, const Value& v, void* host);
void append_string_repr(std::string& out, std::string_view s);

// Jinja's type names in messages: "str object", "int object", "dict object",
// "list object", "undefined", or the host object's type_name.
std::string_view type_name(const Value& v);

}  // namespace bengal::tmpl
