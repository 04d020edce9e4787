#include "render/functions.h"

#include <algorithm>
#include <numeric>

#include "core/text.h"
#include "render/body_parser.h"
#include "render/context.h"
#include "render/theme.h"
#include "template/call_context.h"
#include "template/value_ops.h"

namespace bengal::render {

namespace {

using tmpl::Args;
using tmpl::CallContext;
using tmpl::Value;

const RenderHost& host_of(CallContext& cx) { return *static_cast<const RenderHost*>(cx.host()); }

// The path part of base_url ("https://x.org/docs/" -> "/docs/").
std::string_view base_path(const config::Config& c) {
  std::string_view b = c.base_url;
  std::size_t scheme = b.find("://");
  if (scheme == std::string_view::npos) return b.empty() ? "/" : b;
  std::size_t slash = b.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : b.substr(slash);
}

bool is_external(std::string_view url) {
  return url.find("://") != std::string_view::npos || starts_with(url, "//") || starts_with(url, "mailto:") ||
         starts_with(url, "#");
}

Value relative(CallContext& cx, std::string_view url) {
  if (is_external(url)) return cx.string(url);
  tmpl::ScratchBuffer b(cx);
  b.get() = base_path(host_of(cx).snap->config());
  if (starts_with(url, "/")) url.remove_prefix(1);
  b.get() += url;
  return cx.string(b.get());
}

Value absolute(CallContext& cx, std::string_view url) {
  if (is_external(url)) return cx.string(url);
  return cx.string(host_of(cx).snap->permalink(url));
}

const content::Page* page_for_path(const RenderHost& h, std::string_view path) {
  const auto& by_path = h.snap->site().by_path;
  std::string key(starts_with(path, "content/") ? path.substr(8) : path);
  auto it = by_path.find(key);
  if (it == by_path.end()) return nullptr;
  h.on_read(ObjectKind::kPage, it->second, "url");
  return &h.snap->page(it->second);
}

Value f_url_for(CallContext& cx, const Args& a) {
  Value target = a.get(0, "target");
  if (const content::Page* p = as_page(target)) {
    host_of(cx).on_read(ObjectKind::kPage, p->id, "url");
    return relative(cx, p->url);
  }
  if (const content::Section* s = as_section(target)) {
    if (s->page == content::kNoPage) return Value::none();
    return relative(cx, host_of(cx).snap->page(s->page).url);
  }
  std::string_view path = cx.str(target);
  if (cx.failed()) return Value();
  if (const content::Page* p = page_for_path(host_of(cx), path)) return relative(cx, p->url);
  return relative(cx, path);
}

Value f_get_page(CallContext& cx, const Args& a) {
  std::string_view path = cx.str(a.get(0, "path"));
  const content::Page* p = page_for_path(host_of(cx), path);
  return p ? page_value(*p) : Value::none();
}

Value f_get_section(CallContext& cx, const Args& a) {
  std::string_view path = cx.str(a.get(0, "path"));
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (starts_with(path, "/")) path.remove_prefix(1);
  for (const content::Section& s : host_of(cx).snap->site().sections) {
    if (s.rel_dir == path) return section_value(s);
  }
  return Value::none();
}

Value f_asset_url(CallContext& cx, const Args& a) {
  std::string_view path = cx.str(a.get(0, "path"));
  if (starts_with(path, "/")) path.remove_prefix(1);
  const RenderHost& h = host_of(cx);
  const AssetManifest::Entry* entry = h.assets ? h.assets->find(path) : nullptr;
  if (entry == nullptr) {
    std::vector<std::string> known;
    if (h.assets) {
      for (const auto& [k, v] : h.assets->all()) known.push_back(k);
    }
    std::string_view near = closest_match(path, known);
    return cx.fail("asset_url: no theme asset '" + std::string(path) + "'" +
                   (near.empty() ? std::string() : " (did you mean '" + std::string(near) + "'?)"));
  }
  // Publishes the asset: only assets some output uses are copied.
  h.on_read(ObjectKind::kAsset, entry->asset, path);
  return relative(cx, entry->url);
}

Value f_absolute_url(CallContext& cx, const Args& a) { return absolute(cx, cx.str(a.get(0, "url"))); }
Value f_relative_url(CallContext& cx, const Args& a) { return relative(cx, cx.str(a.get(0, "url"))); }

// Copies a sequence into an arena list.
Value materialize(CallContext& cx, const Value& seq, std::vector<Value>& items) {
  tmpl::Sequence s(seq, cx.host());
  if (!s.ok()) return cx.fail("expected a list, got " + std::string(tmpl::callable_name(seq)));
  items.clear();
  items.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) items.push_back(s.at(i));
  return Value::none();
}

Value f_where(CallContext& cx, const Args& a) {
  std::vector<Value> items;
  materialize(cx, a.get(0, "seq"), items);
  if (cx.failed()) return Value();
  std::string_view attr = cx.str(a.get(1, "attribute"));
  const Value* want = a.find(2, "value");
  std::vector<Value> kept;
  for (const Value& item : items) {
    Value v = cx.attribute_path(item, attr);
    bool keep = want ? cx.equal(v, *want) : (!v.is_undefined() && cx.truthy(v));
    if (keep) kept.push_back(item);
  }
  return cx.list(kept);
}

// Sort key that makes dates comparable as instants.
Value sort_key(CallContext& cx, const Value& item, std::string_view attr) {
  Value v = attr.empty() ? item : cx.attribute_path(item, attr);
  if (const DateTime* d = as_date(v)) return Value::integer(d->epoch_seconds);
  if (v.is_nullish()) return Value::integer(INT64_MIN);  // undated sorts first (oldest)
  return v;
}

Value f_sort_by(CallContext& cx, const Args& a) {
  std::vector<Value> items;
  materialize(cx, a.get(0, "seq"), items);
  if (cx.failed()) return Value();
  std::string_view attr = a.find(1, "attribute") ? cx.str(a.get(1, "attribute")) : std::string_view();
  bool reverse = cx.truthy(a.get(2, "reverse", Value::boolean(false)));
  std::vector<Value> keys;
  keys.reserve(items.size());
  for (const Value& item : items) keys.push_back(sort_key(cx, item, attr));
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    int c = cx.compare(keys[x], keys[y]);
    return reverse ? c > 0 : c < 0;
  });
  if (cx.failed()) return Value();
  Value* out = cx.alloc_values(items.size());
  if (out == nullptr) return Value();
  for (std::size_t i = 0; i < order.size(); ++i) out[i] = items[order[i]];
  return Value::list({out, items.size()});
}

Value f_group_by(CallContext& cx, const Args& a) {
  std::vector<Value> items;
  materialize(cx, a.get(0, "seq"), items);
  if (cx.failed()) return Value();
  std::string_view attr = cx.str(a.get(1, "attribute"));
  std::vector<Value> keys;
  std::vector<std::vector<Value>> groups;
  for (const Value& item : items) {
    Value k = cx.attribute_path(item, attr);
    if (const DateTime* d = as_date(k)) k = Value::integer(d->epoch_seconds);
    std::size_t g = 0;
    while (g < keys.size() && !cx.equal(keys[g], k)) ++g;
    if (g == keys.size()) {
      keys.push_back(k);
      groups.emplace_back();
    }
    groups[g].push_back(item);
  }
  Value* out = cx.alloc_values(keys.size());
  if (out == nullptr) return Value();
  for (std::size_t g = 0; g < keys.size(); ++g) {
    Value pair[2] = {keys[g], cx.list(groups[g])};
    out[g] = cx.tuple(pair);
  }
  return Value::list({out, keys.size()});
}

Value f_related(CallContext& cx, const Args& a) {
  const content::Page* page = as_page(a.get(0, "page"));
  if (page == nullptr) return cx.fail("related: expected a page");
  std::int64_t limit = a.get(1, "limit", Value::integer(5)).as_int();
  const RenderHost& h = host_of(cx);
  const content::Site& site = h.snap->site();
  // Count shared terms per candidate through the terms' member lists: linear
  // in the size of the page's terms, never a scan of the site.
  std::vector<std::uint32_t>& shared = h.shared_terms;
  std::vector<content::PageId>& touched = h.touched;
  if (shared.size() != site.pages.size()) shared.assign(site.pages.size(), 0);
  touched.clear();
  for (const content::TermRefs& refs : page->term_refs) {
    for (std::uint32_t t : refs.terms) {
      const content::Term& term = site.taxonomies[refs.taxonomy].terms[t];
      h.on_read(ObjectKind::kTerm, (static_cast<std::uint64_t>(refs.taxonomy) << 32) | t, "pages");
      for (content::PageId id : term.pages) {
        if (id == page->id) continue;
        if (shared[id]++ == 0) touched.push_back(id);
      }
    }
  }
  std::vector<std::pair<content::PageId, std::uint32_t>> ranked;
  ranked.reserve(touched.size());
  for (content::PageId id : touched) {
    ranked.emplace_back(id, shared[id]);
    shared[id] = 0;
  }
  // Most shared terms first, then newest, then by id: a total order, so the
  // result does not depend on the order candidates were found in.
  auto epoch = [&](content::PageId id) {
    const auto& d = site.pages[id].fm.date;
    return d ? d->epoch_seconds : INT64_MIN;
  };
  auto before = [&](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second > y.second;
    std::int64_t ex = epoch(x.first), ey = epoch(y.first);
    if (ex != ey) return ex > ey;
    return x.first < y.first;
  };
  std::size_t n = std::min<std::size_t>(ranked.size(), static_cast<std::size_t>(std::max<std::int64_t>(0, limit)));
  // Dates are inputs only where they can decide the result: among
  // candidates sharing at least as many terms as the last one picked (one
  // sharing fewer is out whatever its date).
  std::uint32_t cutoff = UINT32_MAX;
  if (n > 0) {
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n - 1), ranked.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    cutoff = ranked[n - 1].second;
  }
  for (const auto& [id, count] : ranked) {
    if (count >= cutoff) h.on_read(ObjectKind::kPage, id, "date");
  }
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end(), before);
  Value* out = cx.alloc_values(n);
  if (out == nullptr && n > 0) return Value();
  for (std::size_t i = 0; i < n; ++i) out[i] = page_value(site.pages[ranked[i].first]);
  return Value::list({out, n});
}

Value f_markdownify(CallContext& cx, const Args& a) {
  std::string_view text = cx.str(a.get(0, "text"));
  if (cx.failed()) return Value();
  BodyParser* parser = host_of(cx).markdown;
  if (parser == nullptr) return cx.fail("markdownify: no Markdown renderer in this render");
  tmpl::ScratchBuffer b(cx);
  parser->markdownify(text, b.get());
  return cx.safe_string(b.get());
}

}  // namespace

void register_site_functions(tmpl::Registry& r) {
  r.add_filter("markdownify", f_markdownify);
  r.add_function("url_for", f_url_for);
  r.add_function("get_page", f_get_page);
  r.add_function("get_section", f_get_section);
  r.add_function("asset_url", f_asset_url);
  r.add_function("absolute_url", f_absolute_url);
  r.add_function("relative_url", f_relative_url);
  r.add_function("where", f_where);
  r.add_function("sort_by", f_sort_by);
  r.add_function("group_by", f_group_by);
  r.add_function("related", f_related);
  r.add_filter("absolute_url", f_absolute_url);
  r.add_filter("relative_url", f_relative_url);
  r.add_filter("where", f_where);
  r.add_filter("sort_by", f_sort_by);
  r.add_filter("group_by", f_group_by);
}

}  // namespace bengal::render
