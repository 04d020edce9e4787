// Test helpers for the template engine's unit tests: compile templates from
// strings, render them with a JSON context, and get the output or the
// diagnostic. Test-only; not part of the library.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/data_formats.h"
#include "template/data_value.h"
#include "template/environment.h"
#include "template/renderer.h"

namespace bengal::tmpl::testing {

struct Rendered {
  bool ok = false;
  std::string out;
  Diagnostic error;
  std::string formatted;  // format_diagnostic(error)
};

struct Fixture {
  std::map<std::string, std::string> files;
  Options options;
  std::string context_json = "{}";
};

// Renders files[entry] (other files are available to include/extend).
inline Rendered render_files(const Fixture& f, const std::string& entry) {
  MemoryLoader loader(f.files);
  Environment env(&loader, f.options);
  (void)env.load_all();
  env.freeze();
  auto ctx = parse_json(f.context_json);
  Rendered r;
  if (!ctx.ok()) {
    r.error = ctx.error();
    return r;
  }
  std::vector<NamedValue> context;
  for (std::size_t i = 0; i < ctx.value().keys().size(); ++i) {
    context.push_back({ctx.value().keys()[i], data_value(ctx.value().items()[i])});
  }
  Renderer renderer(env);
  Status st = renderer.render(entry, context, r.out);
  r.ok = st.ok();
  if (!st.ok()) {
    r.error = st.error();
    r.formatted = format_diagnostic(r.error);
  }
  return r;
}

// One template named `name` (".txt": no autoescape, ".html": autoescape).
inline Rendered render(std::string_view source, std::string_view context_json = "{}",
                       Options options = {}, std::string name = "t.txt") {
  Fixture f;
  f.files[name] = std::string(source);
  f.options = std::move(options);
  f.context_json = std::string(context_json);
  return render_files(f, name);
}

inline Options lenient() {
  Options o;
  o.strict_undefined = false;
  return o;
}

// The output, or "ERROR: message" so EXPECT_EQ shows what went wrong.
inline std::string out(std::string_view source, std::string_view context_json = "{}",
                       Options options = {}, std::string name = "t.txt") {
  Rendered r = render(source, context_json, std::move(options), std::move(name));
  return r.ok ? r.out : "ERROR: " + r.error.message;
}

inline std::string html(std::string_view source, std::string_view context_json = "{}") {
  return out(source, context_json, {}, "t.html");
}

}  // namespace bengal::tmpl::testing
