#include "template/parser.h"

#include <algorithm>
#include <new>
#include <string>

#include "core/text.h"

namespace bengal::tmpl {

LoopAttr loop_attr_of(std::string_view name) {
  static constexpr struct {
    std::string_view name;
    LoopAttr attr;
  } kAttrs[] = {
      {"index", LoopAttr::kIndex},       {"index0", LoopAttr::kIndex0},
      {"revindex", LoopAttr::kRevindex}, {"revindex0", LoopAttr::kRevindex0},
      {"first", LoopAttr::kFirst},       {"last", LoopAttr::kLast},
      {"length", LoopAttr::kLength},     {"depth", LoopAttr::kDepth},
      {"depth0", LoopAttr::kDepth0},     {"previtem", LoopAttr::kPrevitem},
      {"nextitem", LoopAttr::kNextitem}, {"cycle", LoopAttr::kCycle},
      {"changed", LoopAttr::kChanged},
  };
  for (const auto& a : kAttrs) {
    if (a.name == name) return a.attr;
  }
  return LoopAttr::kNone;
}

namespace {

// Thrown inside the parser only; parse_template turns it into a Diagnostic.
struct ParseFailure {
  std::uint32_t offset;
  std::string message;
  std::string hint;
};

constexpr std::string_view kStatementKeywords[] = {
    "for", "if",   "block",      "extends", "print", "macro", "include", "from",     "import",
    "set", "with", "autoescape", "filter",  "call",  "do",    "break",   "continue", "raw"};

class Parser {
 public:
  Parser(std::string_view source, std::span<const Token> tokens, SymbolTable& symbols,
         const Registry& registry, Arena& storage)
      : src_(source), toks_(tokens), symbols_(symbols), registry_(registry), arena_(storage) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < src_.size(); ++i) {
      if (src_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }

  ParsedTemplate parse() {
    ParsedTemplate out;
    out.body = subparse_any({});
    if (cur().type != Tok::kEof) fail_unexpected();
    out.blocks = std::move(blocks_);
    out.references = std::move(references_);
    out.linking_stmts = std::move(linking_stmts_);
    out.has_extends = has_extends_;
    return out;
  }

 private:
  // ---- token stream ----
  const Token& cur() const { return toks_[pos_]; }
  const Token& look(std::size_t ahead = 1) const {
    std::size_t i = std::min(pos_ + ahead, toks_.size() - 1);
    return toks_[i];
  }
  const Token& next() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool is_op(Op op) const { return cur().type == Tok::kOp && cur().op == op; }
  bool is_name(std::string_view name) const {
    return cur().type == Tok::kName && cur().text == name;
  }
  bool skip_op(Op op) {
    if (!is_op(op)) return false;
    next();
    return true;
  }
  bool skip_name(std::string_view name) {
    if (!is_name(name)) return false;
    next();
    return true;
  }
  void expect_op(Op op) {
    if (!skip_op(op)) fail_expected(std::string("'") + std::string(op_text(op)) + "'");
  }
  void expect_name(std::string_view name) {
    if (!skip_name(name)) fail_expected(std::string("'") + std::string(name) + "'");
  }
  const Token& expect_identifier() {
    if (cur().type != Tok::kName) fail_expected("a name");
    return next();
  }
  void expect_block_end() {
    if (cur().type != Tok::kBlockEnd) fail_expected("end of statement block ('%}')");
    next();
  }

  // ---- errors ----
  static std::string describe(const Token& t) {
    switch (t.type) {
      case Tok::kData:
        return "template data";
      case Tok::kVarBegin:
        return "'{{'";
      case Tok::kVarEnd:
        return "'}}'";
      case Tok::kBlockBegin:
        return "'{%'";
      case Tok::kBlockEnd:
        return "'%}'";
      case Tok::kName:
        return std::string("'") + std::string(t.text) + "'";
      case Tok::kString:
        return "string";
      case Tok::kInt:
        return "integer";
      case Tok::kFloat:
        return "float";
      case Tok::kOp:
        return std::string("'") + std::string(op_text(t.op)) + "'";
      case Tok::kEof:
        return "end of template";
    }
    return "token";
  }
  [[noreturn]] void fail(std::uint32_t offset, std::string message, std::string hint = {}) {
    throw ParseFailure{offset, std::move(message), std::move(hint)};
  }
  [[noreturn]] void fail_expected(const std::string& what) {
    if (cur().type == Tok::kEof) fail_eof(what);
    fail(cur().offset, "expected " + what + ", got " + describe(cur()));
  }
  [[noreturn]] void fail_unexpected() { fail(cur().offset, "unexpected " + describe(cur())); }
  [[noreturn]] void fail_eof(const std::string& what) {
    std::string msg = "unexpected end of template, expected " + what;
    std::string hint;
    if (!open_blocks_.empty()) {
      const auto& b = open_blocks_.back();
      hint = std::string("the '") + std::string(b.keyword) +
             std::string("' block opened on line ") + std::to_string(b.line) +
             std::string(" is never closed (close it with 'end") + std::string(b.keyword) +
             "' or 'end')";
    }
    fail(static_cast<std::uint32_t>(src_.size()), std::move(msg), std::move(hint));
  }

  Loc loc_of(std::uint32_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    return Loc{line, offset - line_starts_[line - 1] + 1};
  }
  Loc loc() const { return loc_of(cur().offset); }

  // ---- allocation ----
  template <typename T>
  T* make() {
    void* p = arena_.allocate(sizeof(T), alignof(T));
    if (p == nullptr) throw std::bad_alloc();
    return new (p) T();
  }
  template <typename T>
  std::span<const T> copy_span(const std::vector<T>& v) {
    if (v.empty()) return {};
    T* p = static_cast<T*>(arena_.allocate(sizeof(T) * v.size(), alignof(T)));
    if (p == nullptr) throw std::bad_alloc();
    for (std::size_t i = 0; i < v.size(); ++i) new (p + i) T(v[i]);
    return {p, v.size()};
  }
  template <typename T>
  std::span<T* const> copy_ptrs(const std::vector<T*>& v) {
    auto s = copy_span(v);
    return {s.data(), s.size()};
  }
  template <typename T>
  T* make_expr(ExprKind kind, Loc l) {
    T* e = make<T>();
    e->kind = kind;
    e->loc = l;
    return e;
  }
  template <typename T>
  T* make_stmt(StmtKind kind, Loc l) {
    T* s = make<T>();
    s->kind = kind;
    s->loc = l;
    return s;
  }

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxParseDepth) {
        p.fail(p.cur().offset, "template nesting is too deep (more than " +
                                   std::to_string(kMaxParseDepth) + " levels)");
      }
    }
    ~DepthGuard() { --p.depth_; }
  };

  // ---- statements ----

  struct OpenBlock {
    std::string_view keyword;
    std::uint32_t line;
  };

  // Parses a body up to one of `end_names` (or `end`), after the header's '%}'.
  Body parse_statements(std::string_view keyword, std::uint32_t open_line,
                        std::initializer_list<std::string_view> end_names, bool drop_needle) {
    skip_op(Op::kColon);
    expect_block_end();
    DepthGuard guard(*this);
    open_blocks_.push_back(OpenBlock{keyword, open_line});
    std::vector<std::string_view> ends(end_names);
    ends.push_back("end");
    Body body = subparse_any(ends);
    if (cur().type == Tok::kEof) {
      std::string expected;
      for (std::size_t i = 0; i < ends.size(); ++i) {
        if (i) expected += i + 1 == ends.size() ? " or " : ", ";
        expected += '\'';
        expected += ends[i];
        expected += '\'';
      }
      fail_eof(expected);
    }
    open_blocks_.pop_back();
    if (drop_needle) next();
    return body;
  }

  // Parses template data and tags until a block tag whose name is in `ends`
  // (consumed, with its '{%') or the end of input.
  Body subparse_any(const std::vector<std::string_view>& ends) {
    std::vector<Stmt*> body;
    while (cur().type != Tok::kEof) {
      if (cur().type == Tok::kBlockBegin && look().type == Tok::kName) {
        std::string_view name = look().text;
        if (std::find(ends.begin(), ends.end(), name) != ends.end()) {
          next();
          return finish_body(body);
        }
        if (is_stray_end(name)) {
          next();
          fail_mismatched_end(name, ends);
        }
      }
      Body part = subparse_one();
      body.insert(body.end(), part.begin(), part.end());
    }
    return finish_body(body);
  }

  // Folds each text node into the print that follows it (one statement to
  // dispatch instead of two), then copies the body into the arena.
  Body finish_body(std::vector<Stmt*>& body) {
    std::vector<Stmt*> folded;
    folded.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i]->kind == StmtKind::kText && i + 1 < body.size() &&
          body[i + 1]->kind == StmtKind::kPrint &&
          static_cast<PrintStmt*>(body[i + 1])->prefix.empty()) {
        static_cast<PrintStmt*>(body[i + 1])->prefix = static_cast<TextStmt*>(body[i])->text;
        continue;
      }
      folded.push_back(body[i]);
    }
    return copy_ptrs(folded);
  }

  bool is_stray_end(std::string_view name) const {
    return name.size() > 3 && name.substr(0, 3) == "end";
  }

  [[noreturn]] void fail_mismatched_end(std::string_view name,
                                        const std::vector<std::string_view>& ends) {
    std::string msg = std::string("unexpected '") + std::string(name) + "'";
    std::string hint;
    if (!open_blocks_.empty()) {
      const auto& b = open_blocks_.back();
      hint = std::string("the innermost open block is '") + std::string(b.keyword) + "' (line " +
             std::to_string(b.line) + "), closed by ";
      for (std::size_t i = 0; i < ends.size(); ++i) {
        if (i) hint += i + 1 == ends.size() ? " or " : ", ";
        hint += std::string("'") + std::string(ends[i]) + "'";
      }
    }
    fail(cur().offset, std::move(msg), std::move(hint));
  }

  // One data/print/statement item (used by subparse_any).
  Body subparse_one() {
    std::vector<Stmt*> body;
    const Token& t = cur();
    if (t.type == Tok::kData) {
      auto* s = make_stmt<TextStmt>(StmtKind::kText, loc_of(t.offset));
      s->text = t.text;
      body.push_back(s);
      next();
    } else if (t.type == Tok::kVarBegin) {
      next();
      auto* s = make_stmt<PrintStmt>(StmtKind::kPrint, loc());
      s->expr = parse_tuple(false, true, {}, false);
      if (cur().type != Tok::kVarEnd) fail_expected("end of print statement ('}}')");
      next();
      body.push_back(s);
    } else if (t.type == Tok::kBlockBegin) {
      next();
      Stmt* s = parse_statement();
      if (s != nullptr) body.push_back(s);
      expect_block_end();
    } else {
      fail_unexpected();
    }
    return copy_ptrs(body);
  }

  Stmt* parse_statement() {
    if (cur().type != Tok::kName) fail(cur().offset, "tag name expected");
    std::string_view kw = cur().text;
    DepthGuard guard(*this);
    if (kw == "for") return parse_for();
    if (kw == "if") return parse_if();
    if (kw == "block") return parse_block();
    if (kw == "extends") return parse_extends();
    if (kw == "print") return parse_print();
    if (kw == "macro") return parse_macro();
    if (kw == "include") return parse_include();
    if (kw == "from") return parse_from();
    if (kw == "import") return parse_import();
    if (kw == "set") return parse_set();
    if (kw == "with") return parse_with();
    if (kw == "autoescape") return parse_autoescape();
    if (kw == "filter") return parse_filter_block();
    if (kw == "call") return parse_call_block();
    if (kw == "do") return parse_do();
    if (kw == "break" || kw == "continue") return parse_loop_control();
    if (is_stray_end(kw) || kw == "end" || kw == "else" || kw == "elif") {
      if (open_blocks_.empty()) {
        fail(cur().offset, std::string("unexpected '") + std::string(kw) + "'",
             "there is no open block for it to close");
      }
      std::vector<std::string_view> none;
      fail_mismatched_end(kw, none);
    }
    std::string hint;
    std::vector<std::string> candidates(std::begin(kStatementKeywords),
                                        std::end(kStatementKeywords));
    std::string_view best = closest_match(kw, candidates);
    if (!best.empty()) hint = std::string("did you mean '") + std::string(best) + "'?";
    fail(cur().offset, std::string("unknown tag '") + std::string(kw) + "'", std::move(hint));
  }

  Stmt* parse_for() {
    Loc l = loc();
    std::uint32_t line = l.line;
    next();
    auto* s = make_stmt<ForStmt>(StmtKind::kFor, l);
    s->target = parse_target(true, {"in"});
    expect_name("in");
    int loop_refs_before = loop_refs_;
    s->iter = parse_tuple(false, false, {"recursive"}, false);
    if (skip_name("if")) s->filter = parse_expression(true);
    s->recursive = skip_name("recursive");
    ++loop_depth_;
    s->body = parse_statements("for", line, {"endfor", "else"}, false);
    --loop_depth_;
    if (skip_name("else")) {
      s->else_body = parse_statements("for", line, {"endfor"}, true);
    } else {
      next();  // endfor / end
    }
    s->uses_loop = loop_refs_ != loop_refs_before || s->recursive;
    return s;
  }

  Stmt* parse_if() {
    Loc l = loc();
    next();
    auto* s = make_stmt<IfStmt>(StmtKind::kIf, l);
    std::vector<IfBranch> branches;
    while (true) {
      IfBranch b;
      b.test = parse_tuple(false, false, {}, false);
      b.body = parse_statements("if", l.line, {"elif", "else", "endif"}, false);
      branches.push_back(b);
      if (skip_name("elif")) continue;
      if (skip_name("else")) {
        s->else_body = parse_statements("if", l.line, {"endif"}, true);
      } else {
        next();  // endif / end
      }
      break;
    }
    s->branches = copy_span(branches);
    return s;
  }

  Stmt* parse_block() {
    Loc l = loc();
    next();
    auto* s = make_stmt<BlockStmt>(StmtKind::kBlock, l);
    const Token& name = expect_identifier();
    s->name = name.text;
    s->sym = symbols_.intern(name.text);
    for (const BlockStmt* b : blocks_) {
      if (b->name == s->name) {
        fail(name.offset, std::string("block '") + std::string(s->name) + "' defined twice",
             std::string("it was first defined on line ") + std::to_string(b->loc.line));
      }
    }
    s->scoped = skip_name("scoped");
    s->required = skip_name("required");
    if (is_op(Op::kSub)) fail(cur().offset, "use an underscore instead of a dash in block names");
    blocks_.push_back(s);
    s->body = parse_statements("block", l.line, {"endblock"}, true);
    if (cur().type == Tok::kName) {
      if (cur().text != s->name) {
        fail(cur().offset, std::string("'endblock ") + std::string(cur().text) +
                               "' does not match block '" + std::string(s->name) + "'");
      }
      next();
    }
    return s;
  }

  Stmt* parse_extends() {
    Loc l = loc();
    next();
    auto* s = make_stmt<ExtendsStmt>(StmtKind::kExtends, l);
    s->name = parse_expression(true);
    note_reference(s->name);
    linking_stmts_.push_back(s);
    has_extends_ = true;
    return s;
  }

  Stmt* parse_print() {
    Loc l = loc();
    next();
    auto* s = make_stmt<PrintStmt>(StmtKind::kPrint, l);
    s->expr = parse_tuple(false, true, {}, false);
    return s;
  }

  void note_reference(const Expr* e) {
    if (e->kind == ExprKind::kConst && static_cast<const ConstExpr*>(e)->value.is_string()) {
      references_.push_back(static_cast<const ConstExpr*>(e)->value.as_string());
    } else if (e->kind == ExprKind::kList || e->kind == ExprKind::kTuple) {
      for (const Expr* item : static_cast<const ListExpr*>(e)->items) note_reference(item);
    }
  }

  // `with context` / `without context` after include, import and from.
  bool parse_context(bool fallback) {
    if ((is_name("with") || is_name("without")) && look().type == Tok::kName &&
        look().text == "context") {
      bool with = cur().text == "with";
      next();
      next();
      return with;
    }
    return fallback;
  }

  Stmt* parse_include() {
    Loc l = loc();
    next();
    auto* s = make_stmt<IncludeStmt>(StmtKind::kInclude, l);
    s->name = parse_expression(true);
    note_reference(s->name);
    linking_stmts_.push_back(s);
    if (is_name("ignore") && look().type == Tok::kName && look().text == "missing") {
      next();
      next();
      s->ignore_missing = true;
    }
    s->with_context = parse_context(true);
    return s;
  }

  Stmt* parse_import() {
    Loc l = loc();
    next();
    auto* s = make_stmt<ImportStmt>(StmtKind::kImport, l);
    s->name = parse_expression(true);
    note_reference(s->name);
    linking_stmts_.push_back(s);
    expect_name("as");
    s->alias = symbols_.intern(expect_identifier().text);
    s->with_context = parse_context(false);
    return s;
  }

  Stmt* parse_from() {
    Loc l = loc();
    next();
    auto* s = make_stmt<FromImportStmt>(StmtKind::kFromImport, l);
    s->name = parse_expression(true);
    note_reference(s->name);
    linking_stmts_.push_back(s);
    expect_name("import");
    std::vector<ImportName> names;
    while (true) {
      if (!names.empty()) {
        if (!skip_op(Op::kComma)) break;
      }
      if ((is_name("with") || is_name("without")) && look().type == Tok::kName &&
          look().text == "context") {
        break;
      }
      if (cur().type != Tok::kName) {
        if (names.empty()) fail_expected("a name to import");
        break;
      }
      const Token& n = next();
      if (!n.text.empty() && n.text[0] == '_') {
        fail(n.offset, "names starting with an underscore cannot be imported");
      }
      ImportName in;
      in.name = n.text;
      if (skip_name("as")) {
        in.alias = symbols_.intern(expect_identifier().text);
      } else {
        in.alias = symbols_.intern(n.text);
      }
      names.push_back(in);
    }
    s->names = copy_span(names);
    s->with_context = parse_context(false);
    return s;
  }

  // Targets: a name, or a tuple of targets ("a, b", "(a, b), c").
  Target parse_target(bool with_tuple, std::initializer_list<std::string_view> end_names) {
    auto single = [&]() -> Target {
      if (skip_op(Op::kLParen)) {
        Target inner = parse_target(true, {});
        expect_op(Op::kRParen);
        return inner;
      }
      const Token& n = expect_identifier();
      check_assignable(n);
      Target t;
      t.name = n.text;
      t.sym = symbols_.intern(n.text);
      return t;
    };
    Target first = single();
    if (!with_tuple || !is_op(Op::kComma)) return first;
    std::vector<Target> items{first};
    while (skip_op(Op::kComma)) {
      if (cur().type == Tok::kBlockEnd || is_op(Op::kAssign) || is_op(Op::kRParen)) break;
      bool at_end = false;
      for (std::string_view e : end_names) at_end |= is_name(e);
      if (at_end) break;
      items.push_back(single());
    }
    Target t;
    t.items = copy_span(items);
    return t;
  }

  void check_assignable(const Token& n) {
    static constexpr std::string_view kReserved[] = {"true",  "false", "none", "True",
                                                     "False", "None",  "loop"};
    for (std::string_view r : kReserved) {
      if (n.text == r)
        fail(n.offset, std::string("cannot assign to '") + std::string(n.text) + "'");
    }
  }

  Stmt* parse_set() {
    Loc l = loc();
    next();
    // {% set ns.attr = value %}
    if (cur().type == Tok::kName && look().type == Tok::kOp && look().op == Op::kDot) {
      auto* s = make_stmt<SetAttrStmt>(StmtKind::kSetAttr, l);
      auto* obj = make_expr<NameExpr>(ExprKind::kName, loc());
      obj->name = next().text;
      obj->sym = symbols_.intern(obj->name);
      s->object = obj;
      next();  // .
      s->attr = expect_identifier().text;
      expect_op(Op::kAssign);
      s->value = parse_tuple(false, true, {}, false);
      return s;
    }
    Target target = parse_target(true, {});
    if (skip_op(Op::kAssign)) {
      auto* s = make_stmt<SetStmt>(StmtKind::kSet, l);
      s->target = target;
      s->value = parse_tuple(false, true, {}, false);
      return s;
    }
    auto* s = make_stmt<SetBlockStmt>(StmtKind::kSetBlock, l);
    s->target = target;
    std::vector<FilterExpr*> filters;
    while (skip_op(Op::kPipe)) filters.push_back(parse_one_filter(nullptr));
    s->filters = copy_ptrs(filters);
    s->body = parse_statements("set", l.line, {"endset"}, true);
    return s;
  }

  Stmt* parse_with() {
    Loc l = loc();
    next();
    auto* s = make_stmt<WithStmt>(StmtKind::kWith, l);
    std::vector<Target> targets;
    std::vector<Expr*> values;
    while (cur().type != Tok::kBlockEnd) {
      if (!targets.empty()) expect_op(Op::kComma);
      targets.push_back(parse_target(false, {}));
      expect_op(Op::kAssign);
      values.push_back(parse_expression(true));
    }
    s->targets = copy_span(targets);
    s->values = copy_ptrs(values);
    s->body = parse_statements("with", l.line, {"endwith"}, true);
    return s;
  }

  Stmt* parse_autoescape() {
    Loc l = loc();
    next();
    auto* s = make_stmt<AutoescapeStmt>(StmtKind::kAutoescape, l);
    Expr* e = parse_expression(true);
    if (e->kind != ExprKind::kConst) {
      fail(offset_of(e), "autoescape takes a constant (true or false)");
    }
    s->enabled = truthy_const(static_cast<ConstExpr*>(e)->value);
    s->body = parse_statements("autoescape", l.line, {"endautoescape"}, true);
    return s;
  }

  static bool truthy_const(const Value& v) {
    if (v.is_string()) return !v.as_string().empty();
    if (v.is_float()) return v.as_float() != 0;
    return v.as_int() != 0 && !v.is_none();
  }

  std::uint32_t offset_of(const Expr* e) const {
    if (e->loc.line == 0 || e->loc.line > line_starts_.size()) return cur().offset;
    return line_starts_[e->loc.line - 1] + e->loc.column - 1;
  }

  Stmt* parse_filter_block() {
    Loc l = loc();
    next();
    auto* s = make_stmt<FilterBlockStmt>(StmtKind::kFilterBlock, l);
    std::vector<FilterExpr*> filters;
    filters.push_back(parse_one_filter(nullptr));
    while (skip_op(Op::kPipe)) filters.push_back(parse_one_filter(nullptr));
    s->filters = copy_ptrs(filters);
    s->body = parse_statements("filter", l.line, {"endfilter"}, true);
    return s;
  }

  Stmt* parse_do() {
    Loc l = loc();
    next();
    auto* s = make_stmt<DoStmt>(StmtKind::kDo, l);
    s->expr = parse_tuple(false, true, {}, false);
    return s;
  }

  Stmt* parse_loop_control() {
    Loc l = loc();
    bool is_break = cur().text == "break";
    if (loop_depth_ == 0) {
      fail(cur().offset, std::string("'") + std::string(cur().text) + "' outside of a loop");
    }
    next();
    return make_stmt<Stmt>(is_break ? StmtKind::kBreak : StmtKind::kContinue, l);
  }

  // `(a, b=1)` after macro names and `call`.
  std::span<const MacroParam> parse_signature() {
    std::vector<MacroParam> params;
    expect_op(Op::kLParen);
    while (!is_op(Op::kRParen)) {
      if (!params.empty()) expect_op(Op::kComma);
      if (is_op(Op::kRParen)) break;
      const Token& n = expect_identifier();
      check_assignable(n);
      for (const MacroParam& other : params) {
        if (other.name == n.text)
          fail(n.offset, "duplicate argument '" + std::string(n.text) + "'");
      }
      MacroParam p;
      p.name = n.text;
      p.sym = symbols_.intern(n.text);
      p.default_value = nullptr;
      if (skip_op(Op::kAssign)) {
        p.default_value = parse_expression(true);
      } else if (!params.empty() && params.back().default_value != nullptr) {
        fail(n.offset, "non-default argument follows default argument");
      }
      params.push_back(p);
    }
    next();
    return copy_span(params);
  }

  struct SpecialRefs {
    int varargs, kwargs, caller;
  };
  SpecialRefs refs() const { return {varargs_refs_, kwargs_refs_, caller_refs_}; }

  Stmt* parse_macro() {
    Loc l = loc();
    next();
    auto* s = make_stmt<MacroStmt>(StmtKind::kMacro, l);
    auto* def = make<MacroDef>();
    const Token& n = expect_identifier();
    check_assignable(n);
    def->name = n.text;
    def->sym = symbols_.intern(n.text);
    def->loc = l;
    def->params = parse_signature();
    SpecialRefs before = refs();
    int saved_loop_depth = loop_depth_;
    loop_depth_ = 0;
    def->body = parse_statements("macro", l.line, {"endmacro"}, true);
    loop_depth_ = saved_loop_depth;
    def->catch_varargs = varargs_refs_ != before.varargs;
    def->catch_kwargs = kwargs_refs_ != before.kwargs;
    def->uses_caller = caller_refs_ != before.caller;
    s->def = def;
    return s;
  }

  Stmt* parse_call_block() {
    Loc l = loc();
    next();
    auto* s = make_stmt<CallBlockStmt>(StmtKind::kCallBlock, l);
    auto* def = make<MacroDef>();
    def->name = "caller";
    def->sym = kSymCaller;
    def->loc = l;
    if (is_op(Op::kLParen)) def->params = parse_signature();
    Expr* call = parse_expression(true);
    if (call->kind != ExprKind::kCall) fail(offset_of(call), "expected a call after 'call'");
    s->call = static_cast<CallExpr*>(call);
    SpecialRefs before = refs();
    int saved_loop_depth = loop_depth_;
    loop_depth_ = 0;
    def->body = parse_statements("call", l.line, {"endcall"}, true);
    loop_depth_ = saved_loop_depth;
    def->catch_varargs = varargs_refs_ != before.varargs;
    def->catch_kwargs = kwargs_refs_ != before.kwargs;
    def->uses_caller = caller_refs_ != before.caller;
    s->caller = def;
    return s;
  }

  // ---- expressions ----

  Expr* parse_expression(bool with_condexpr) {
    DepthGuard guard(*this);
    return with_condexpr ? parse_condexpr() : parse_coalesce();
  }

  Expr* parse_condexpr() {
    Loc l = loc();
    Expr* e = parse_coalesce();
    while (skip_name("if")) {
      auto* c = make_expr<CondExpr>(ExprKind::kCondExpr, l);
      c->then = e;
      c->test = parse_coalesce();
      c->otherwise = skip_name("else") ? parse_condexpr() : nullptr;
      e = c;
    }
    return e;
  }

  Expr* parse_coalesce() {
    Loc l = loc();
    Expr* e = parse_or();
    while (skip_op(Op::kCoalesce)) {
      auto* b = make_expr<BinaryExpr>(ExprKind::kCoalesce, l);
      b->left = e;
      b->right = parse_or();
      e = b;
    }
    return e;
  }

  Expr* parse_or() {
    Loc l = loc();
    Expr* e = parse_and();
    while (skip_name("or")) {
      auto* b = make_expr<BinaryExpr>(ExprKind::kOr, l);
      b->left = e;
      b->right = parse_and();
      e = b;
    }
    return e;
  }

  Expr* parse_and() {
    Loc l = loc();
    Expr* e = parse_not();
    while (skip_name("and")) {
      auto* b = make_expr<BinaryExpr>(ExprKind::kAnd, l);
      b->left = e;
      b->right = parse_not();
      e = b;
    }
    return e;
  }

  Expr* parse_not() {
    if (is_name("not")) {
      Loc l = loc();
      next();
      DepthGuard guard(*this);
      auto* u = make_expr<UnaryExpr>(ExprKind::kNot, l);
      u->operand = parse_not();
      return u;
    }
    return parse_compare();
  }

  Expr* parse_compare() {
    Loc l = loc();
    Expr* e = parse_math1();
    std::vector<Comparison> ops;
    while (true) {
      CmpOp op;
      if (cur().type == Tok::kOp) {
        switch (cur().op) {
          case Op::kEq:
            op = CmpOp::kEq;
            break;
          case Op::kNe:
            op = CmpOp::kNe;
            break;
          case Op::kLt:
            op = CmpOp::kLt;
            break;
          case Op::kLe:
            op = CmpOp::kLe;
            break;
          case Op::kGt:
            op = CmpOp::kGt;
            break;
          case Op::kGe:
            op = CmpOp::kGe;
            break;
          default:
            goto done;
        }
        next();
      } else if (is_name("in")) {
        next();
        op = CmpOp::kIn;
      } else if (is_name("not") && look().type == Tok::kName && look().text == "in") {
        next();
        next();
        op = CmpOp::kNotIn;
      } else {
        break;
      }
      ops.push_back(Comparison{op, parse_math1()});
    }
  done:
    if (ops.empty()) return e;
    auto* c = make_expr<CompareExpr>(ExprKind::kCompare, l);
    c->first = e;
    c->rest = copy_span(ops);
    return c;
  }

  Expr* binary(Op op, Loc l, Expr* left, Expr* right) {
    auto* b = make_expr<BinaryExpr>(ExprKind::kBinary, l);
    b->op = op;
    b->left = left;
    b->right = right;
    return b;
  }

  Expr* parse_math1() {
    Loc l = loc();
    Expr* e = parse_concat();
    while (is_op(Op::kAdd) || is_op(Op::kSub)) {
      Op op = next().op;
      e = binary(op, l, e, parse_concat());
    }
    return e;
  }

  Expr* parse_concat() {
    Loc l = loc();
    Expr* e = parse_math2();
    while (skip_op(Op::kTilde)) e = binary(Op::kTilde, l, e, parse_math2());
    return e;
  }

  Expr* parse_math2() {
    Loc l = loc();
    Expr* e = parse_pow();
    while (is_op(Op::kMul) || is_op(Op::kDiv) || is_op(Op::kFloorDiv) || is_op(Op::kMod)) {
      Op op = next().op;
      e = binary(op, l, e, parse_pow());
    }
    return e;
  }

  Expr* parse_pow() {
    Loc l = loc();
    Expr* e = parse_unary(true);
    while (skip_op(Op::kPow)) e = binary(Op::kPow, l, e, parse_unary(true));
    return e;
  }

  Expr* parse_unary(bool with_filter) {
    DepthGuard guard(*this);
    Loc l = loc();
    Expr* e;
    if (is_op(Op::kSub) || is_op(Op::kAdd)) {
      bool neg = next().op == Op::kSub;
      auto* u = make_expr<UnaryExpr>(neg ? ExprKind::kNeg : ExprKind::kPos, l);
      u->operand = parse_unary(false);
      e = u;
    } else {
      e = parse_primary();
    }
    e = parse_postfix(e);
    if (with_filter) e = parse_filter_expr(e);
    return e;
  }

  Expr* make_const(Value v, Loc l) {
    auto* c = make_expr<ConstExpr>(ExprKind::kConst, l);
    c->value = v;
    return c;
  }

  Expr* parse_primary() {
    Loc l = loc();
    const Token& t = cur();
    switch (t.type) {
      case Tok::kName: {
        next();
        std::string_view n = t.text;
        if (n == "true" || n == "True") return make_const(Value::boolean(true), l);
        if (n == "false" || n == "False") return make_const(Value::boolean(false), l);
        if (n == "none" || n == "None") return make_const(Value::none(), l);
        auto* e = make_expr<NameExpr>(ExprKind::kName, l);
        e->name = n;
        e->sym = symbols_.intern(n);
        if (e->sym == kSymLoop) ++loop_refs_;
        if (e->sym == kSymVarargs) ++varargs_refs_;
        if (e->sym == kSymKwargs) ++kwargs_refs_;
        if (e->sym == kSymCaller) ++caller_refs_;
        return e;
      }
      case Tok::kString: {
        next();
        std::string_view s = t.text;
        if (cur().type == Tok::kString) {
          // Adjacent literals concatenate, as in Python.
          std::string joined(s);
          while (cur().type == Tok::kString) joined += next().text;
          s = arena_.copy(joined);
        }
        return make_const(Value::string(s), l);
      }
      case Tok::kInt:
        next();
        return make_const(Value::integer(t.int_value), l);
      case Tok::kFloat:
        next();
        return make_const(Value::number(t.float_value), l);
      case Tok::kOp:
        if (t.op == Op::kLParen) {
          next();
          Expr* e = parse_tuple(false, true, {}, true);
          expect_op(Op::kRParen);
          return e;
        }
        if (t.op == Op::kLBracket) return parse_list();
        if (t.op == Op::kLBrace) return parse_dict();
        break;
      default:
        break;
    }
    if (t.type == Tok::kEof || t.type == Tok::kVarEnd || t.type == Tok::kBlockEnd) {
      fail_expected("an expression");
    }
    fail(t.offset, "unexpected " + describe(t) + " in expression");
  }

  bool is_tuple_end(std::initializer_list<std::string_view> extra_end) const {
    if (cur().type == Tok::kVarEnd || cur().type == Tok::kBlockEnd || cur().type == Tok::kEof) {
      return true;
    }
    if (is_op(Op::kRParen)) return true;
    for (std::string_view e : extra_end) {
      if (is_name(e)) return true;
    }
    return false;
  }

  // A comma-separated expression list: a single expression stays itself,
  // "a, b" (or "(a,)") becomes a tuple.
  Expr* parse_tuple(bool simplified, bool with_condexpr,
                    std::initializer_list<std::string_view> extra_end, bool explicit_parens) {
    Loc l = loc();
    std::vector<Expr*> items;
    bool is_tuple = false;
    while (true) {
      if (!items.empty()) {
        if (!skip_op(Op::kComma)) break;
        is_tuple = true;
      }
      if (is_tuple_end(extra_end)) break;
      items.push_back(simplified ? parse_primary() : parse_expression(with_condexpr));
      if (!is_op(Op::kComma)) break;
    }
    if (!is_tuple) {
      if (!items.empty()) return items[0];
      if (!explicit_parens) fail_expected("an expression");
    }
    auto* t = make_expr<ListExpr>(ExprKind::kTuple, l);
    t->items = copy_ptrs(items);
    return t;
  }

  Expr* parse_list() {
    Loc l = loc();
    next();
    std::vector<Expr*> items;
    while (!is_op(Op::kRBracket)) {
      if (!items.empty()) expect_op(Op::kComma);
      if (is_op(Op::kRBracket)) break;
      items.push_back(parse_expression(true));
    }
    expect_op(Op::kRBracket);
    auto* e = make_expr<ListExpr>(ExprKind::kList, l);
    e->items = copy_ptrs(items);
    return e;
  }

  Expr* parse_dict() {
    Loc l = loc();
    next();
    std::vector<DictItem> items;
    while (!is_op(Op::kRBrace)) {
      if (!items.empty()) expect_op(Op::kComma);
      if (is_op(Op::kRBrace)) break;
      DictItem it;
      it.key = parse_expression(true);
      expect_op(Op::kColon);
      it.value = parse_expression(true);
      items.push_back(it);
    }
    expect_op(Op::kRBrace);
    auto* e = make_expr<DictExpr>(ExprKind::kDict, l);
    e->items = copy_span(items);
    return e;
  }

  Expr* parse_postfix(Expr* e) {
    while (true) {
      if (is_op(Op::kDot) || is_op(Op::kOptDot) || is_op(Op::kLBracket)) {
        e = parse_subscript(e);
      } else if (is_op(Op::kLParen)) {
        e = parse_call(e);
      } else {
        return e;
      }
    }
  }

  Expr* parse_filter_expr(Expr* e) {
    while (true) {
      if (is_op(Op::kPipe)) {
        next();
        e = parse_one_filter(e);
      } else if (is_name("is")) {
        e = parse_test(e);
      } else if (is_op(Op::kLParen)) {
        e = parse_call(e);
      } else {
        return e;
      }
    }
  }

  Expr* parse_subscript(Expr* e) {
    DepthGuard guard(*this);
    Loc l = loc();
    const Token& t = next();
    if (t.op == Op::kDot || t.op == Op::kOptDot) {
      if (cur().type == Tok::kName) {
        auto* g = make_expr<GetAttrExpr>(ExprKind::kGetAttr, l);
        g->object = e;
        g->name = next().text;
        g->sym = symbols_.intern(g->name);
        g->hint_slot = symbols_.new_attr_slot();
        g->optional = t.op == Op::kOptDot;
        g->loop_attr = loop_attr_of(g->name);
        return g;
      }
      if (cur().type == Tok::kInt && t.op == Op::kDot) {
        auto* g = make_expr<GetItemExpr>(ExprKind::kGetItem, l);
        g->object = e;
        g->key = make_const(Value::integer(next().int_value), l);
        return g;
      }
      fail_expected("an attribute name");
    }
    // '[' subscripts: a key, a slice, or a tuple of them.
    std::vector<Expr*> keys;
    while (!is_op(Op::kRBracket)) {
      if (!keys.empty()) {
        expect_op(Op::kComma);
        if (is_op(Op::kRBracket)) break;
      }
      keys.push_back(parse_subscribed(e, l));
    }
    expect_op(Op::kRBracket);
    if (keys.empty()) fail_expected("a subscript");
    if (keys.size() == 1 && keys[0]->kind == ExprKind::kSlice) return keys[0];
    auto* g = make_expr<GetItemExpr>(ExprKind::kGetItem, l);
    g->object = e;
    if (keys.size() == 1) {
      g->key = keys[0];
    } else {
      auto* tup = make_expr<ListExpr>(ExprKind::kTuple, l);
      tup->items = copy_ptrs(keys);
      g->key = tup;
    }
    return g;
  }

  Expr* parse_subscribed(Expr* object, Loc l) {
    Expr* start = nullptr;
    if (!is_op(Op::kColon)) {
      start = parse_expression(true);
      if (!is_op(Op::kColon)) return start;
    }
    next();  // ':'
    auto* s = make_expr<SliceExpr>(ExprKind::kSlice, l);
    s->object = object;
    s->start = start;
    if (!is_op(Op::kRBracket) && !is_op(Op::kComma) && !is_op(Op::kColon)) {
      s->stop = parse_expression(true);
    }
    if (skip_op(Op::kColon)) {
      if (!is_op(Op::kRBracket) && !is_op(Op::kComma)) s->step = parse_expression(true);
    }
    return s;
  }

  CallArgsExpr parse_call_args() {
    expect_op(Op::kLParen);
    std::vector<Expr*> positional;
    std::vector<KeywordExpr> keywords;
    CallArgsExpr args;
    bool first = true;
    while (!is_op(Op::kRParen)) {
      if (!first) {
        expect_op(Op::kComma);
        if (is_op(Op::kRParen)) break;
      }
      first = false;
      if (is_op(Op::kMul)) {
        std::uint32_t at = cur().offset;
        next();
        if (args.star != nullptr || args.dstar != nullptr)
          fail(at, "invalid syntax for function call expression");
        args.star = parse_expression(true);
      } else if (is_op(Op::kPow)) {
        std::uint32_t at = cur().offset;
        next();
        if (args.dstar != nullptr) fail(at, "invalid syntax for function call expression");
        args.dstar = parse_expression(true);
      } else if (cur().type == Tok::kName && look().type == Tok::kOp && look().op == Op::kAssign) {
        std::uint32_t at = cur().offset;
        if (args.dstar != nullptr) fail(at, "invalid syntax for function call expression");
        KeywordExpr k;
        k.name = next().text;
        next();  // '='
        k.value = parse_expression(true);
        for (const auto& other : keywords) {
          if (other.name == k.name) {
            fail(at, std::string("keyword argument '") + std::string(k.name) + "' repeated");
          }
        }
        keywords.push_back(k);
      } else {
        if (!keywords.empty() || args.star != nullptr || args.dstar != nullptr) {
          fail(cur().offset, "positional argument follows keyword argument");
        }
        positional.push_back(parse_expression(true));
      }
    }
    next();  // ')'
    args.positional = copy_ptrs(positional);
    args.keywords = copy_span(keywords);
    return args;
  }

  Expr* parse_call(Expr* callee) {
    DepthGuard guard(*this);
    Loc l = loc();
    auto* c = make_expr<CallExpr>(ExprKind::kCall, l);
    c->callee = callee;
    c->args = parse_call_args();
    return c;
  }

  // A (possibly dotted) filter or test name.
  std::string_view parse_dotted_name(std::uint32_t& offset) {
    offset = cur().offset;
    const Token& first = expect_identifier();
    std::string_view name = first.text;
    while (is_op(Op::kDot) && look().type == Tok::kName) {
      next();
      const Token& part = next();
      name = src_.substr(first.offset, part.offset + part.text.size() - first.offset);
    }
    return name;
  }

  FilterExpr* parse_one_filter(Expr* input) {
    DepthGuard guard(*this);
    Loc l = loc();
    std::uint32_t at;
    std::string_view name = parse_dotted_name(at);
    const NativeFunction* fn = registry_.filter(name);
    if (fn == nullptr) {
      std::string hint;
      std::vector<std::string> names = registry_.filter_names();
      std::string_view best = closest_match(name, names);
      if (!best.empty()) hint = std::string("did you mean '") + std::string(best) + "'?";
      fail(at, std::string("unknown filter '") + std::string(name) + "'", std::move(hint));
    }
    auto* f = make_expr<FilterExpr>(ExprKind::kFilter, l);
    f->input = input;
    f->name = name;
    f->fn = fn;
    if (is_op(Op::kLParen)) f->args = parse_call_args();
    return f;
  }

  Expr* parse_test(Expr* input) {
    DepthGuard guard(*this);
    Loc l = loc();
    next();  // is
    bool negated = skip_name("not");
    std::uint32_t at;
    std::string_view name = parse_dotted_name(at);
    const NativeFunction* fn = registry_.test(name);
    if (fn == nullptr) {
      std::string hint;
      std::vector<std::string> names = registry_.test_names();
      std::string_view best = closest_match(name, names);
      if (!best.empty()) hint = std::string("did you mean '") + std::string(best) + "'?";
      fail(at, std::string("unknown test '") + std::string(name) + "'", std::move(hint));
    }
    auto* t = make_expr<TestExpr>(ExprKind::kTest, l);
    t->input = input;
    t->name = name;
    t->fn = fn;
    t->negated = negated;
    if (is_op(Op::kLParen)) {
      t->args = parse_call_args();
    } else if (starts_test_argument()) {
      // `x is divisibleby 3`, `x is sameas none`: one argument, no parentheses.
      Expr* arg = parse_postfix(parse_primary());
      std::vector<Expr*> one{arg};
      t->args.positional = copy_ptrs(one);
    }
    return t;
  }

  bool starts_test_argument() const {
    const Token& t = cur();
    switch (t.type) {
      case Tok::kName:
        return t.text != "else" && t.text != "or" && t.text != "and" && t.text != "if" &&
               t.text != "is" && t.text != "in" && t.text != "not" && t.text != "recursive";
      case Tok::kString:
      case Tok::kInt:
      case Tok::kFloat:
        return true;
      case Tok::kOp:
        return t.op == Op::kLBracket || t.op == Op::kLBrace;
      default:
        return false;
    }
  }

  std::string_view src_;
  std::span<const Token> toks_;
  SymbolTable& symbols_;
  const Registry& registry_;
  Arena& arena_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  int loop_depth_ = 0;
  int loop_refs_ = 0, varargs_refs_ = 0, kwargs_refs_ = 0, caller_refs_ = 0;
  bool has_extends_ = false;
  std::vector<std::uint32_t> line_starts_;
  std::vector<OpenBlock> open_blocks_;
  std::vector<const BlockStmt*> blocks_;
  std::vector<std::string_view> references_;
  std::vector<Stmt*> linking_stmts_;
};

}  // namespace

Result<ParsedTemplate> parse_template(std::string_view source, std::span<const Token> tokens,
                                      SymbolTable& symbols, const Registry& registry,
                                      Arena& storage) {
  Parser parser(source, tokens, symbols, registry, storage);
  try {
    return parser.parse();
  } catch (const ParseFailure& f) {
    int line, col;
    offset_to_line_col(source, f.offset, line, col);
    Diagnostic d = make_error(SourceLocation{"", line, col}, f.message, f.hint);
    d.code = "template-syntax";
    return d;
  } catch (const std::bad_alloc&) {
    return make_error(SourceLocation{}, "template is too large to compile");
  }
}

}  // namespace bengal::tmpl
