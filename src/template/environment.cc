#include "template/environment.h"

#include <algorithm>
#include <cassert>

#include "core/text.h"
#include "template/lexer.h"

namespace bengal::tmpl {

Environment::Environment(const Loader* loader, Options options)
    : loader_(loader), options_(std::move(options)) {
  register_builtins(registry_);
}

Environment::~Environment() = default;

Template* Environment::compile(std::string name, std::string_view text, std::string origin) {
  auto t = std::make_unique<Template>();
  Template* raw = t.get();
  raw->name_ = name;
  raw->origin_ = origin.empty() ? name : std::move(origin);
  raw->hash_ = hash_bytes(text);
  std::string lower = to_lower_ascii(name);
  for (const auto& ext : options_.autoescape_extensions) {
    if (ends_with(lower, to_lower_ascii(ext))) raw->autoescape_ = true;
  }
  raw->source_ = normalize_source(text, options_.keep_trailing_newline);
  templates_[std::move(name)] = std::move(t);

  LexOptions lex{options_.trim_blocks, options_.lstrip_blocks, options_.keep_trailing_newline};
  auto fail = [&](Diagnostic d) {
    d.location.file = raw->origin_;
    attach_excerpt(d, raw->source_);
    if (d.code.empty()) d.code = "template-syntax";
    raw->error_ = std::move(d);
    return raw;
  };
  auto tokens = tokenize(raw->source_, lex, raw->storage_);
  if (!tokens.ok()) return fail(std::move(tokens).error());
  auto parsed = parse_template(raw->source_, tokens.value(), symbols_, registry_, raw->storage_);
  if (!parsed.ok()) return fail(std::move(parsed).error());
  raw->parsed_ = std::move(parsed.value());
  return raw;
}

const Template* Environment::load(std::string_view name) {
  assert(!frozen_);
  std::string clean;
  if (!normalize_template_name(name, clean)) return nullptr;
  if (auto it = templates_.find(clean); it != templates_.end()) return it->second.get();
  if (loader_ == nullptr) return nullptr;
  LoadedSource src;
  auto found = loader_->load(clean, src);
  if (!found.ok()) {
    // Unreadable: keep a broken template so renders report the I/O error.
    Template* t = compile(clean, "", src.origin);
    Diagnostic d = std::move(found).error();
    if (d.location.file.empty()) d.location.file = clean;
    t->error_ = std::move(d);
    return t;
  }
  if (!found.value()) return nullptr;
  Template* t = compile(clean, src.text, std::move(src.origin));
  if (t->ok()) {
    for (std::string_view ref : t->parsed_.references) load(ref);
  }
  return t;
}

const Template* Environment::add_template(std::string_view name, std::string_view text,
                                          std::string origin) {
  assert(!frozen_);
  std::string clean;
  if (!normalize_template_name(name, clean)) clean = std::string(name);
  Template* t = compile(clean, text, std::move(origin));
  if (t->ok()) {
    for (std::string_view ref : t->parsed_.references) load(ref);
  }
  return t;
}

DiagnosticList Environment::load_all() {
  DiagnosticList errors;
  if (loader_ == nullptr) return errors;
  std::vector<std::string> names;
  loader_->list(names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const auto& n : names) load(n);
  for (const auto& n : names) {
    const Template* t = find(n);
    if (t != nullptr && t->error() != nullptr) errors.add(*t->error());
  }
  return errors;
}

void Environment::link(Template& t) {
  auto resolve = [&](const Expr* e) -> const Template* {
    if (e->kind != ExprKind::kConst) return nullptr;
    const Value& v = static_cast<const ConstExpr*>(e)->value;
    return v.is_string() ? find(v.as_string()) : nullptr;
  };
  for (Stmt* s : t.parsed_.linking_stmts) {
    switch (s->kind) {
      case StmtKind::kExtends: {
        auto* x = static_cast<ExtendsStmt*>(s);
        x->resolved = resolve(x->name);
        break;
      }
      case StmtKind::kInclude: {
        auto* x = static_cast<IncludeStmt*>(s);
        x->resolved = resolve(x->name);
        break;
      }
      case StmtKind::kImport: {
        auto* x = static_cast<ImportStmt*>(s);
        x->resolved = resolve(x->name);
        break;
      }
      case StmtKind::kFromImport: {
        auto* x = static_cast<FromImportStmt*>(s);
        x->resolved = resolve(x->name);
        break;
      }
      default:
        break;
    }
  }
}

void Environment::freeze() {
  if (frozen_) return;
  for (auto& [name, t] : templates_) {
    if (t->ok()) link(*t);
  }
  for (const auto& g : registry_.globals()) symbols_.intern(g.name);
  globals_by_symbol_.assign(symbols_.size(), Value());
  for (const auto& g : registry_.globals()) globals_by_symbol_[symbols_.find(g.name)] = g.value;
  frozen_ = true;
}

const Template* Environment::find(std::string_view name) const {
  std::string clean;
  if (!normalize_template_name(name, clean)) return nullptr;
  auto it = templates_.find(clean);
  return it == templates_.end() ? nullptr : it->second.get();
}

Result<const Template*> Environment::get(std::string_view name) const {
  const Template* t = find(name);
  if (t == nullptr) {
    std::string hint;
    std::vector<std::string> names = template_names();
    std::string_view best = closest_match(name, names);
    if (!best.empty()) hint = std::string("did you mean '") + std::string(best) + "'? ";
    hint += "searched: " + (loader_ ? loader_->describe() : std::string("<no loader>"));
    Diagnostic d =
        make_error(SourceLocation{}, std::string("template '") + std::string(name) + "' not found",
                   std::move(hint));
    d.code = "template-not-found";
    return d;
  }
  if (t->error() != nullptr) return *t->error();
  return t;
}

std::vector<std::string> Environment::template_names() const {
  std::vector<std::string> names;
  names.reserve(templates_.size());
  for (const auto& [name, t] : templates_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace bengal::tmpl
