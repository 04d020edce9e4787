// Jinja's built-in tests (jinja2/tests.py): `x is defined`, `n is odd`,
// `x is in seq`, and the comparison names select()/reject() take ("==",
// "gt", ...).
#include <cmath>

#include "template/builtins.h"
#include "template/environment.h"
#include "template/format.h"
#include "template/pystr.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

const Value& arg(const Args& a, std::size_t i) {
  static constexpr Value kMissing;
  return i < a.positional.size() ? a.positional[i] : kMissing;
}

Value need_number(CallContext& cx, const Value& v) {
  return cx.fail(std::string("test '") + std::string(cx.function_name()) +
                 std::string("' needs a number, got ") + std::string(type_name(v)));
}

// Python's value % n for ints and floats.
bool py_mod(CallContext& cx, const Value& v, const Value& n, double& out) {
  if (!v.is_number()) {
    need_number(cx, v);
    return false;
  }
  if (!n.is_number()) {
    need_number(cx, n);
    return false;
  }
  if (v.is_float() || n.is_float()) {
    double y = n.to_double();
    if (y == 0) {
      cx.fail("float modulo");
      return false;
    }
    double m = std::fmod(v.to_double(), y);
    if (m != 0 && ((m < 0) != (y < 0))) m += y;
    out = m;
    return true;
  }
  if (n.as_int() == 0) {
    cx.fail("integer division or modulo by zero");
    return false;
  }
  std::int64_t m = v.as_int() % n.as_int();
  if (m != 0 && ((m < 0) != (n.as_int() < 0))) m += n.as_int();
  out = static_cast<double>(m);
  return true;
}

Value t_odd(CallContext& cx, const Args& a) {
  double m;
  if (!py_mod(cx, arg(a, 0), Value::integer(2), m)) return Value();
  return Value::boolean(m == 1);
}

Value t_even(CallContext& cx, const Args& a) {
  double m;
  if (!py_mod(cx, arg(a, 0), Value::integer(2), m)) return Value();
  return Value::boolean(m == 0);
}

Value t_divisibleby(CallContext& cx, const Args& a) {
  double m;
  if (!py_mod(cx, arg(a, 0), a.get(1, "num"), m)) return Value();
  return Value::boolean(m == 0);
}

Value t_defined(CallContext&, const Args& a) {
  return Value::boolean(!arg(a, 0).is_undefined());
}
Value t_undefined(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_undefined());
}

Value t_filter(CallContext& cx, const Args& a) {
  const Value& v = arg(a, 0);
  return Value::boolean(v.is_string() && cx.env().registry().filter(v.as_string()) != nullptr);
}

Value t_test(CallContext& cx, const Args& a) {
  const Value& v = arg(a, 0);
  return Value::boolean(v.is_string() && cx.env().registry().test(v.as_string()) != nullptr);
}

Value t_none(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_none());
}
Value t_boolean(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_bool());
}
Value t_false(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_bool() && !arg(a, 0).as_bool());
}
Value t_true(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_bool() && arg(a, 0).as_bool());
}
Value t_integer(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_int());
}
Value t_float(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_float());
}
Value t_number(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_number());
}
Value t_string(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_string());
}
Value t_mapping(CallContext&, const Args& a) {
  return Value::boolean(is_mapping(arg(a, 0)));
}

Value t_sequence(CallContext&, const Args& a) {
  const Value& v = arg(a, 0);
  return Value::boolean(v.is_string() || is_sequence(v) || is_mapping(v));
}

Value t_iterable(CallContext&, const Args& a) {
  return Value::boolean(is_iterable(arg(a, 0)));
}

Value t_callable(CallContext&, const Args& a) {
  const Value& v = arg(a, 0);
  return Value::boolean(v.is_callable());
}

Value t_escaped(CallContext&, const Args& a) {
  return Value::boolean(arg(a, 0).is_safe());
}

// Python identity: same singleton, same small value, same object.
Value t_sameas(CallContext&, const Args& a) {
  const Value& x = arg(a, 0);
  const Value& y = a.get(1, "other");
  if (x.kind() != y.kind()) return Value::boolean(false);
  switch (x.kind()) {
    case ValueKind::kUndefined:
    case ValueKind::kNone:
      return Value::boolean(true);
    case ValueKind::kBool:
    case ValueKind::kInt:
      return Value::boolean(x.as_int() == y.as_int());
    case ValueKind::kFloat:
      return Value::boolean(x.as_float() == y.as_float());
    case ValueKind::kString:
      return Value::boolean(x.as_string().data() == y.as_string().data() &&
                            x.as_string().size() == y.as_string().size());
    case ValueKind::kObject:
      return Value::boolean(x.vtable() == y.vtable() && x.object_ptr() == y.object_ptr());
    case ValueKind::kList:
      return Value::boolean(x.ptr() == y.ptr() && x.as_list().size() == y.as_list().size());
    case ValueKind::kMap:
      return Value::boolean(x.ptr() == y.ptr() && x.as_map().size() == y.as_map().size());
    default:
      return Value::boolean(x.ptr() == y.ptr() && x.sub() == y.sub());
  }
}

Value t_lower(CallContext& cx, const Args& a) {
  return Value::boolean(pystr::str_is_lower(cx.str(arg(a, 0))));
}

Value t_upper(CallContext& cx, const Args& a) {
  return Value::boolean(pystr::str_is_upper(cx.str(arg(a, 0))));
}

Value t_in(CallContext& cx, const Args& a) {
  const Value& v = arg(a, 0);
  const Value& seq = a.get(1, "seq");
  if (!cx.check_defined(seq)) return Value();
  if (seq.is_string()) {
    if (!v.is_string()) return cx.fail("'in <string>' requires string as left operand");
    return Value::boolean(seq.as_string().find(v.as_string()) != std::string_view::npos);
  }
  if (is_mapping(seq)) {
    Value ignored;
    return Value::boolean(get_item(seq, v, ignored, cx.host()));
  }
  Sequence s(seq, cx.host());
  if (!s.ok())
    return cx.fail(std::string("argument of type '") + std::string(type_name(seq)) +
                   "' is not iterable");
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (cx.equal(s.at(i), v)) return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value t_eq(CallContext& cx, const Args& a) {
  return Value::boolean(cx.equal(arg(a, 0), a.get(1, "b")));
}
Value t_ne(CallContext& cx, const Args& a) {
  return Value::boolean(!cx.equal(arg(a, 0), a.get(1, "b")));
}
Value t_lt(CallContext& cx, const Args& a) {
  return Value::boolean(cx.compare(arg(a, 0), a.get(1, "b")) < 0);
}
Value t_le(CallContext& cx, const Args& a) {
  return Value::boolean(cx.compare(arg(a, 0), a.get(1, "b")) <= 0);
}
Value t_gt(CallContext& cx, const Args& a) {
  return Value::boolean(cx.compare(arg(a, 0), a.get(1, "b")) > 0);
}
Value t_ge(CallContext& cx, const Args& a) {
  return Value::boolean(cx.compare(arg(a, 0), a.get(1, "b")) >= 0);
}

}  // namespace

void register_tests(Registry& r) {
  // Type checks answer for undefined values too (false); value checks need
  // a defined value.
  constexpr bool kAny = true;
  r.add_test("odd", t_odd);
  r.add_test("even", t_even);
  r.add_test("divisibleby", t_divisibleby);
  r.add_test("defined", t_defined, nullptr, kAny);
  r.add_test("undefined", t_undefined, nullptr, kAny);
  r.add_test("filter", t_filter);
  r.add_test("test", t_test);
  r.add_test("none", t_none, nullptr, kAny);
  r.add_test("boolean", t_boolean, nullptr, kAny);
  r.add_test("false", t_false, nullptr, kAny);
  r.add_test("true", t_true, nullptr, kAny);
  r.add_test("integer", t_integer, nullptr, kAny);
  r.add_test("float", t_float, nullptr, kAny);
  r.add_test("lower", t_lower);
  r.add_test("upper", t_upper);
  r.add_test("string", t_string, nullptr, kAny);
  r.add_test("mapping", t_mapping, nullptr, kAny);
  r.add_test("number", t_number, nullptr, kAny);
  r.add_test("sequence", t_sequence, nullptr, kAny);
  r.add_test("iterable", t_iterable);
  r.add_test("callable", t_callable, nullptr, kAny);
  r.add_test("sameas", t_sameas, nullptr, kAny);
  r.add_test("escaped", t_escaped, nullptr, kAny);
  r.add_test("in", t_in);
  for (const char* n : {"==", "eq", "equalto"}) r.add_test(n, t_eq);
  for (const char* n : {"!=", "ne"}) r.add_test(n, t_ne);
  for (const char* n : {">", "gt", "greaterthan"}) r.add_test(n, t_gt);
  for (const char* n : {">=", "ge"}) r.add_test(n, t_ge);
  for (const char* n : {"<", "lt", "lessthan"}) r.add_test(n, t_lt);
  for (const char* n : {"<=", "le"}) r.add_test(n, t_le);
}

void register_builtins(Registry& registry) {
  register_filters(registry);
  register_tests(registry);
  register_globals(registry);
}

}  // namespace bengal::tmpl
