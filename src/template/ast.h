// The compiled form of a template: an immutable tree of expression and
// statement nodes, allocated in the owning Template's arena.
//
// The parser resolves what it can once: variable names become dense symbol
// ids (compared as integers at render time), filters and tests become
// function pointers, literals become Values, and attribute names that the
// `loop` object answers are tagged. Nothing in the tree changes after
// parsing, so one tree serves every worker.
//
// Thread-safety: immutable after construction.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "template/lexer.h"
#include "template/value.h"

namespace bengal::tmpl {

using Symbol = std::uint32_t;
inline constexpr Symbol kNoSymbol = 0xFFFFFFFF;

struct Loc {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// ---- expressions ----

enum class ExprKind : std::uint8_t {
  kConst,
  kName,
  kGetAttr,
  kGetItem,
  kSlice,
  kNeg,
  kPos,
  kNot,
  kBinary,  // op: + - * / // % ** ~
  kAnd,
  kOr,
  kCoalesce,  // a ?? b
  kCompare,
  kCondExpr,
  kList,
  kTuple,
  kDict,
  kFilter,
  kTest,
  kCall,
};

struct Expr {
  ExprKind kind;
  Op op = Op::kNone;
  Loc loc;
};

struct ConstExpr : Expr {
  Value value;
};

struct NameExpr : Expr {
  std::string_view name;
  Symbol sym = kNoSymbol;
};

// Attributes the `loop` object answers without a string lookup.
enum class LoopAttr : std::uint8_t {
  kNone,
  kIndex,
  kIndex0,
  kRevindex,
  kRevindex0,
  kFirst,
  kLast,
  kLength,
  kDepth,
  kDepth0,
  kPrevitem,
  kNextitem,
  kCycle,
  kChanged,
};

// The LoopAttr for an attribute name (kNone for names `loop` lacks).
LoopAttr loop_attr_of(std::string_view name);

struct GetAttrExpr : Expr {
  Expr* object;
  std::string_view name;
  Symbol sym = kNoSymbol;       // the name as a symbol (module attributes are variables)
  std::uint32_t hint_slot = 0;  // index of this expression's lookup hint
  bool optional = false;        // ?.
  LoopAttr loop_attr = LoopAttr::kNone;
};

struct GetItemExpr : Expr {
  Expr* object;
  Expr* key;
};

struct SliceExpr : Expr {
  Expr* object;
  Expr* start;  // each may be null
  Expr* stop;
  Expr* step;
};

struct UnaryExpr : Expr {
  Expr* operand;
};

struct BinaryExpr : Expr {
  Expr* left;
  Expr* right;
};

enum class CmpOp : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };

struct Comparison {
  CmpOp op;
  Expr* operand;
};

struct CompareExpr : Expr {
  Expr* first;
  std::span<const Comparison> rest;
};

struct CondExpr : Expr {
  Expr* test;
  Expr* then;
  Expr* otherwise;  // null: undefined when the test fails, as in Jinja
};

struct ListExpr : Expr {  // kList and kTuple
  std::span<Expr* const> items;
};

struct DictItem {
  Expr* key;
  Expr* value;
};

struct DictExpr : Expr {
  std::span<const DictItem> items;
};

struct KeywordExpr {
  std::string_view name;
  Expr* value;
};

struct CallArgsExpr {
  std::span<Expr* const> positional;
  std::span<const KeywordExpr> keywords;
  Expr* star = nullptr;   // *args
  Expr* dstar = nullptr;  // **kwargs
};

// `value | name(args)`; `input` is null for the filters of a filter block or
// a set block, which receive the rendered body instead.
struct FilterExpr : Expr {
  Expr* input;
  std::string_view name;
  const NativeFunction* fn;
  CallArgsExpr args;
};

struct TestExpr : Expr {
  Expr* input;
  std::string_view name;
  const NativeFunction* fn;
  CallArgsExpr args;
  bool negated = false;
};

struct CallExpr : Expr {
  Expr* callee;
  CallArgsExpr args;
};

// ---- statements ----

enum class StmtKind : std::uint8_t {
  kText,
  kPrint,
  kIf,
  kFor,
  kSet,
  kSetAttr,  // {% set ns.attr = value %}
  kSetBlock,
  kWith,
  kBlock,
  kExtends,
  kInclude,
  kImport,
  kFromImport,
  kMacro,
  kCallBlock,
  kFilterBlock,
  kDo,
  kBreak,
  kContinue,
  kAutoescape,
};

struct Stmt {
  StmtKind kind;
  Loc loc;
};

using Body = std::span<Stmt* const>;

struct TextStmt : Stmt {
  std::string_view text;
};

// {{ expr }}. `prefix` is template text that came right before it, folded
// in by the parser so the common text-then-value pair is one statement.
struct PrintStmt : Stmt {
  std::string_view prefix;
  Expr* expr;
};

struct IfBranch {
  Expr* test;
  Body body;
};

struct IfStmt : Stmt {
  std::span<const IfBranch> branches;
  Body else_body;
};

// An assignment target: one name, or a (possibly nested) tuple of names.
struct Target {
  Symbol sym = kNoSymbol;  // set for a plain name
  std::string_view name;
  std::span<const Target> items;  // set for a tuple target
  bool is_tuple() const { return sym == kNoSymbol; }
};

struct ForStmt : Stmt {
  Target target;
  Expr* iter;
  Expr* filter = nullptr;  // {% for x in xs if cond %}
  Body body;
  Body else_body;
  bool recursive = false;
  bool uses_loop = false;  // the body (or filter) mentions `loop`
};

struct SetStmt : Stmt {
  Target target;
  Expr* value;
};

struct SetAttrStmt : Stmt {
  Expr* object;  // a name bound to a namespace()
  std::string_view attr;
  Expr* value;
};

struct SetBlockStmt : Stmt {
  Target target;
  std::span<FilterExpr* const> filters;
  Body body;
};

struct WithStmt : Stmt {
  std::span<const Target> targets;
  std::span<Expr* const> values;
  Body body;
};

struct BlockStmt : Stmt {
  std::string_view name;
  Symbol sym = kNoSymbol;
  Body body;
  bool scoped = false;
  bool required = false;
};

class Template;

// Statements that name another template cache the target when the name is a
// string literal; the Environment fills `resolved` before it freezes.
struct ExtendsStmt : Stmt {
  Expr* name;
  const Template* resolved = nullptr;
};

struct IncludeStmt : Stmt {
  Expr* name;  // a string or a list of candidates
  const Template* resolved = nullptr;
  bool ignore_missing = false;
  bool with_context = true;
};

struct ImportStmt : Stmt {
  Expr* name;
  const Template* resolved = nullptr;
  Symbol alias;
  bool with_context = false;
};

struct ImportName {
  std::string_view name;
  Symbol alias;
};

struct FromImportStmt : Stmt {
  Expr* name;
  const Template* resolved = nullptr;
  std::span<const ImportName> names;
  bool with_context = false;
};

struct MacroParam {
  std::string_view name;
  Symbol sym;
  Expr* default_value;  // null: required
};

struct MacroDef {
  std::string_view name;
  Symbol sym = kNoSymbol;
  std::span<const MacroParam> params;
  Body body;
  Loc loc;
  bool catch_varargs = false;  // the body mentions `varargs`
  bool catch_kwargs = false;   // the body mentions `kwargs`
  bool uses_caller = false;    // the body mentions `caller`
};

struct MacroStmt : Stmt {
  MacroDef* def;
};

struct CallBlockStmt : Stmt {
  CallExpr* call;
  MacroDef* caller;  // the block body as an anonymous macro
};

struct FilterBlockStmt : Stmt {
  std::span<FilterExpr* const> filters;
  Body body;
};

struct DoStmt : Stmt {
  Expr* expr;
};

struct AutoescapeStmt : Stmt {
  bool enabled;
  Body body;
};

}  // namespace bengal::tmpl
