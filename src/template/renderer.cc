#include "template/renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <new>
#include <vector>

#include "core/text.h"
#include "template/builtins.h"
#include "template/call_context.h"
#include "template/format.h"
#include "template/out_buffer.h"
#include "template/pystr.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

// ---- runtime structures (all arena-allocated, trivially destructible) ----

struct Var {
  Symbol sym;
  Value value;
};

struct Scope {
  Scope* parent;
  Var* vars;
  std::uint32_t size;
  std::uint32_t capacity;
};

// One run of a template's top-level code (a render, an include or an
// import) with the inheritance chain it builds: chain[0] is the template
// that was asked for, each later entry the template the previous extends.
struct RenderFrame {
  const Template** chain;
  std::uint32_t chain_len;
  std::uint32_t chain_cap;
  Scope* scope;         // the template-level scope, shared along the chain
  OutBuffer* real_out;  // where output goes while not extended
  const Template* pending_parent;
  bool extended;  // the running template executed {% extends %}
};

// The block being rendered, for super().
struct BlockCtx {
  RenderFrame* frame;
  Symbol sym;
  std::uint32_t index;  // chain index of the definition being rendered
};

struct LoopState {
  Sequence items;
  std::size_t index0;
  std::size_t length;
  int depth;  // 1-based
  const ForStmt* stmt;
  Scope* outer;          // scope the loop started in (for recursive calls)
  const Template* tmpl;  // template the loop belongs to
  const Value* changed_last;
  std::size_t changed_n;
  bool changed_init;
};

// Engine callables start with their name (see callable_name()).
struct MacroClosure {
  std::string_view name;
  const MacroDef* def;
  Scope* closure;
  const Template* tmpl;
};

// self.blockname: a callable that renders a block of a frame.
struct BlockRef {
  std::string_view name;
  RenderFrame* frame;
};

// A missing attribute: the expression and the type of the object asked.
struct MissingAttr {
  const Expr* node;
  std::string_view owner;
};

struct ModuleData {
  Scope* scope;
  const Template* tmpl;
  const SymbolTable* symbols;
};

// Callable sub-kinds (Value::sub() of kCallable values).
enum : std::uint16_t { kCallNative = 0, kCallMacro = 1, kCallBlock = 2 };

// Undefined sub-kinds: why a value is undefined, for the error message.
enum : std::uint16_t {
  kUndefPlain = 0,
  kUndefName = 1,     // ptr = NameExpr*
  kUndefAttr = 2,     // ptr = MissingAttr*
  kUndefSilent = 3,   // from ?. : prints nothing, never an error
  kUndefParam = 4,    // ptr = MacroParam*
  kUndefMessage = 5,  // ptr = const std::string_view* message
};

constexpr std::string_view kNoCaller = "no caller defined";
constexpr std::string_view kNoPrevItem = "there is no previous item";
constexpr std::string_view kNoNextItem = "there is no next item";

bool is_silent(const Value& v) {
  return v.is_undefined() && v.sub() == kUndefSilent;
}

Value silent_undefined() {
  return Value::internal(ValueKind::kUndefined, kUndefSilent, nullptr);
}

// loop.index & co.; undefined for names the loop object does not answer.
Value loop_attr_value(const LoopState* ls, LoopAttr a) {
  auto i = static_cast<std::int64_t>(ls->index0);
  auto n = static_cast<std::int64_t>(ls->length);
  switch (a) {
    case LoopAttr::kIndex:
      return Value::integer(i + 1);
    case LoopAttr::kIndex0:
      return Value::integer(i);
    case LoopAttr::kRevindex:
      return Value::integer(n - i);
    case LoopAttr::kRevindex0:
      return Value::integer(n - i - 1);
    case LoopAttr::kFirst:
      return Value::boolean(i == 0);
    case LoopAttr::kLast:
      return Value::boolean(i == n - 1);
    case LoopAttr::kLength:
      return Value::integer(n);
    case LoopAttr::kDepth:
      return Value::integer(ls->depth);
    case LoopAttr::kDepth0:
      return Value::integer(ls->depth - 1);
    case LoopAttr::kPrevitem:
      if (i == 0) return Value::internal(ValueKind::kUndefined, kUndefMessage, &kNoPrevItem);
      return ls->items.at(ls->index0 - 1);
    case LoopAttr::kNextitem:
      if (i + 1 >= n) return Value::internal(ValueKind::kUndefined, kUndefMessage, &kNoNextItem);
      return ls->items.at(ls->index0 + 1);
    case LoopAttr::kCycle:
    case LoopAttr::kChanged:
    case LoopAttr::kNone:
      break;
  }
  return Value();
}

// Thrown inside the renderer only; Renderer::render converts it.
struct RenderFailure {
  Diagnostic diagnostic;
};

enum class Flow : std::uint8_t { kNormal, kBreak, kContinue };

// Chain entries for error messages and the recursion limit.
struct ChainEntry {
  const Template* tmpl;  // where the step happened
  Loc loc;
  std::string_view what;  // "include", "macro", "block", "import", "extends", "loop"
  std::string_view name;
};

extern const ObjectVTable kLoopVTable;
extern const ObjectVTable kModuleVTable;
extern const ObjectVTable kSelfVTable;

}  // namespace

// ---- the render state ----

struct RenderState {
  explicit RenderState(const Environment& e) : env(e), opt(e.options()) {
    arena.set_limit(opt.limits.max_memory_bytes);
    attr_hints.assign(e.symbols().attr_slots(), 0);
    chain.resize(static_cast<std::size_t>(std::max(opt.limits.max_depth, 1)));
  }

  const Environment& env;
  const Options& opt;
  Arena arena;
  std::deque<std::string> buffers;  // scratch strings for building values
  std::size_t buffer_depth = 0;
  std::deque<OutBuffer> outs;  // rendered output of macros, blocks, set blocks
  std::size_t out_depth = 0;
  OutBuffer main_out;
  OutBuffer discard;
  OutBuffer* out = nullptr;
  void* host = nullptr;
  DependencyRecorder* recorder = nullptr;
  std::vector<const Template*> reported;
  std::vector<ChainEntry> chain;  // max_depth entries, chain_len in use
  std::size_t chain_len = 0;
  std::vector<std::pair<const Template*, ModuleData*>> modules;
  // Per attribute expression: where the last object had the attribute
  // (ObjectVTable::get_attr_hinted). Kept across renders.
  std::vector<std::uint32_t> attr_hints;
  Scope* scope = nullptr;
  Scope* root = nullptr;  // the render context
  std::span<const NamedValue> context;
  Scope* globals_only = nullptr;  // for `without context` includes and imports
  RenderFrame* frame = nullptr;
  const BlockCtx* block = nullptr;
  const Template* tmpl = nullptr;
  bool autoescape = false;
  std::uint64_t iterations = 0;
  const char* stack_base = nullptr;
  bool has_pending_error = false;
  std::string pending_error;

  // ---- errors ----

  [[noreturn]] void fail_at(const Template* t, Loc loc, std::string message,
                            std::string hint = {}) {
    Diagnostic d =
        make_error(SourceLocation{t ? t->origin() : std::string(), static_cast<int>(loc.line),
                                  static_cast<int>(loc.column)},
                   std::move(message), std::move(hint));
    d.code = "template-render";
    if (t != nullptr) attach_excerpt(d, t->source());
    add_chain(d);
    throw RenderFailure{std::move(d)};
  }
  [[noreturn]] void fail(Loc loc, std::string message, std::string hint = {}) {
    fail_at(tmpl, loc, std::move(message), std::move(hint));
  }

  void add_chain(Diagnostic& d) const {
    if (chain_len == 0) return;
    std::string trace = "rendered via ";
    auto step = [&](const ChainEntry& e) {
      trace += e.tmpl ? e.tmpl->name() : std::string("?");
      trace += ':' + std::to_string(e.loc.line);
      trace += " (";
      trace += e.what;
      if (!e.name.empty()) {
        trace += " '";
        trace += e.name;
        trace += '\'';
      }
      trace += ')';
    };
    constexpr std::size_t kShow = 5;
    for (std::size_t i = 0; i < chain.size(); ++i) {
      if (chain.size() > 2 * kShow && i == kShow) {
        trace += std::string(" -> ... ") + std::to_string(chain.size() - 2 * kShow) + " more ...";
        i = chain.size() - kShow;
      }
      if (i) trace += " -> ";
      step(chain[i]);
    }
    if (!d.hint.empty()) d.hint += "\n    ";
    d.hint += trace;
  }

  std::string describe_undefined(const Value& v, std::string& hint) {
    switch (v.sub()) {
      case kUndefName: {
        const auto* n = static_cast<const NameExpr*>(v.ptr());
        hint = name_hint(n->name);
        return std::string("'") + std::string(n->name) + "' is undefined";
      }
      case kUndefAttr: {
        const auto* m = static_cast<const MissingAttr*>(v.ptr());
        std::string attr = "item";
        if (m->node->kind == ExprKind::kGetAttr) {
          attr = std::string(static_cast<const GetAttrExpr*>(m->node)->name);
        }
        return "'" + std::string(m->owner) + "' has no attribute '" + attr + "'";
      }
      case kUndefParam: {
        const auto* p = static_cast<const MacroParam*>(v.ptr());
        return std::string("parameter '") + std::string(p->name) + "' was not provided";
      }
      case kUndefMessage:
        return std::string(*static_cast<const std::string_view*>(v.ptr()));
      default:
        return "value is undefined";
    }
  }

  Loc undefined_loc(const Value& v, Loc fallback) const {
    if (v.sub() == kUndefName) return static_cast<const Expr*>(v.ptr())->loc;
    if (v.sub() == kUndefAttr) return static_cast<const MissingAttr*>(v.ptr())->node->loc;
    return fallback;
  }

  [[noreturn]] void fail_undefined(const Value& v, Loc at) {
    std::string hint;
    std::string msg = describe_undefined(v, hint);
    fail(undefined_loc(v, at), std::move(msg), std::move(hint));
  }

  // "did you mean" plus the names visible here.
  std::string name_hint(std::string_view missing) {
    std::vector<std::string> names;
    for (Scope* s = scope; s != nullptr; s = s->parent) {
      for (std::uint32_t i = 0; i < s->size; ++i) {
        std::string n(env.symbols().name(s->vars[i].sym));
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
      }
    }
    // Context names no template mentions have no symbol, so they are not in
    // the root scope; they are still what a misspelling most likely meant.
    for (const auto& nv : context) {
      std::string n(nv.name);
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    std::size_t locals = names.size();
    for (const auto& g : env.registry().globals()) names.emplace_back(g.name);
    std::string hint;
    std::string_view best = closest_match(missing, names);
    if (!best.empty()) hint = std::string("did you mean '") + std::string(best) + "'? ";
    if (locals > 0) {
      hint += "defined here: ";
      std::size_t shown = std::min<std::size_t>(locals, 12);
      for (std::size_t i = 0; i < shown; ++i) {
        if (i) hint += ", ";
        hint += names[i];
      }
      if (locals > shown) hint += ", ...";
    }
    while (!hint.empty() && hint.back() == ' ') hint.pop_back();
    return hint;
  }

  // Strict mode: using an undefined value is an error.
  void require(const Value& v, Loc at) {
    if (v.is_undefined() && !is_silent(v) && opt.strict_undefined) fail_undefined(v, at);
  }
  // Both modes: some uses of undefined are always errors (attribute access,
  // arithmetic), as in Jinja's default Undefined.
  void require_always(const Value& v, Loc at) {
    if (v.is_undefined() && !is_silent(v)) fail_undefined(v, at);
  }

  // ---- memory ----

  template <typename T>
  T* alloc(std::size_t n = 1) {
    T* p = arena.make_array<T>(n);
    if (p == nullptr) fail(Loc{}, "template render used more than the memory limit");
    return p;
  }

  std::string_view copy_string(std::string_view s, Loc at) {
    if (s.size() > opt.limits.max_output_bytes) {
      fail(at, std::string("string of ") + std::to_string(s.size()) +
                   " bytes exceeds the output limit");
    }
    if (s.empty()) return {};
    char* p = alloc<char>(s.size());
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  std::string& acquire_buffer() {
    if (buffer_depth == buffers.size()) buffers.emplace_back();
    std::string& b = buffers[buffer_depth++];
    b.clear();
    return b;
  }
  void release_buffer() { --buffer_depth; }

  struct Buffer {
    RenderState& st;
    std::string& s;
    explicit Buffer(RenderState& state) : st(state), s(state.acquire_buffer()) {}
    ~Buffer() { st.release_buffer(); }
  };

  // A pooled output buffer for rendering a body into a value.
  struct OutScope {
    RenderState& st;
    OutBuffer& b;
    explicit OutScope(RenderState& state) : st(state), b(state.acquire_out()) {}
    ~OutScope() { --st.out_depth; }
  };
  OutBuffer& acquire_out() {
    if (out_depth == outs.size()) outs.emplace_back();
    OutBuffer& b = outs[out_depth++];
    b.clear();
    return b;
  }

  // ---- scopes ----

  Scope* new_scope(Scope* parent, std::uint32_t capacity = 4) {
    // One allocation: the scope, then its first variables.
    static_assert(sizeof(Scope) % alignof(Var) == 0);
    void* mem = arena.allocate(sizeof(Scope) + sizeof(Var) * capacity, alignof(Scope));
    if (mem == nullptr) fail(Loc{}, "template render used more than the memory limit");
    auto* s = static_cast<Scope*>(mem);
    s->parent = parent;
    s->vars = reinterpret_cast<Var*>(static_cast<char*>(mem) + sizeof(Scope));
    s->size = 0;
    s->capacity = capacity;
    return s;
  }

  void set_var(Scope* s, Symbol sym, Value v) {
    for (std::uint32_t i = 0; i < s->size; ++i) {
      if (s->vars[i].sym == sym) {
        s->vars[i].value = v;
        return;
      }
    }
    if (s->size == s->capacity) {
      std::uint32_t cap = s->capacity * 2;
      Var* vars = alloc<Var>(cap);
      std::memcpy(static_cast<void*>(vars), s->vars, sizeof(Var) * s->size);
      s->vars = vars;
      s->capacity = cap;
    }
    s->vars[s->size++] = Var{sym, v};
  }

  static const Value* find_in(const Scope* s, Symbol sym) {
    for (std::uint32_t i = s->size; i-- > 0;) {
      if (s->vars[i].sym == sym) return &s->vars[i].value;
    }
    return nullptr;
  }

  Value lookup(const NameExpr* n) {
    for (const Scope* s = scope; s != nullptr; s = s->parent) {
      if (const Value* v = find_in(s, n->sym)) return *v;
    }
    const Value& g = env.global(n->sym);
    if (!g.is_undefined()) return g;
    if (n->sym == kSymSelf && frame != nullptr) return Value::object(&kSelfVTable, frame);
    return Value::internal(ValueKind::kUndefined, kUndefName, n);
  }

  // ---- chain / limits ----

  struct ChainGuard {
    RenderState& st;
    ChainGuard(RenderState& state, Loc loc, std::string_view what, std::string_view name)
        : st(state) {
      if (st.chain_len >= st.chain.size()) {
        st.fail(loc,
                std::string("recursion limit exceeded: more than ") +
                    std::to_string(st.opt.limits.max_depth) +
                    " nested includes, macro calls or blocks",
                "an include or macro probably calls itself without end");
      }
      // Deep expression nesting inside deep recursion can exhaust the C stack
      // before max_depth; stop well before a crash. Shallow chains cannot.
      if (st.chain_len >= 8) {
        char here;
        if (st.stack_base - &here > static_cast<std::ptrdiff_t>(st.opt.limits.max_stack_bytes)) {
          st.fail(loc, "recursion limit exceeded: template nesting is too deep");
        }
      }
      st.chain[st.chain_len++] = ChainEntry{st.tmpl, loc, what, name};
    }
    ~ChainGuard() { --st.chain_len; }
  };

  // Loops are where output and work can run away, so the limits are
  // checked once per iteration (and after each macro call and include).
  void count_iteration(Loc at) {
    check_output(at);
    if (++iterations > opt.limits.max_loop_iterations) {
      fail(at, std::string("loop limit exceeded: more than ") +
                   std::to_string(opt.limits.max_loop_iterations) +
                   " loop iterations in one render");
    }
  }

  void check_output(Loc at) {
    if (out->size() > opt.limits.max_output_bytes) {
      fail(at, std::string("output limit exceeded: more than ") +
                   std::to_string(opt.limits.max_output_bytes) + " bytes");
    }
  }

  void record(const Template* t) {
    if (recorder == nullptr) return;
    for (const Template* r : reported) {
      if (r == t) return;
    }
    reported.push_back(t);
    recorder->on_template(t->name(), t->hash());
  }

  // ---- saving and restoring the execution context ----

  struct ContextSave {
    RenderState& st;
    Scope* scope;
    RenderFrame* frame;
    const BlockCtx* block;
    const Template* tmpl;
    bool autoescape;
    OutBuffer* out;
    explicit ContextSave(RenderState& s)
        : st(s),
          scope(s.scope),
          frame(s.frame),
          block(s.block),
          tmpl(s.tmpl),
          autoescape(s.autoescape),
          out(s.out) {}
    ~ContextSave() {
      st.scope = scope;
      st.frame = frame;
      st.block = block;
      st.tmpl = tmpl;
      st.autoescape = autoescape;
      st.out = out;
    }
  };

  // ---- output ----

  void print_value(const Value& v, Loc at) {
    OutBuffer& o = *out;
    switch (v.kind()) {
      case ValueKind::kString:
        if (autoescape && !v.is_safe()) {
          append_escaped(o, v.as_string());
        } else {
          o += v.as_string();
        }
        return;
      case ValueKind::kInt:
        append_int(o, v.as_int());
        return;
      case ValueKind::kFloat:
        append_float(o, v.as_float());
        return;
      case ValueKind::kBool:
        o += v.as_bool() ? "True" : "False";
        return;
      case ValueKind::kNone:
        o += "None";
        return;
      case ValueKind::kUndefined:
        require(v, at);
        return;
      default: {
        Buffer tmp(*this);
        append_str(tmp.s, v, host);
        if (autoescape) {
          append_escaped(o, tmp.s);
        } else {
          o.append(tmp.s);
        }
      }
    }
  }

  // ---- statements ----

  Flow exec_body(Body body) {
    for (const Stmt* s : body) {
      Flow f = exec(s);
      if (f != Flow::kNormal) return f;
    }
    return Flow::kNormal;
  }

  Flow exec(const Stmt* s) {
    switch (s->kind) {
      case StmtKind::kText:
        out->append(static_cast<const TextStmt*>(s)->text);
        return Flow::kNormal;
      case StmtKind::kPrint: {
        const auto* p = static_cast<const PrintStmt*>(s);
        if (!p->prefix.empty()) out->append(p->prefix);
        exec_print(p->expr);
        return Flow::kNormal;
      }
      case StmtKind::kIf: {
        const auto* n = static_cast<const IfStmt*>(s);
        for (const auto& b : n->branches) {
          if (test(b.test)) return exec_body(b.body);
        }
        return exec_body(n->else_body);
      }
      case StmtKind::kFor:
        return exec_for(static_cast<const ForStmt*>(s));
      case StmtKind::kSet: {
        const auto* n = static_cast<const SetStmt*>(s);
        assign(n->target, eval(n->value), n->loc);
        return Flow::kNormal;
      }
      case StmtKind::kSetAttr:
        exec_set_attr(static_cast<const SetAttrStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kSetBlock:
        exec_set_block(static_cast<const SetBlockStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kWith:
        return exec_with(static_cast<const WithStmt*>(s));
      case StmtKind::kBlock:
        exec_block(static_cast<const BlockStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kExtends:
        exec_extends(static_cast<const ExtendsStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kInclude:
        exec_include(static_cast<const IncludeStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kImport:
        exec_import(static_cast<const ImportStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kFromImport:
        exec_from_import(static_cast<const FromImportStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kMacro: {
        const MacroDef* def = static_cast<const MacroStmt*>(s)->def;
        set_var(scope, def->sym, make_macro(def));
        return Flow::kNormal;
      }
      case StmtKind::kCallBlock: {
        const auto* n = static_cast<const CallBlockStmt*>(s);
        Value caller = make_macro(n->caller);
        Value r = eval_call(n->call, &caller, out);
        if (!is_written_marker(r)) print_raw(r, n->loc);
        return Flow::kNormal;
      }
      case StmtKind::kFilterBlock:
        exec_filter_block(static_cast<const FilterBlockStmt*>(s));
        return Flow::kNormal;
      case StmtKind::kDo:
        eval(static_cast<const DoStmt*>(s)->expr);
        return Flow::kNormal;
      case StmtKind::kBreak:
        return Flow::kBreak;
      case StmtKind::kContinue:
        return Flow::kContinue;
      case StmtKind::kAutoescape: {
        const auto* n = static_cast<const AutoescapeStmt*>(s);
        bool saved = autoescape;
        autoescape = n->enabled;
        Flow f = exec_body(n->body);
        autoescape = saved;
        return f;
      }
    }
    return Flow::kNormal;
  }

  // A value produced for direct output: print it without escaping (call
  // blocks and filter blocks write their result as is).
  void print_raw(const Value& v, Loc at) {
    if (v.is_string()) {
      out->append(v.as_string());
    } else if (v.is_undefined()) {
      require(v, at);
    } else {
      Buffer tmp(*this);
      append_str(tmp.s, v, host);
      out->append(tmp.s);
    }
  }

  static Value written_marker() { return Value::internal(ValueKind::kUndefined, 0xFFFF, nullptr); }
  static bool is_written_marker(const Value& v) { return v.is_undefined() && v.sub() == 0xFFFF; }

  void exec_print(const Expr* e) {
    switch (e->kind) {
      case ExprKind::kGetAttr: {
        // {{ page.title }}: the most common print, without the generic
        // eval dispatch for the name.
        const auto* g = static_cast<const GetAttrExpr*>(e);
        if (g->object->kind == ExprKind::kName) {
          Value obj = lookup(static_cast<const NameExpr*>(g->object));
          if (!obj.is_undefined() && !(g->optional && obj.is_none())) {
            Value v = getattr_value(g, obj);
            if (v.is_string()) {
              if (autoescape && !v.is_safe()) {
                append_escaped(*out, v.as_string());
              } else {
                out->append(v.as_string());
              }
              return;
            }
            print_value(v, e->loc);
            return;
          }
        }
        break;
      }
      case ExprKind::kCall: {
        // Macro, super() and block calls render straight into the output.
        Value r = eval_call(static_cast<const CallExpr*>(e), nullptr, out);
        if (!is_written_marker(r)) print_value(r, e->loc);
        return;
      }
      case ExprKind::kBinary:
        if (e->op == Op::kTilde) {
          // Printing a ~ b is printing a then b: escaping distributes over
          // concatenation, so no intermediate string is built.
          print_concat(static_cast<const BinaryExpr*>(e));
          return;
        }
        break;
      default:
        break;
    }
    print_value(eval(e), e->loc);
  }

  void print_concat(const BinaryExpr* b) {
    if (b->left->kind == ExprKind::kBinary && b->left->op == Op::kTilde) {
      print_concat(static_cast<const BinaryExpr*>(b->left));
    } else {
      print_concat_operand(b->left);
    }
    print_concat_operand(b->right);
  }

  void print_concat_operand(const Expr* e) {
    Value v = eval(e);
    require(v, e->loc);
    if (v.is_undefined()) return;
    print_value(v, e->loc);
  }

  void assign(const Target& t, const Value& v, Loc at) {
    if (!t.is_tuple()) {
      set_var(scope, t.sym, v);
      return;
    }
    require(v, at);
    Sequence seq(v, host);
    if (!seq.ok()) {
      fail(at, std::string("cannot unpack non-iterable ") + std::string(type_name(v)));
    }
    if (seq.size() != t.items.size()) {
      if (seq.size() > t.items.size()) {
        fail(at, std::string("too many values to unpack (expected ") +
                     std::to_string(t.items.size()) + ")");
      }
      fail(at, std::string("not enough values to unpack (expected ") +
                   std::to_string(t.items.size()) + std::string(", got ") +
                   std::to_string(seq.size()) + ")");
    }
    for (std::size_t i = 0; i < t.items.size(); ++i) assign(t.items[i], seq.at(i), at);
  }

  void exec_set_attr(const SetAttrStmt* s) {
    Value ns = eval(s->object);
    require_always(ns, s->loc);
    if (!ns.is_object() || ns.vtable() != &kNamespaceVTable) {
      fail(s->loc, "cannot assign attribute on non-namespace object",
           "create one with {% set ns = namespace() %}");
    }
    Value v = eval(s->value);
    CallContext cx(*this, nullptr);
    auto* data = static_cast<NamespaceData*>(const_cast<void*>(ns.object_ptr()));
    if (!namespace_set(cx, data, s->attr, v)) fail(s->loc, "out of memory");
  }

  Value render_to_string(Body body, Loc at) {
    OutScope buf(*this);
    OutBuffer* saved = out;
    out = &buf.b;
    exec_body(body);
    out = saved;
    std::string_view s = copy_string(buf.b.view(), at);
    return autoescape ? Value::safe_string(s) : Value::string(s);
  }

  void exec_set_block(const SetBlockStmt* s) {
    Value v = render_to_string(s->body, s->loc);
    for (const FilterExpr* f : s->filters) v = apply_filter(f, v);
    assign(s->target, v, s->loc);
  }

  void exec_filter_block(const FilterBlockStmt* s) {
    Value v = render_to_string(s->body, s->loc);
    for (const FilterExpr* f : s->filters) v = apply_filter(f, v);
    print_raw(v, s->loc);
  }

  Flow exec_with(const WithStmt* s) {
    // Values are evaluated in the outer scope, then bound together.
    std::size_t n = s->values.size();
    Value* vals = alloc<Value>(n == 0 ? 1 : n);
    for (std::size_t i = 0; i < n; ++i) vals[i] = eval(s->values[i]);
    Scope* saved = scope;
    scope = new_scope(saved, static_cast<std::uint32_t>(std::max<std::size_t>(n, 2)));
    for (std::size_t i = 0; i < n; ++i) assign(s->targets[i], vals[i], s->loc);
    Flow f = exec_body(s->body);
    scope = saved;
    return f;
  }

  // ---- loops ----

  Flow exec_for(const ForStmt* f) {
    Value iterable = eval(f->iter);
    Flow flow = run_loop(f, iterable, 1, scope, f->loc);
    return flow == Flow::kBreak ? Flow::kNormal : flow;
  }

  Flow run_loop(const ForStmt* f, const Value& iterable, int depth, Scope* outer, Loc at) {
    if (iterable.is_undefined()) {
      require(iterable, f->iter->loc);  // lenient undefined iterates as empty
      Scope* saved = scope;
      scope = outer;
      Flow fl = exec_body(f->else_body);
      scope = saved;
      return fl;
    }
    Sequence seq(iterable, host);
    if (!seq.ok()) {
      fail(f->iter->loc, std::string("'") + std::string(type_name(iterable)) + "' is not iterable");
    }
    Scope* saved_scope = scope;
    Scope* loop_scope = new_scope(outer, 4);
    scope = loop_scope;

    Value items = iterable;
    if (f->filter != nullptr) {
      // The filter decides loop.length, so filter first.
      Value* kept = alloc<Value>(seq.size() == 0 ? 1 : seq.size());
      std::size_t n = 0;
      for (std::size_t i = 0; i < seq.size(); ++i) {
        count_iteration(at);
        Value item = seq.at(i);
        loop_scope->size = 0;
        assign(f->target, item, f->loc);
        if (test(f->filter)) kept[n++] = item;
      }
      items = Value::list(std::span<const Value>(kept, n));
      seq = Sequence(items, host);
    }

    LoopState* ls = nullptr;
    Value loop_value;
    if (f->uses_loop) {
      ls = alloc<LoopState>();
      new (ls) LoopState{seq, 0, seq.size(), depth, f, outer, tmpl, nullptr, 0, false};
      loop_value = Value::object(&kLoopVTable, ls);
    }
    std::size_t n = seq.size();
    Flow result = Flow::kNormal;
    for (std::size_t i = 0; i < n; ++i) {
      count_iteration(at);
      loop_scope->size = 0;  // each iteration starts afresh, as in Jinja
      if (ls != nullptr) {
        ls->index0 = i;
        set_var(loop_scope, kSymLoop, loop_value);
      }
      if (!f->target.is_tuple()) {
        set_var(loop_scope, f->target.sym, seq.at(i));
      } else {
        assign(f->target, seq.at(i), f->loc);
      }
      Flow fl = exec_body(f->body);
      if (fl == Flow::kBreak) break;
    }
    scope = saved_scope;
    if (n == 0) {
      Scope* s2 = scope;
      scope = outer;
      result = exec_body(f->else_body);
      scope = s2;
    }
    return result;
  }

  Value loop_attr(LoopState* ls, LoopAttr a) { return loop_attr_value(ls, a); }

  Value loop_cycle(LoopState* ls, const Args& args, Loc at) {
    if (args.positional.empty()) fail(at, "no items for cycling given");
    return args.positional[ls->index0 % args.positional.size()];
  }

  Value loop_changed(LoopState* ls, const Args& args) {
    bool same = ls->changed_init && ls->changed_n == args.positional.size();
    if (same) {
      for (std::size_t i = 0; i < ls->changed_n; ++i) {
        if (!equal(ls->changed_last[i], args.positional[i], host)) {
          same = false;
          break;
        }
      }
    }
    if (same) return Value::boolean(false);
    Value* copy = alloc<Value>(args.positional.empty() ? 1 : args.positional.size());
    for (std::size_t i = 0; i < args.positional.size(); ++i) copy[i] = args.positional[i];
    ls->changed_last = copy;
    ls->changed_n = args.positional.size();
    ls->changed_init = true;
    return Value::boolean(true);
  }

  // loop(children) inside a recursive for: renders the loop body for the
  // new items one level deeper.
  void loop_recurse(LoopState* ls, const Args& args, Loc at, OutBuffer& dest) {
    if (!ls->stmt->recursive) fail(at, "loop() can only be called in a 'recursive' for loop");
    if (args.positional.size() != 1) fail(at, "loop() takes exactly one argument");
    ChainGuard guard(*this, at, "loop", "");
    ContextSave save(*this);
    out = &dest;
    tmpl = ls->tmpl;
    run_loop(ls->stmt, args.positional[0], ls->depth + 1, ls->outer, at);
  }

  // ---- inheritance ----

  RenderFrame* new_frame(const Template* t, Scope* parent_scope) {
    RenderFrame* f = alloc<RenderFrame>();
    f->chain_cap = 4;
    f->chain = alloc<const Template*>(f->chain_cap);
    f->chain[0] = t;
    f->chain_len = 1;
    f->scope = new_scope(parent_scope, 8);
    f->real_out = out;
    f->pending_parent = nullptr;
    f->extended = false;
    return f;
  }

  // Runs a frame's template and then each template it extends.
  void run_frame(RenderFrame* f) {
    ContextSave save(*this);
    frame = f;
    block = nullptr;
    scope = f->scope;
    const Template* t = f->chain[0];
    while (true) {
      record(t);
      tmpl = t;
      autoescape = t->autoescape();
      f->extended = false;
      f->pending_parent = nullptr;
      out = f->real_out;
      exec_body(t->parsed().body);
      out = f->real_out;
      const Template* parent = f->pending_parent;
      if (parent == nullptr) break;
      for (std::uint32_t i = 0; i < f->chain_len; ++i) {
        if (f->chain[i] == parent) {
          std::string cycle;
          for (std::uint32_t k = 0; k < f->chain_len; ++k) cycle += f->chain[k]->name() + " -> ";
          cycle += parent->name();
          fail_at(t, extends_loc(t), "template inheritance cycle: " + cycle);
        }
      }
      if (f->chain_len == f->chain_cap) {
        const Template** bigger = alloc<const Template*>(f->chain_cap * 2);
        std::memcpy(static_cast<void*>(bigger), f->chain, sizeof(const Template*) * f->chain_len);
        f->chain = bigger;
        f->chain_cap *= 2;
      }
      if (f->chain_len >= static_cast<std::uint32_t>(opt.limits.max_depth)) {
        fail_at(t, extends_loc(t), "template inheritance chain is too long");
      }
      f->chain[f->chain_len++] = parent;
      t = parent;
    }
  }

  static Loc extends_loc(const Template* t) {
    for (const Stmt* s : t->parsed().body) {
      if (s->kind == StmtKind::kExtends) return s->loc;
    }
    return Loc{1, 1};
  }

  const Template* resolve_template(const Value& name, Loc at, bool ignore_missing,
                                   const Template* cached) {
    if (cached != nullptr) {
      if (!cached->ok()) throw_broken(cached, at);
      return cached;
    }
    require_always(name, at);
    auto try_one = [&](const Value& v) -> const Template* {
      if (!v.is_string()) {
        fail(at, std::string("template name must be a string, not ") + std::string(type_name(v)));
      }
      return env.find(v.as_string());
    };
    const Template* found = nullptr;
    std::string tried;
    if (name.is_string()) {
      found = try_one(name);
      tried = std::string(name.as_string());
    } else if (is_sequence(name)) {
      Sequence seq(name, host);
      for (std::size_t i = 0; i < seq.size() && found == nullptr; ++i) {
        Value v = seq.at(i);
        found = try_one(v);
        if (!tried.empty()) tried += "', '";
        tried += std::string(v.as_string());
      }
    } else {
      fail(at, std::string("template name must be a string, not ") + std::string(type_name(name)));
    }
    if (found == nullptr) {
      if (ignore_missing) return nullptr;
      auto r = env.get(name.is_string() ? name.as_string() : std::string_view(tried));
      std::string hint = r.ok() ? std::string() : r.error().hint;
      fail(at, "template '" + tried + "' not found", std::move(hint));
    }
    if (!found->ok()) throw_broken(found, at);
    return found;
  }

  [[noreturn]] void throw_broken(const Template* t, Loc at) {
    (void)at;
    Diagnostic d = *t->error();
    add_chain(d);
    throw RenderFailure{std::move(d)};
  }

  void exec_extends(const ExtendsStmt* s) {
    if (frame == nullptr) fail(s->loc, "extends is only allowed at the top level of a template");
    if (frame->extended) fail(s->loc, "extended multiple times");
    Value name = s->resolved ? Value() : eval(s->name);
    const Template* parent = resolve_template(name, s->loc, false, s->resolved);
    frame->pending_parent = parent;
    frame->extended = true;
    discard.clear();
    out = &discard;
  }

  void exec_block(const BlockStmt* b) {
    if (frame == nullptr || frame->extended) return;
    for (std::uint32_t i = 0; i < frame->chain_len; ++i) {
      if (const BlockStmt* def = frame->chain[i]->find_block(b->sym)) {
        render_block(frame, i, def, *out, b->loc);
        return;
      }
    }
  }

  void render_block(RenderFrame* f, std::uint32_t index, const BlockStmt* def, OutBuffer& dest,
                    Loc at) {
    if (def->required) {
      fail_at(f->chain[index], def->loc,
              std::string("required block '") + std::string(def->name) + "' not found",
              "a template extending '" + f->chain[index]->name() + "' must define it");
    }
    ChainGuard guard(*this, at, "block", def->name);
    BlockCtx ctx{f, def->sym, index};
    ContextSave save(*this);
    block = &ctx;
    frame = f;
    scope = new_scope(def->scoped ? scope : f->scope, 4);
    tmpl = f->chain[index];
    autoescape = tmpl->autoescape();
    out = &dest;
    exec_body(def->body);
  }

  void call_super(Loc at, OutBuffer& dest) {
    if (block == nullptr) fail(at, "super() can only be called inside a block");
    const BlockCtx* b = block;
    for (std::uint32_t j = b->index + 1; j < b->frame->chain_len; ++j) {
      if (const BlockStmt* def = b->frame->chain[j]->find_block(b->sym)) {
        render_block(b->frame, j, def, dest, at);
        return;
      }
    }
    fail(at, std::string("no parent block '") + std::string(env.symbols().name(b->sym)) +
                 "' for super()");
  }

  // ---- include / import ----

  void exec_include(const IncludeStmt* s) {
    Value name = s->resolved ? Value() : eval(s->name);
    const Template* t = resolve_template(name, s->loc, s->ignore_missing, s->resolved);
    if (t == nullptr) return;
    ChainGuard guard(*this, s->loc, "include", t->name());
    RenderFrame* f = new_frame(t, s->with_context ? scope : globals_only);
    run_frame(f);
    check_output(s->loc);
  }

  ModuleData* import_module(const Template* t, bool with_context, Loc at) {
    if (!with_context) {
      for (auto& [mt, m] : modules) {
        if (mt == t) return m;
      }
    }
    ChainGuard guard(*this, at, "import", t->name());
    ContextSave save(*this);
    out = &discard;
    RenderFrame* f = new_frame(t, with_context ? scope : globals_only);
    run_frame(f);
    discard.clear();
    ModuleData* m = alloc<ModuleData>();
    m->scope = f->scope;
    m->tmpl = t;
    m->symbols = &env.symbols();
    if (!with_context) modules.emplace_back(t, m);
    return m;
  }

  void exec_import(const ImportStmt* s) {
    Value name = s->resolved ? Value() : eval(s->name);
    const Template* t = resolve_template(name, s->loc, false, s->resolved);
    ModuleData* m = import_module(t, s->with_context, s->loc);
    set_var(scope, s->alias, Value::object(&kModuleVTable, m));
  }

  void exec_from_import(const FromImportStmt* s) {
    Value name = s->resolved ? Value() : eval(s->name);
    const Template* t = resolve_template(name, s->loc, false, s->resolved);
    ModuleData* m = import_module(t, s->with_context, s->loc);
    for (const ImportName& in : s->names) {
      Symbol sym = env.symbols().find(in.name);
      const Value* v = sym == kNoSymbol ? nullptr : find_in(m->scope, sym);
      if (v == nullptr) {
        // As in Jinja: binding a missing name is fine, using it is an error.
        std::string msg = "the template '" + t->name() + "' does not export the requested name '" +
                          std::string(in.name) + "'";
        auto* text = alloc<std::string_view>();
        *text = copy_string(msg, s->loc);
        set_var(scope, in.alias, Value::internal(ValueKind::kUndefined, kUndefMessage, text));
        continue;
      }
      set_var(scope, in.alias, *v);
    }
  }

  // ---- macros ----

  Value make_macro(const MacroDef* def) {
    MacroClosure* c = alloc<MacroClosure>();
    c->name = def->name;
    c->def = def;
    c->closure = scope;
    c->tmpl = tmpl;
    return Value::internal(ValueKind::kCallable, kCallMacro, c);
  }

  // Binds arguments the way Jinja's Macro.__call__ does, then renders the
  // body into `dest`.
  void call_macro(const MacroClosure* m, const Args& args, Loc at, OutBuffer& dest) {
    const MacroDef* def = m->def;
    ChainGuard guard(*this, at, "macro", def->name);
    ContextSave save(*this);
    std::size_t nparams = def->params.size();
    Scope* s = new_scope(m->closure, static_cast<std::uint32_t>(nparams + 4));
    scope = s;
    tmpl = m->tmpl;
    autoescape = tmpl->autoescape();
    block = nullptr;

    std::size_t npos = args.positional.size();
    if (npos > nparams && !def->catch_varargs) {
      fail(at, std::string("macro '") + std::string(def->name) + "' takes not more than " +
                   std::to_string(nparams) + " argument(s)");
    }
    std::size_t used_kw = 0;
    bool caller_bound = false;
    for (std::size_t i = 0; i < nparams; ++i) {
      const MacroParam& p = def->params[i];
      Value v;
      bool have = false;
      if (i < npos) {
        v = args.positional[i];
        have = true;
      } else {
        for (const auto& k : args.keywords) {
          if (k.name == p.name) {
            v = k.value;
            have = true;
            ++used_kw;
            break;
          }
        }
      }
      if (p.sym == kSymCaller && have) caller_bound = true;
      if (!have) {
        if (p.default_value != nullptr) {
          v = eval(p.default_value);
        } else {
          v = Value::internal(ValueKind::kUndefined, kUndefParam, &p);
        }
      }
      // Parameters are distinct (the parser checks) and the scope has room.
      s->vars[s->size++] = Var{p.sym, v};
    }
    if (def->uses_caller && !caller_bound) {
      Value caller = Value::internal(ValueKind::kUndefined, kUndefMessage, &kNoCaller);
      for (const auto& k : args.keywords) {
        if (k.name == "caller") {
          caller = k.value;
          ++used_kw;
        }
      }
      set_var(s, kSymCaller, caller);
    }
    if (def->catch_kwargs) {
      std::size_t extra = args.keywords.size() - used_kw;
      MapEntry* entries = alloc<MapEntry>(extra == 0 ? 1 : extra);
      std::size_t n = 0;
      for (const auto& k : args.keywords) {
        if (is_bound_keyword(def, k.name)) continue;
        entries[n++] = MapEntry{Value::string(k.name), k.value};
      }
      set_var(s, kSymKwargs, Value::map(std::span<const MapEntry>(entries, n)));
    } else if (used_kw < args.keywords.size()) {
      for (const auto& k : args.keywords) {
        if (is_bound_keyword(def, k.name)) continue;
        if (k.name == "caller") {
          fail(at, std::string("macro '") + std::string(def->name) +
                       "' was invoked with a caller but does not use caller()");
        }
        fail(at, std::string("macro '") + std::string(def->name) + "' takes no keyword argument '" +
                     std::string(k.name) + "'");
      }
    }
    if (def->catch_varargs) {
      // Copied: the arguments live in the caller's frame, varargs may outlive it.
      std::size_t extra = npos > nparams ? npos - nparams : 0;
      Value* rest = alloc<Value>(extra == 0 ? 1 : extra);
      for (std::size_t i = 0; i < extra; ++i) rest[i] = args.positional[nparams + i];
      set_var(s, kSymVarargs, Value::tuple(std::span<const Value>(rest, extra)));
    }
    out = &dest;
    exec_body(def->body);
    check_output(at);
  }

  static bool is_bound_keyword(const MacroDef* def, std::string_view name) {
    for (const auto& p : def->params) {
      if (p.name == name) return true;
    }
    return def->uses_caller && name == "caller";
  }

  // ---- expressions ----

  bool test(const Expr* e) {
    Value v = eval(e);
    require(v, e->loc);
    return truthy(v, host);
  }

  Value eval(const Expr* e) {
    switch (e->kind) {
      case ExprKind::kConst:
        return static_cast<const ConstExpr*>(e)->value;
      case ExprKind::kName:
        return lookup(static_cast<const NameExpr*>(e));
      case ExprKind::kGetAttr:
        return eval_getattr(static_cast<const GetAttrExpr*>(e));
      case ExprKind::kGetItem:
        return eval_getitem(static_cast<const GetItemExpr*>(e));
      case ExprKind::kSlice:
        return eval_slice(static_cast<const SliceExpr*>(e));
      case ExprKind::kNeg:
      case ExprKind::kPos:
        return eval_unary(static_cast<const UnaryExpr*>(e));
      case ExprKind::kNot: {
        const Expr* operand = static_cast<const UnaryExpr*>(e)->operand;
        return Value::boolean(!test(operand));
      }
      case ExprKind::kBinary:
        return eval_binary(static_cast<const BinaryExpr*>(e));
      case ExprKind::kAnd: {
        const auto* b = static_cast<const BinaryExpr*>(e);
        Value l = eval(b->left);
        require(l, b->left->loc);
        if (!truthy(l, host)) return l;
        return eval(b->right);
      }
      case ExprKind::kOr: {
        const auto* b = static_cast<const BinaryExpr*>(e);
        Value l = eval(b->left);
        require(l, b->left->loc);
        if (truthy(l, host)) return l;
        return eval(b->right);
      }
      case ExprKind::kCoalesce: {
        const auto* b = static_cast<const BinaryExpr*>(e);
        Value l = eval_lenient(b->left);
        if (!l.is_nullish()) return l;
        return eval(b->right);
      }
      case ExprKind::kCompare:
        return eval_compare(static_cast<const CompareExpr*>(e));
      case ExprKind::kCondExpr: {
        const auto* c = static_cast<const CondExpr*>(e);
        if (test(c->test)) return eval(c->then);
        if (c->otherwise != nullptr) return eval(c->otherwise);
        // Jinja uses its lenient Undefined here even in strict mode.
        return silent_undefined();
      }
      case ExprKind::kList:
      case ExprKind::kTuple: {
        const auto* l = static_cast<const ListExpr*>(e);
        std::size_t n = l->items.size();
        Value* items = alloc<Value>(n == 0 ? 1 : n);
        for (std::size_t i = 0; i < n; ++i) items[i] = eval(l->items[i]);
        std::span<const Value> span(items, n);
        return e->kind == ExprKind::kTuple ? Value::tuple(span) : Value::list(span);
      }
      case ExprKind::kDict: {
        const auto* d = static_cast<const DictExpr*>(e);
        std::size_t n = d->items.size();
        MapEntry* entries = alloc<MapEntry>(n == 0 ? 1 : n);
        std::size_t used = 0;
        for (const auto& item : d->items) {
          Value k = eval(item.key);
          require(k, item.key->loc);
          Value v = eval(item.value);
          bool replaced = false;
          for (std::size_t j = 0; j < used; ++j) {
            if (equal(entries[j].key, k, host)) {
              entries[j].value = v;  // later duplicates win, keeping the first position
              replaced = true;
              break;
            }
          }
          if (!replaced) entries[used++] = MapEntry{k, v};
        }
        return Value::map(std::span<const MapEntry>(entries, used));
      }
      case ExprKind::kFilter: {
        const auto* f = static_cast<const FilterExpr*>(e);
        return apply_filter(f, eval(f->input));
      }
      case ExprKind::kTest:
        return eval_test(static_cast<const TestExpr*>(e));
      case ExprKind::kCall:
        return eval_call(static_cast<const CallExpr*>(e), nullptr, nullptr);
    }
    return Value();
  }

  // Evaluates without turning a missing name or attribute into an error:
  // the left side of ?? may be missing at any depth.
  Value eval_lenient(const Expr* e) {
    if (e->kind == ExprKind::kGetAttr) {
      const auto* g = static_cast<const GetAttrExpr*>(e);
      Value obj = eval_lenient(g->object);
      if (obj.is_nullish()) return silent_undefined();
      return getattr_value(g, obj);
    }
    if (e->kind == ExprKind::kGetItem) {
      const auto* g = static_cast<const GetItemExpr*>(e);
      Value obj = eval_lenient(g->object);
      if (obj.is_nullish()) return silent_undefined();
      return getitem_value(g, obj);
    }
    return eval(e);
  }

  // self.name: a callable rendering block `name` of the frame's chain.
  Value self_block(RenderFrame* f, std::string_view name) {
    for (std::uint32_t i = 0; i < f->chain_len; ++i) {
      for (const BlockStmt* b : f->chain[i]->parsed().blocks) {
        if (b->name != name) continue;
        BlockRef* ref = alloc<BlockRef>();
        ref->name = b->name;
        ref->frame = f;
        return Value::internal(ValueKind::kCallable, kCallBlock, ref);
      }
    }
    return Value();
  }

  Value missing_attr(const Expr* node, const Value& obj) {
    MissingAttr* m = alloc<MissingAttr>();
    m->node = node;
    m->owner = type_name(obj);
    return Value::internal(ValueKind::kUndefined, kUndefAttr, m);
  }

  Value eval_getattr(const GetAttrExpr* g) {
    Value obj = eval(g->object);
    if (obj.is_undefined()) {
      if (is_silent(obj) || g->optional) return silent_undefined();
      fail_undefined(obj, g->loc);
    }
    if (g->optional && obj.is_none()) return silent_undefined();
    return getattr_value(g, obj);
  }

  Value getattr_value(const GetAttrExpr* g, const Value& obj) {
    if (obj.is_object()) {
      const ObjectVTable* vt = obj.vtable();
      void* self = const_cast<void*>(obj.object_ptr());
      Value out;
      if (vt->get_attr_hinted != nullptr) {
        // Host objects that remember where an attribute was (Data trees).
        if (vt->get_attr_hinted(self, g->name, attr_hints[g->hint_slot], out, host)) return out;
      } else if (vt == &kLoopVTable) {
        if (g->loop_attr != LoopAttr::kNone) {
          Value v = loop_attr(static_cast<LoopState*>(self), g->loop_attr);
          if (!v.is_undefined() || g->loop_attr == LoopAttr::kPrevitem ||
              g->loop_attr == LoopAttr::kNextitem) {
            return v;
          }
        }
      } else if (vt == &kModuleVTable) {
        // An imported template's names are variables: compare symbols.
        const auto* m = static_cast<const ModuleData*>(self);
        if (g->name[0] != '_') {
          if (const Value* v = find_in(m->scope, g->sym)) return *v;
        }
      } else if (vt == &kSelfVTable) {
        Value ref = self_block(static_cast<RenderFrame*>(self), g->name);
        if (!ref.is_undefined()) return ref;
      } else if (get_attribute(obj, g->name, out, host)) {
        return out;
      }
    } else if (obj.is_map()) {
      if (const Value* v = map_find(obj.as_map(), g->name, attr_hints[g->hint_slot])) return *v;
    } else {
      Value out;
      if (get_attribute(obj, g->name, out, host)) return out;
    }
    if (g->optional) return silent_undefined();
    return missing_attr(g, obj);
  }

  Value eval_getitem(const GetItemExpr* g) {
    Value obj = eval(g->object);
    if (obj.is_undefined()) {
      if (is_silent(obj)) return silent_undefined();
      fail_undefined(obj, g->loc);
    }
    return getitem_value(g, obj);
  }

  Value getitem_value(const GetItemExpr* g, const Value& obj) {
    Value key = eval(g->key);
    require(key, g->key->loc);
    Value out;
    if (get_item(obj, key, out, host)) return out;
    if (key.is_string() && get_attribute(obj, key.as_string(), out, host)) return out;
    return missing_attr(g, obj);
  }

  // Python slice semantics over lists, tuples, strings and host sequences.
  Value eval_slice(const SliceExpr* s) {
    Value obj = eval(s->object);
    require_always(obj, s->loc);
    auto bound = [&](const Expr* e, bool& given) -> std::int64_t {
      given = false;
      if (e == nullptr) return 0;
      Value v = eval(e);
      if (v.is_none()) return 0;
      if (!v.is_int() && !v.is_bool()) {
        fail(e->loc, "slice indices must be integers or None");
      }
      given = true;
      return v.as_int();
    };
    bool has_start, has_stop, has_step;
    std::int64_t start = bound(s->start, has_start);
    std::int64_t stop = bound(s->stop, has_stop);
    std::int64_t step = bound(s->step, has_step);
    if (!has_step) step = 1;
    if (step == 0) fail(s->loc, "slice step cannot be zero");
    Sequence seq(obj, host);
    if (!seq.ok() || is_mapping(obj)) {
      fail(s->loc,
           std::string("'") + std::string(type_name(obj)) + "' object is not subscriptable");
    }
    auto len = static_cast<std::int64_t>(seq.size());
    auto clamp = [&](std::int64_t v, bool given, std::int64_t dflt) -> std::int64_t {
      if (!given) return dflt;
      if (v < 0) v += len;
      if (step > 0) return std::clamp<std::int64_t>(v, 0, len);
      return std::clamp<std::int64_t>(v, -1, len - 1);
    };
    std::int64_t lo = clamp(start, has_start, step > 0 ? 0 : len - 1);
    std::int64_t hi = clamp(stop, has_stop, step > 0 ? len : -1);
    std::size_t count = 0;
    if (step > 0 && hi > lo) count = static_cast<std::size_t>((hi - lo + step - 1) / step);
    if (step < 0 && lo > hi) count = static_cast<std::size_t>((lo - hi - step - 1) / -step);

    if (obj.is_string()) {
      std::string_view str = obj.as_string();
      if (step == 1) {
        if (count == 0) return Value::string({});
        // Code point indexes to byte offsets.
        std::size_t b0 = pystr::byte_offset(str, static_cast<std::size_t>(lo));
        std::size_t b1 = pystr::byte_offset(str, static_cast<std::size_t>(lo) + count);
        return Value::string(str.substr(b0, b1 - b0)).with_safe(obj.is_safe());
      }
      Buffer buf(*this);
      for (std::size_t k = 0; k < count; ++k) {
        buf.s +=
            seq.at(static_cast<std::size_t>(lo + static_cast<std::int64_t>(k) * step)).as_string();
      }
      return Value::string(copy_string(buf.s, s->loc));
    }
    if (obj.is_list() && step == 1) {
      return obj.is_tuple()
                 ? Value::tuple(obj.as_list().subspan(static_cast<std::size_t>(lo), count))
                 : Value::list(obj.as_list().subspan(static_cast<std::size_t>(lo), count));
    }
    Value* items = alloc<Value>(count == 0 ? 1 : count);
    for (std::size_t k = 0; k < count; ++k) {
      items[k] = seq.at(static_cast<std::size_t>(lo + static_cast<std::int64_t>(k) * step));
    }
    std::span<const Value> span(items, count);
    return obj.is_tuple() ? Value::tuple(span) : Value::list(span);
  }

  Value eval_unary(const UnaryExpr* u) {
    Value v = eval(u->operand);
    require_always(v, u->loc);
    if (!v.is_number()) {
      fail(u->loc, std::string("bad operand type for unary ") +
                       (u->kind == ExprKind::kNeg ? "-" : "+") + std::string(": '") +
                       std::string(py_type(v)) + "'");
    }
    if (u->kind == ExprKind::kPos) return v.is_bool() ? Value::integer(v.as_int()) : v;
    if (v.is_float()) return Value::number(-v.as_float());
    if (v.as_int() == std::numeric_limits<std::int64_t>::min()) fail(u->loc, "integer overflow");
    return Value::integer(-v.as_int());
  }

  static std::string_view py_type(const Value& v) {
    std::string_view t = type_name(v);
    auto sp = t.find(" object");
    return sp == std::string_view::npos ? t : t.substr(0, sp);
  }

  [[noreturn]] void fail_operands(Loc at, Op op, const Value& a, const Value& b) {
    fail(at, std::string("unsupported operand type(s) for ") + std::string(op_text(op)) + ": '" +
                 std::string(py_type(a)) + std::string("' and '") + std::string(py_type(b)) + "'");
  }

  Value eval_binary(const BinaryExpr* b) {
    if (b->op == Op::kTilde) return eval_concat(b);
    Value l = eval(b->left);
    require_always(l, b->left->loc);
    Value r = eval(b->right);
    require_always(r, b->right->loc);
    return arith(b->op, l, r, b->loc);
  }

  Value arith(Op op, const Value& l, const Value& r, Loc at) {
    if (l.is_number() && r.is_number()) {
      bool floats = l.is_float() || r.is_float();
      switch (op) {
        case Op::kAdd:
        case Op::kSub:
        case Op::kMul: {
          if (floats) {
            double x = l.to_double(), y = r.to_double();
            return Value::number(op == Op::kAdd ? x + y : op == Op::kSub ? x - y : x * y);
          }
          std::int64_t res;
          bool overflow = op == Op::kAdd   ? __builtin_add_overflow(l.as_int(), r.as_int(), &res)
                          : op == Op::kSub ? __builtin_sub_overflow(l.as_int(), r.as_int(), &res)
                                           : __builtin_mul_overflow(l.as_int(), r.as_int(), &res);
          if (overflow) fail(at, "integer overflow");
          return Value::integer(res);
        }
        case Op::kDiv: {
          double y = r.to_double();
          if (y == 0) fail(at, "division by zero");
          return Value::number(l.to_double() / y);
        }
        case Op::kFloorDiv:
        case Op::kMod: {
          if (floats) {
            double x = l.to_double(), y = r.to_double();
            if (y == 0) fail(at, op == Op::kMod ? "float modulo" : "float floor division by zero");
            double m = std::fmod(x, y);
            if (m != 0 && ((m < 0) != (y < 0))) m += y;
            if (op == Op::kMod) return Value::number(m);
            // CPython's float_floor_div: the exact quotient, then floored.
            double div = (x - std::fmod(x, y)) / y;
            if (std::fmod(x, y) != 0 && ((y < 0) != (std::fmod(x, y) < 0))) div -= 1.0;
            double floor_div = std::floor(div);
            if (div - floor_div > 0.5) floor_div += 1.0;
            return Value::number(div == 0 ? std::copysign(0.0, x / y) : floor_div);
          }
          std::int64_t x = l.as_int(), y = r.as_int();
          if (y == 0) fail(at, "integer division or modulo by zero");
          if (x == std::numeric_limits<std::int64_t>::min() && y == -1)
            fail(at, "integer overflow");
          std::int64_t q = x / y, m = x % y;
          if (m != 0 && ((m < 0) != (y < 0))) {
            m += y;
            --q;
          }
          return Value::integer(op == Op::kMod ? m : q);
        }
        case Op::kPow: {
          if (!floats && r.as_int() >= 0) {
            std::int64_t base = l.as_int(), e = r.as_int(), res = 1;
            while (e > 0) {
              if (e & 1) {
                if (__builtin_mul_overflow(res, base, &res)) fail(at, "integer overflow");
              }
              e >>= 1;
              if (e > 0 && __builtin_mul_overflow(base, base, &base)) fail(at, "integer overflow");
            }
            return Value::integer(res);
          }
          double x = l.to_double(), y = r.to_double();
          if (x == 0 && y < 0) fail(at, "0.0 cannot be raised to a negative power");
          return Value::number(std::pow(x, y));
        }
        default:
          break;
      }
    }
    CallContext cx(*this, nullptr);
    if (op == Op::kAdd) {
      if (l.is_string() && r.is_string()) {
        bool markup = l.is_safe() || r.is_safe();
        Buffer buf(*this);
        append_for_concat(cx, buf.s, l, markup);
        append_for_concat(cx, buf.s, r, markup);
        std::string_view s = copy_string(buf.s, at);
        return markup ? Value::safe_string(s) : Value::string(s);
      }
      if (is_sequence(l) && is_sequence(r) && l.is_tuple() == r.is_tuple()) {
        Sequence a(l, host), c(r, host);
        std::size_t n = a.size() + c.size();
        Value* items = alloc<Value>(n == 0 ? 1 : n);
        for (std::size_t i = 0; i < a.size(); ++i) items[i] = a.at(i);
        for (std::size_t i = 0; i < c.size(); ++i) items[a.size() + i] = c.at(i);
        std::span<const Value> span(items, n);
        return l.is_tuple() ? Value::tuple(span) : Value::list(span);
      }
    }
    if (op == Op::kMul) {
      const Value* seq = nullptr;
      const Value* count = nullptr;
      if ((l.is_string() || is_sequence(l)) && (r.is_int() || r.is_bool())) {
        seq = &l;
        count = &r;
      } else if ((r.is_string() || is_sequence(r)) && (l.is_int() || l.is_bool())) {
        seq = &r;
        count = &l;
      }
      if (seq != nullptr) return repeat(*seq, count->as_int(), at);
    }
    if (op == Op::kMod && l.is_string()) {
      Buffer buf(*this);
      CallContext fcx(*this, nullptr);
      Value args = r;
      if (l.is_safe()) {
        // Markup % args escapes the arguments (markupsafe).
        args = escape_args(fcx, r);
      }
      if (!percent_format(fcx, l.as_string(), args, buf.s) || has_pending_error) {
        raise_pending(at);
      }
      std::string_view s = copy_string(buf.s, at);
      return l.is_safe() ? Value::safe_string(s) : Value::string(s);
    }
    fail_operands(at, op, l, r);
  }

  Value escape_args(CallContext& cx, const Value& v) {
    auto esc = [&](const Value& x) -> Value {
      if (!x.is_string() || x.is_safe()) return x;
      std::string e;
      append_escaped(e, x.as_string());
      return cx.safe_string(e);
    };
    if (v.is_tuple()) {
      std::size_t n = v.as_list().size();
      Value* items = alloc<Value>(n == 0 ? 1 : n);
      for (std::size_t i = 0; i < n; ++i) items[i] = esc(v.as_list()[i]);
      return Value::tuple(std::span<const Value>(items, n));
    }
    return esc(v);
  }

  Value repeat(const Value& seq, std::int64_t times, Loc at) {
    if (times <= 0) return seq.is_string() ? Value::string({}) : Value::list({});
    if (seq.is_string()) {
      std::string_view s = seq.as_string();
      std::size_t total;
      if (__builtin_mul_overflow(s.size(), static_cast<std::uint64_t>(times), &total) ||
          total > opt.limits.max_output_bytes) {
        fail(at, "string repetition exceeds the output limit");
      }
      char* p = alloc<char>(total + 1);
      for (std::int64_t i = 0; i < times; ++i) {
        std::memcpy(p + static_cast<std::size_t>(i) * s.size(), s.data(), s.size());
      }
      return Value::string(std::string_view(p, total)).with_safe(seq.is_safe());
    }
    Sequence items(seq, host);
    std::size_t n;
    if (__builtin_mul_overflow(items.size(), static_cast<std::uint64_t>(times), &n) ||
        n > opt.limits.max_loop_iterations) {
      fail(at, "list repetition is too large");
    }
    Value* out_items = alloc<Value>(n == 0 ? 1 : n);
    for (std::size_t i = 0; i < n; ++i) out_items[i] = items.at(i % items.size());
    std::span<const Value> span(out_items, n);
    return seq.is_tuple() ? Value::tuple(span) : Value::list(span);
  }

  // a ~ b ~ c: one string, markup-joined when autoescaping (Jinja's
  // markup_join: if any operand is safe, the others are escaped).
  Value eval_concat(const BinaryExpr* b) {
    const Expr* operands[64];
    std::size_t n = 0;
    collect_concat(b, operands, n);
    Value vals[64];
    bool markup = false;
    for (std::size_t i = 0; i < n; ++i) {
      vals[i] = eval(operands[i]);
      require(vals[i], operands[i]->loc);
      if (autoescape && vals[i].is_safe()) markup = true;
    }
    Buffer buf(*this);
    CallContext cx(*this, nullptr);
    for (std::size_t i = 0; i < n; ++i) append_for_concat(cx, buf.s, vals[i], markup);
    if (has_pending_error) raise_pending(b->loc);
    std::string_view s = copy_string(buf.s, b->loc);
    return markup ? Value::safe_string(s) : Value::string(s);
  }

  void collect_concat(const Expr* e, const Expr** ops, std::size_t& n) {
    if (e->kind == ExprKind::kBinary && e->op == Op::kTilde && n < 62) {
      const auto* b = static_cast<const BinaryExpr*>(e);
      collect_concat(b->left, ops, n);
      collect_concat(b->right, ops, n);
      return;
    }
    ops[n++] = e;
  }

  Value eval_compare(const CompareExpr* c) {
    Value left = eval(c->first);
    for (const Comparison& cmp : c->rest) {
      Value right = eval(cmp.operand);
      if (!compare_one(cmp.op, left, right, cmp.operand->loc)) return Value::boolean(false);
      left = right;
    }
    return Value::boolean(true);
  }

  bool compare_one(CmpOp op, const Value& a, const Value& b, Loc at) {
    switch (op) {
      case CmpOp::kEq:
      case CmpOp::kNe: {
        require(a, at);
        require(b, at);
        bool eq = equal(a, b, host);
        return op == CmpOp::kEq ? eq : !eq;
      }
      case CmpOp::kIn:
      case CmpOp::kNotIn: {
        require_always(b, at);
        require(a, at);
        bool in = contains(b, a, at);
        return op == CmpOp::kIn ? in : !in;
      }
      default:
        break;
    }
    require_always(a, at);
    require_always(b, at);
    bool ok;
    int r = compare(a, b, host, ok);
    if (!ok) {
      const char* sym = op == CmpOp::kLt   ? "<"
                        : op == CmpOp::kLe ? "<="
                        : op == CmpOp::kGt ? ">"
                                           : ">=";
      fail(at, std::string("'") + sym + "' not supported between instances of '" +
                   std::string(py_type(a)) + std::string("' and '") + std::string(py_type(b)) +
                   "'");
    }
    switch (op) {
      case CmpOp::kLt:
        return r < 0;
      case CmpOp::kLe:
        return r <= 0;
      case CmpOp::kGt:
        return r > 0;
      default:
        return r >= 0;
    }
  }

  bool contains(const Value& container, const Value& item, Loc at) {
    if (container.is_string()) {
      if (!item.is_string()) {
        fail(at, std::string("'in <string>' requires string as left operand, not ") +
                     std::string(py_type(item)));
      }
      return container.as_string().find(item.as_string()) != std::string_view::npos;
    }
    if (is_mapping(container)) {
      Value ignored;
      return get_item(container, item, ignored, host);
    }
    Sequence seq(container, host);
    if (!seq.ok()) {
      fail(at, std::string("argument of type '") + std::string(py_type(container)) +
                   "' is not iterable");
    }
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (equal(seq.at(i), item, host)) return true;
    }
    return false;
  }

  // ---- calls ----

  static constexpr std::size_t kInlineArgs = 8;

  // Argument storage for one call: small calls use the inline arrays, which
  // are left uninitialised (raw bytes) because zeroing them costs more than
  // a typical call.
  struct EvaluatedArgs {
    alignas(Value) unsigned char pos_bytes[sizeof(Value) * kInlineArgs];
    alignas(KeywordArg) unsigned char kw_bytes[sizeof(KeywordArg) * kInlineArgs];
    Value* pos = reinterpret_cast<Value*>(pos_bytes);
    KeywordArg* kw = reinterpret_cast<KeywordArg*>(kw_bytes);
    std::size_t npos = 0;
    std::size_t nkw = 0;
    Args args() const { return Args{{pos, npos}, {kw, nkw}}; }
  };

  void eval_args(const CallArgsExpr& a, const Value* first, const Value* caller, EvaluatedArgs& ea,
                 Loc at) {
    Value star;
    std::size_t nstar = 0;
    if (a.star != nullptr) {
      star = eval(a.star);
      require_always(star, a.star->loc);
      if (!is_iterable(star)) fail(a.star->loc, "argument after * must be iterable");
      Sequence s(star, host);
      nstar = s.size();
    }
    Value dstar;
    std::size_t ndstar = 0;
    if (a.dstar != nullptr) {
      dstar = eval(a.dstar);
      require_always(dstar, a.dstar->loc);
      if (!is_mapping(dstar)) fail(a.dstar->loc, "argument after ** must be a mapping");
      Sequence s(dstar, host);
      ndstar = s.size();
    }
    std::size_t npos = (first ? 1 : 0) + a.positional.size() + nstar;
    std::size_t nkw = a.keywords.size() + ndstar + (caller ? 1 : 0);
    if (npos > kInlineArgs) ea.pos = alloc<Value>(npos);
    if (nkw > kInlineArgs) ea.kw = alloc<KeywordArg>(nkw);
    std::size_t p = 0;
    if (first) ea.pos[p++] = *first;
    for (const Expr* e : a.positional) {
      ea.pos[p++] = e->kind == ExprKind::kName ? lookup(static_cast<const NameExpr*>(e)) : eval(e);
    }
    if (nstar) {
      Sequence s(star, host);
      for (std::size_t i = 0; i < nstar; ++i) ea.pos[p++] = s.at(i);
    }
    std::size_t k = 0;
    for (const auto& kw : a.keywords) ea.kw[k++] = KeywordArg{kw.name, eval(kw.value)};
    if (ndstar) {
      Sequence s(dstar, host);
      for (std::size_t i = 0; i < ndstar; ++i) {
        Value key = s.at(i);
        if (!key.is_string()) fail(at, "keywords must be strings");
        ea.kw[k++] = KeywordArg{key.as_string(), s.value_at(i)};
      }
    }
    if (caller) ea.kw[k++] = KeywordArg{"caller", *caller};
    ea.npos = p;
    ea.nkw = k;
  }

  [[noreturn]] void raise_pending(Loc at) {
    has_pending_error = false;
    std::string msg = std::move(pending_error);
    pending_error.clear();
    fail(at, std::move(msg));
  }

  Value invoke_native(const NativeFunction* fn, const Args& args, Loc at) {
    CallContext cx(*this, fn);
    Value r = fn->fn(cx, args);
    if (has_pending_error) raise_pending(at);
    return r;
  }

  Value apply_filter(const FilterExpr* f, const Value& input) {
    if (input.is_undefined() && !f->fn->accepts_undefined) require(input, f->loc);
    EvaluatedArgs ea;
    eval_args(f->args, &input, nullptr, ea, f->loc);
    return invoke_native(f->fn, ea.args(), f->loc);
  }

  Value eval_test(const TestExpr* t) {
    Value input = eval(t->input);
    if (input.is_undefined() && !t->fn->accepts_undefined) require(input, t->loc);
    EvaluatedArgs ea;
    eval_args(t->args, &input, nullptr, ea, t->loc);
    Value r = invoke_native(t->fn, ea.args(), t->loc);
    bool b = truthy(r, host);
    return Value::boolean(t->negated ? !b : b);
  }

  // Evaluates a call. When `direct` is given and the callee renders output
  // (a macro, super(), a block, loop()), it renders straight into *direct
  // and returns written_marker().
  Value eval_call(const CallExpr* c, const Value* caller, OutBuffer* direct) {
    const Expr* callee = c->callee;
    if (callee->kind == ExprKind::kName && static_cast<const NameExpr*>(callee)->sym == kSymSuper) {
      if (!c->args.positional.empty() || !c->args.keywords.empty()) {
        fail(c->loc, "super() takes no arguments");
      }
      if (direct != nullptr) {
        call_super(c->loc, *direct);
        return written_marker();
      }
      OutScope buf(*this);
      call_super(c->loc, buf.b);
      return markup_result(buf.b.view(), c->loc);
    }
    if (callee->kind == ExprKind::kGetAttr) {
      const auto* g = static_cast<const GetAttrExpr*>(callee);
      Value obj = g->object->kind == ExprKind::kName
                      ? lookup(static_cast<const NameExpr*>(g->object))
                      : eval(g->object);
      if (obj.is_undefined()) {
        if (is_silent(obj) || g->optional) return silent_undefined();
        fail_undefined(obj, g->loc);
      }
      if (g->optional && obj.is_none()) return silent_undefined();
      EvaluatedArgs ea;
      if (obj.is_object() && obj.vtable() == &kLoopVTable) {
        auto* ls = static_cast<LoopState*>(const_cast<void*>(obj.object_ptr()));
        if (g->loop_attr == LoopAttr::kCycle || g->loop_attr == LoopAttr::kChanged) {
          eval_args(c->args, nullptr, caller, ea, c->loc);
          return g->loop_attr == LoopAttr::kCycle ? loop_cycle(ls, ea.args(), c->loc)
                                                  : loop_changed(ls, ea.args());
        }
      }
      Value attr;
      bool has_attr;
      if (obj.is_object() && obj.vtable() == &kModuleVTable) {
        const auto* m = static_cast<const ModuleData*>(obj.object_ptr());
        const Value* v = g->name[0] == '_' ? nullptr : find_in(m->scope, g->sym);
        has_attr = v != nullptr;
        if (v != nullptr) attr = *v;
      } else if (obj.is_object() && obj.vtable() == &kSelfVTable) {
        attr = self_block(static_cast<RenderFrame*>(const_cast<void*>(obj.object_ptr())), g->name);
        has_attr = !attr.is_undefined();
      } else {
        has_attr = get_attribute(obj, g->name, attr, host);
      }
      if (!has_attr || !attr.is_callable()) {
        eval_args(c->args, nullptr, caller, ea, c->loc);
        Value out;
        CallContext cx(*this, nullptr);
        if (call_builtin_method(cx, obj, g->name, ea.args(), out)) {
          if (has_pending_error) raise_pending(c->loc);
          return out;
        }
        if (has_pending_error) raise_pending(c->loc);
        if (!has_attr) {
          if (g->optional) return silent_undefined();
          fail(g->loc, std::string("'") + std::string(type_name(obj)) + "' has no attribute '" +
                           std::string(g->name) + "'");
        }
        return call_value(attr, ea.args(), c->loc, direct);
      }
      eval_args(c->args, nullptr, caller, ea, c->loc);
      return call_value(attr, ea.args(), c->loc, direct);
    }
    Value fn = eval(callee);
    if (fn.is_undefined()) {
      if (is_silent(fn)) return silent_undefined();
      fail_undefined(fn, callee->loc);
    }
    EvaluatedArgs ea;
    eval_args(c->args, nullptr, caller, ea, c->loc);
    return call_value(fn, ea.args(), c->loc, direct);
  }

  Value markup_result(std::string_view s, Loc at) {
    std::string_view v = copy_string(s, at);
    return autoescape ? Value::safe_string(v) : Value::string(v);
  }

  Value call_value(const Value& fn, const Args& args, Loc at, OutBuffer* direct) {
    if (fn.is_callable()) {
      switch (fn.sub()) {
        case kCallNative:
          return invoke_native(fn.as_function(), args, at);
        case kCallMacro: {
          const auto* m = static_cast<const MacroClosure*>(fn.ptr());
          bool macro_markup = m->tmpl->autoescape();
          if (direct != nullptr && (macro_markup || !autoescape)) {
            call_macro(m, args, at, *direct);
            return written_marker();
          }
          OutScope buf(*this);
          call_macro(m, args, at, buf.b);
          std::string_view s = copy_string(buf.b.view(), at);
          return macro_markup ? Value::safe_string(s) : Value::string(s);
        }
        case kCallBlock: {
          // self.name(): the frame is this render's (arena memory), so it is
          // safe to render from it.
          const auto* ref = static_cast<const BlockRef*>(fn.ptr());
          RenderFrame* frame_mut = ref->frame;
          const RenderFrame* f = frame_mut;
          const std::string_view* name = &ref->name;
          Symbol sym = env.symbols().find(*name);
          for (std::uint32_t i = 0; i < f->chain_len; ++i) {
            if (const BlockStmt* def = f->chain[i]->find_block(sym)) {
              if (direct != nullptr) {
                render_block(frame_mut, i, def, *direct, at);
                return written_marker();
              }
              OutScope buf(*this);
              render_block(frame_mut, i, def, buf.b, at);
              return markup_result(buf.b.view(), at);
            }
          }
          fail(at, std::string("no block named '") + std::string(*name) + "'");
        }
        default:
          break;
      }
    }
    if (fn.is_object() && fn.vtable() == &kLoopVTable) {
      auto* ls = static_cast<LoopState*>(const_cast<void*>(fn.object_ptr()));
      if (direct != nullptr) {
        loop_recurse(ls, args, at, *direct);
        return written_marker();
      }
      OutScope buf(*this);
      loop_recurse(ls, args, at, buf.b);
      return markup_result(buf.b.view(), at);
    }
    fail(at, std::string("'") + std::string(type_name(fn)) + "' is not callable");
  }

  // ---- entry point ----

  // Renders into main_out; the caller copies or views it.
  Status render(const Template& t, std::span<const NamedValue> context, void* host_ptr,
                DependencyRecorder* rec) {
    arena.reset();
    chain_len = 0;
    buffer_depth = 0;
    out_depth = 0;
    main_out.clear();
    modules.clear();
    reported.clear();
    discard.clear();
    iterations = 0;
    has_pending_error = false;
    pending_error.clear();
    host = host_ptr;
    recorder = rec;
    char base;
    stack_base = &base;
    try {
      if (!t.ok()) {
        if (rec != nullptr) rec->on_template(t.name(), t.hash());
        return *t.error();
      }
      this->context = context;
      globals_only = new_scope(nullptr, 1);
      root =
          new_scope(nullptr, static_cast<std::uint32_t>(std::max<std::size_t>(context.size(), 4)));
      for (const auto& nv : context) {
        Symbol sym = env.symbols().find(nv.name);
        if (sym != kNoSymbol) set_var(root, sym, nv.value);
      }
      scope = root;
      out = &main_out;
      tmpl = &t;
      frame = nullptr;
      block = nullptr;
      RenderFrame* f = new_frame(&t, root);
      run_frame(f);
      check_output(Loc{});
    } catch (RenderFailure& f) {
      return std::move(f.diagnostic);
    }
    return Ok{};
  }
};

// ---- internal object vtables ----

namespace {

bool loop_get_attr(const void* self, std::string_view name, Value& out, void*) {
  LoopAttr a = loop_attr_of(name);
  if (a == LoopAttr::kNone || a == LoopAttr::kCycle || a == LoopAttr::kChanged) return false;
  out = loop_attr_value(static_cast<const LoopState*>(self), a);
  return true;
}

void loop_str(const void*, std::string& out, void*) {
  out += "<LoopContext>";
}

const ObjectVTable kLoopVTable = {
    .type_name = "LoopContext",
    .get_attr = loop_get_attr,
    .append_str = loop_str,
};

bool module_get_attr(const void* self, std::string_view name, Value& out, void* host) {
  (void)host;
  const auto* m = static_cast<const ModuleData*>(self);
  if (name.empty() || name[0] == '_') return false;
  const Scope* s = m->scope;
  for (std::uint32_t i = s->size; i-- > 0;) {
    if (m->symbols->name(s->vars[i].sym) == name) {
      out = s->vars[i].value;
      return true;
    }
  }
  return false;
}

void module_str(const void* self, std::string& out, void*) {
  const auto* m = static_cast<const ModuleData*>(self);
  out += "<Module '";
  out += m->tmpl->name();
  out += "'>";
}

const ObjectVTable kModuleVTable = {
    .type_name = "Module",
    .get_attr = module_get_attr,
    .append_str = module_str,
};

// self.name is resolved by the renderer (it needs the arena); the vtable
// only prints.
bool self_get_attr(const void*, std::string_view, Value&, void*) {
  return false;
}

void self_str(const void*, std::string& out, void*) {
  out += "<TemplateReference>";
}

const ObjectVTable kSelfVTable = {
    .type_name = "TemplateReference",
    .get_attr = self_get_attr,
    .append_str = self_str,
};

}  // namespace

// ---- CallContext ----

void* CallContext::host() const {
  return st_.host;
}
const Environment& CallContext::env() const {
  return st_.env;
}
bool CallContext::autoescape() const {
  return st_.autoescape;
}
bool CallContext::strict() const {
  return st_.opt.strict_undefined;
}

Value CallContext::fail(std::string message) {
  if (!st_.has_pending_error) {
    st_.has_pending_error = true;
    st_.pending_error = std::move(message);
  }
  return Value();
}

bool CallContext::failed() const {
  return st_.has_pending_error;
}

Arena& CallContext::arena() {
  return st_.arena;
}

Value CallContext::string(std::string_view s) {
  if (s.size() > st_.opt.limits.max_output_bytes) {
    fail("string exceeds the output limit");
    return Value::string({});
  }
  std::string_view c = st_.arena.copy(s);
  if (c.size() != s.size()) fail("template render used more than the memory limit");
  return Value::string(c);
}

Value CallContext::safe_string(std::string_view s) {
  return string(s).with_safe(true);
}

Value* CallContext::alloc_values(std::size_t n) {
  Value* p = st_.arena.make_array<Value>(n == 0 ? 1 : n);
  if (p == nullptr) fail("template render used more than the memory limit");
  return p;
}

MapEntry* CallContext::alloc_entries(std::size_t n) {
  MapEntry* p = st_.arena.make_array<MapEntry>(n == 0 ? 1 : n);
  if (p == nullptr) fail("template render used more than the memory limit");
  return p;
}

Value CallContext::list(std::span<const Value> items) {
  Value* p = alloc_values(items.size());
  if (p == nullptr) return Value::list({});
  std::copy(items.begin(), items.end(), p);
  return Value::list(std::span<const Value>(p, items.size()));
}

Value CallContext::tuple(std::span<const Value> items) {
  Value v = list(items);
  return Value::tuple(v.as_list());
}

Value CallContext::map(std::span<const MapEntry> entries) {
  MapEntry* p = alloc_entries(entries.size());
  if (p == nullptr) return Value::map({});
  std::copy(entries.begin(), entries.end(), p);
  return Value::map(std::span<const MapEntry>(p, entries.size()));
}

std::string& CallContext::acquire_buffer() {
  return st_.acquire_buffer();
}
void CallContext::release_buffer() {
  st_.release_buffer();
}

bool CallContext::check_defined(const Value& v) {
  if (v.is_undefined() && !is_silent(v) && st_.opt.strict_undefined) {
    std::string hint;
    std::string msg = st_.describe_undefined(v, hint);
    fail(std::move(msg));
    return false;
  }
  return true;
}

void CallContext::append_str(std::string& out, const Value& v) {
  if (!check_defined(v)) return;
  tmpl::append_str(out, v, st_.host);
}

std::string_view CallContext::str(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (!check_defined(v)) return {};
  std::string& buf = st_.acquire_buffer();
  tmpl::append_str(buf, v, st_.host);
  std::string_view s = st_.arena.copy(buf);
  st_.release_buffer();
  return s;
}

bool CallContext::truthy(const Value& v) {
  if (!check_defined(v)) return false;
  return tmpl::truthy(v, st_.host);
}

bool CallContext::equal(const Value& a, const Value& b) {
  return tmpl::equal(a, b, st_.host);
}

int CallContext::compare(const Value& a, const Value& b) {
  bool ok;
  int r = tmpl::compare(a, b, st_.host, ok);
  if (!ok) {
    fail(std::string("'<' not supported between instances of '") +
         std::string(RenderState::py_type(a)) + std::string("' and '") +
         std::string(RenderState::py_type(b)) + "'");
  }
  return r;
}

Value CallContext::attribute_path(const Value& obj, std::string_view path) {
  Value cur = obj;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string_view part =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    Value next;
    bool found = false;
    bool numeric = !part.empty() && std::all_of(part.begin(), part.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
    if (numeric) {
      std::int64_t idx = 0;
      for (char c : part) idx = idx * 10 + (c - '0');
      found = get_item(cur, Value::integer(idx), next, st_.host);
    }
    if (!found) found = get_attribute(cur, part, next, st_.host);
    if (!found) found = get_item(cur, Value::string(part), next, st_.host);
    if (!found) return Value();
    cur = next;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return cur;
}

Value CallContext::call(const Value& callable, const Args& args) {
  try {
    return st_.call_value(callable, args, Loc{}, nullptr);
  } catch (RenderFailure& f) {
    return fail(f.diagnostic.message);
  }
}

Value CallContext::call_filter(std::string_view name, const Args& args) {
  const NativeFunction* fn = st_.env.registry().filter(name);
  if (fn == nullptr) return fail(std::string("unknown filter '") + std::string(name) + "'");
  if (!args.positional.empty() && args.positional[0].is_undefined() && !fn->accepts_undefined &&
      !check_defined(args.positional[0])) {
    return Value();
  }
  CallContext cx(st_, fn);
  return fn->fn(cx, args);
}

Value CallContext::call_test(std::string_view name, const Args& args) {
  const NativeFunction* fn = st_.env.registry().test(name);
  if (fn == nullptr) return fail(std::string("unknown test '") + std::string(name) + "'");
  CallContext cx(st_, fn);
  return fn->fn(cx, args);
}

// ---- Renderer ----

Renderer::Renderer(const Environment& env) : state_(std::make_unique<RenderState>(env)) {}
Renderer::~Renderer() = default;
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;

Status Renderer::render(const Template& t, std::span<const NamedValue> context, std::string& out,
                        void* host, DependencyRecorder* recorder) {
  Status s = state_->render(t, context, host, recorder);
  out.append(state_->main_out.view());
  return s;
}

Status Renderer::render(const Template& t, std::span<const NamedValue> context,
                        std::string_view& out, void* host, DependencyRecorder* recorder) {
  Status s = state_->render(t, context, host, recorder);
  out = state_->main_out.view();
  return s;
}

Status Renderer::render(std::string_view name, std::span<const NamedValue> context,
                        std::string& out, void* host, DependencyRecorder* recorder) {
  auto t = state_->env.get(name);
  if (!t.ok()) return t.error();
  return render(*t.value(), context, out, host, recorder);
}

std::size_t Renderer::arena_reserved() const {
  return state_->arena.reserved();
}

}  // namespace bengal::tmpl
