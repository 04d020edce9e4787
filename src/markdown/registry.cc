#include "markdown/registry.h"

#include "core/text.h"
#include "markdown/syntax.h"

namespace bengal::markdown {

std::string_view DirectiveContext::option(std::string_view key, std::string_view fallback) const {
  for (const DirectiveOption& o : options) {
    if (o.key == key) return o.value;
  }
  return fallback;
}

bool DirectiveContext::has_option(std::string_view key) const {
  for (const DirectiveOption& o : options) {
    if (o.key == key) return true;
  }
  return false;
}

namespace {

using detail::append_html_text;
using detail::append_url;

void append_attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out.append(name);
  out += "=\"";
  append_html_text(out, value);
  out += '"';
}

// class="base extra" id="name" from the common :class: and :name: options.
void append_common_attrs(std::string& out, const DirectiveContext& ctx, std::string_view base) {
  std::string cls(base);
  std::string_view extra = ctx.option("class");
  if (!extra.empty()) {
    if (!cls.empty()) cls += ' ';
    cls.append(extra);
  }
  if (!cls.empty()) append_attr(out, "class", cls);
  std::string_view id = ctx.option("name");
  if (!id.empty()) append_attr(out, "id", id);
}

std::string title_case(std::string_view name) {
  if (name == "seealso") return "See also";
  std::string t(name);
  if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 32);
  return t;
}

void add_admonition(DirectiveRegistry& r, std::string name) {
  DirectiveSpec spec;
  spec.name = name;
  spec.options = {"class", "name", "collapsible", "open"};
  spec.render = [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
    bool collapsible = ctx.has_option("collapsible");
    if (phase == DirectivePhase::kClose) {
      out += collapsible ? "</details>\n" : "</div>\n";
      return;
    }
    std::string base = "admonition ";
    base.append(ctx.name);
    if (collapsible) {
      out += "<details";
      append_common_attrs(out, ctx, base);
      if (ctx.has_option("open")) out += " open";
      out += ">\n<summary class=\"admonition-title\">";
    } else {
      out += "<div";
      append_common_attrs(out, ctx, base);
      out += ">\n<p class=\"admonition-title\">";
    }
    if (ctx.argument.empty()) {
      append_html_text(out, title_case(ctx.name));
    } else {
      ctx.services->append_inline(ctx.argument, out);
    }
    out += collapsible ? "</summary>\n" : "</p>\n";
  };
  r.add(std::move(spec));
}

void add_details(DirectiveRegistry& r, std::string name) {
  DirectiveSpec spec;
  spec.name = name;
  spec.options = {"class", "name", "open", "icon", "color"};
  spec.render = [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
    if (phase == DirectivePhase::kClose) {
      out += "</details>\n";
      return;
    }
    std::string base(ctx.name);
    std::string_view color = ctx.option("color");
    if (!color.empty()) {
      base += " dropdown-";
      base.append(color);
    }
    out += "<details";
    append_common_attrs(out, ctx, base);
    if (ctx.has_option("open")) out += " open";
    out += ">\n<summary>";
    if (ctx.argument.empty()) {
      out += "Details";
    } else {
      ctx.services->append_inline(ctx.argument, out);
    }
    out += "</summary>\n";
  };
  r.add(std::move(spec));
}

void warn_unless_parent(const DirectiveContext& ctx, std::string_view parent) {
  if (ctx.parent != parent) {
    ctx.services->warn("directive '" + std::string(ctx.name) + "' belongs inside '" +
                       std::string(parent) + "'");
  }
}

void add_layout_directives(DirectiveRegistry& r) {
  r.add({"tab-set",
         {"class", "name", "sync-group"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             out += "</div>\n";
             return;
           }
           out += "<div";
           append_common_attrs(out, ctx, "tab-set");
           out += " data-tab-set=\"" + std::to_string(ctx.serial) + "\">\n";
         }});
  r.add({"tab-item",
         {"class", "name", "selected", "sync"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             out += "</div>\n</div>\n";
             return;
           }
           warn_unless_parent(ctx, "tab-set");
           out += "<div";
           append_common_attrs(out, ctx,
                               ctx.has_option("selected") ? "tab-item selected" : "tab-item");
           std::string_view sync = ctx.option("sync");
           if (!sync.empty()) append_attr(out, "data-sync", sync);
           out += ">\n<div class=\"tab-label\">";
           ctx.services->append_inline(
               ctx.argument.empty() ? std::string_view("Tab") : ctx.argument, out);
           out += "</div>\n<div class=\"tab-content\">\n";
         }});
  r.add({"cards",
         {"class", "name", "columns", "gap"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             out += "</div>\n";
             return;
           }
           out += "<div";
           append_common_attrs(out, ctx, "cards");
           std::string_view columns = ctx.option("columns");
           if (!columns.empty()) append_attr(out, "data-columns", columns);
           out += ">\n";
         }});
  r.add({"card",
         {"class", "name", "link", "icon", "footer", "image"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           std::string_view link = ctx.option("link");
           if (phase == DirectivePhase::kClose) {
             std::string_view footer = ctx.option("footer");
             if (!footer.empty()) {
               out += "<div class=\"card-footer\">";
               ctx.services->append_inline(footer, out);
               out += "</div>\n";
             }
             out += link.empty() ? "</div>\n" : "</a>\n";
             return;
           }
           if (link.empty()) {
             out += "<div";
             append_common_attrs(out, ctx, "card");
           } else {
             out += "<a";
             append_common_attrs(out, ctx, "card");
             out += " href=\"";
             append_url(out, link);
             out += '"';
           }
           out += ">\n";
           std::string_view image = ctx.option("image");
           if (!image.empty()) {
             out += "<img class=\"card-image\" src=\"";
             append_url(out, image);
             out += "\" alt=\"\" />\n";
           }
           if (!ctx.argument.empty()) {
             out += "<p class=\"card-title\">";
             ctx.services->append_inline(ctx.argument, out);
             out += "</p>\n";
           }
         }});
  r.add({"steps",
         {"class", "name", "start"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             out += "</ol>\n";
             return;
           }
           out += "<ol";
           append_common_attrs(out, ctx, "steps");
           std::string_view start = ctx.option("start");
           if (!start.empty()) append_attr(out, "start", start);
           out += ">\n";
         }});
  r.add({"step",
         {"class", "name"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             out += "</li>\n";
             return;
           }
           warn_unless_parent(ctx, "steps");
           out += "<li";
           append_common_attrs(out, ctx, "step");
           out += ">\n";
           if (!ctx.argument.empty()) {
             out += "<p class=\"step-title\">";
             ctx.services->append_inline(ctx.argument, out);
             out += "</p>\n";
           }
         }});
  r.add({"figure",
         {"class", "name", "alt", "width", "height", "align", "target"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             if (ctx.has_body) out += "</figcaption>\n";
             out += "</figure>\n";
             return;
           }
           std::string base = "figure";
           std::string_view align = ctx.option("align");
           if (!align.empty()) {
             base += " align-";
             base.append(align);
           }
           if (ctx.argument.empty()) ctx.services->warn("figure directive needs an image path");
           out += "<figure";
           append_common_attrs(out, ctx, base);
           out += ">\n";
           std::string_view target = ctx.option("target");
           if (!target.empty()) {
             out += "<a href=\"";
             append_url(out, target);
             out += "\">";
           }
           out += "<img src=\"";
           append_url(out, ctx.argument);
           out += "\" alt=\"";
           append_html_text(out, ctx.option("alt"));
           out += '"';
           std::string_view width = ctx.option("width"), height = ctx.option("height");
           if (!width.empty()) append_attr(out, "width", width);
           if (!height.empty()) append_attr(out, "height", height);
           out += " />";
           if (!target.empty()) out += "</a>";
           out += '\n';
           if (ctx.has_body) out += "<figcaption>\n";
         }});
  r.add({"container",
         {"class", "name"},
         [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
           if (phase == DirectivePhase::kClose) {
             out += "</div>\n";
             return;
           }
           out += "<div";
           append_common_attrs(out, ctx, ctx.argument);
           out += ">\n";
         }});
  DirectiveSpec badge{"badge",
                      {"class", "name", "color"},
                      [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
                        if (phase == DirectivePhase::kClose) return;
                        std::string base = "badge";
                        std::string_view color = ctx.option("color");
                        if (!color.empty()) {
                          base += " badge-";
                          base.append(color);
                        }
                        out += "<p><span";
                        append_common_attrs(out, ctx, base);
                        out += '>';
                        ctx.services->append_inline(ctx.argument, out);
                        out += "</span></p>\n";
                      }};
  badge.allows_body = false;
  r.add(std::move(badge));
  DirectiveSpec include{"include", {}, nullptr};
  include.includes_file = true;
  include.allows_body = false;
  r.add(std::move(include));
}

// "Text <target>" -> {text, target}; otherwise {"", whole}.
std::pair<std::string_view, std::string_view> split_titled_target(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.back() == '>') {
    std::size_t open = s.rfind('<');
    if (open != std::string_view::npos && open > 0) {
      return {trim(s.substr(0, open)), s.substr(open + 1, s.size() - open - 2)};
    }
  }
  return {{}, s};
}

void render_reference(const RoleContext& ctx, std::string& out) {
  auto [label, target] = split_titled_target(ctx.text);
  ctx.services->append_cross_reference(target, label, out);
}

void wrap(std::string& out, std::string_view open, std::string_view text, std::string_view close) {
  out.append(open);
  append_html_text(out, text);
  out.append(close);
}

}  // namespace

DirectiveRegistry DirectiveRegistry::with_builtins() {
  DirectiveRegistry r;
  for (const char* name : {"note", "tip", "info", "warning", "danger", "error", "important",
                           "caution", "seealso", "example", "success", "attention", "hint"}) {
    add_admonition(r, name);
  }
  add_details(r, "dropdown");
  add_details(r, "details");
  add_layout_directives(r);
  return r;
}

RoleRegistry RoleRegistry::with_builtins() {
  RoleRegistry r;
  r.add({"kbd", [](const RoleContext& ctx, std::string& out) {
           std::string_view t = ctx.text;
           if (t.size() > 1 && t.find('+') != std::string_view::npos) {
             out += "<kbd class=\"compound\">";
             bool first = true;
             for (std::string_view key : split(t, '+')) {
               if (!first) out += '+';
               first = false;
               wrap(out, "<kbd>", trim(key), "</kbd>");
             }
             out += "</kbd>";
           } else {
             wrap(out, "<kbd>", t, "</kbd>");
           }
         }});
  r.add({"abbr", [](const RoleContext& ctx, std::string& out) {
           std::string_view t = trim(ctx.text);
           std::size_t open = t.rfind('(');
           if (!t.empty() && t.back() == ')' && open != std::string_view::npos && open > 0) {
             out += "<abbr title=\"";
             append_html_text(out, trim(t.substr(open + 1, t.size() - open - 2)));
             out += "\">";
             append_html_text(out, trim(t.substr(0, open)));
             out += "</abbr>";
           } else {
             wrap(out, "<abbr>", t, "</abbr>");
           }
         }});
  r.add({"sub",
         [](const RoleContext& ctx, std::string& out) { wrap(out, "<sub>", ctx.text, "</sub>"); }});
  r.add({"sup",
         [](const RoleContext& ctx, std::string& out) { wrap(out, "<sup>", ctx.text, "</sup>"); }});
  r.add({"math", [](const RoleContext& ctx, std::string& out) {
           wrap(out, "<span class=\"math\">\\(", ctx.text, "\\)</span>");
         }});
  r.add({"icon", [](const RoleContext& ctx, std::string& out) {
           out += "<span class=\"icon icon-";
           append_html_text(out, trim(ctx.text));
           out += "\" aria-hidden=\"true\"></span>";
         }});
  r.add({"ref", render_reference});
  r.add({"doc", render_reference});
  return r;
}

const DirectiveRegistry& builtin_directives() {
  static const DirectiveRegistry registry = [] {
    DirectiveRegistry r = DirectiveRegistry::with_builtins();
    r.freeze();
    return r;
  }();
  return registry;
}

const RoleRegistry& builtin_roles() {
  static const RoleRegistry registry = [] {
    RoleRegistry r = RoleRegistry::with_builtins();
    r.freeze();
    return r;
  }();
  return registry;
}

}  // namespace bengal::markdown
