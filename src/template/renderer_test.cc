#include "template/renderer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "template/test_support.h"

namespace bengal::tmpl {
namespace {

using testing::Fixture;
using testing::html;
using testing::lenient;
using testing::out;
using testing::render;
using testing::render_files;

// ---- constructs (Jinja semantics; the differential corpus covers more) ----

TEST(Renderer, PrintsTextAndExpressions) {
  EXPECT_EQ(out("a{{ 1 + 2 }}b"), "a3b");
  EXPECT_EQ(out("{{ x }}", R"({"x": "hi"})"), "hi");
}

TEST(Renderer, IfElifElse) {
  EXPECT_EQ(out("{% if n > 2 %}big{% elif n > 1 %}mid{% else %}small{% endif %}", R"({"n": 2})"),
            "mid");
}

TEST(Renderer, ForLoopWithLoopObjectAndElse) {
  EXPECT_EQ(
      out("{% for x in xs %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}",
          R"({"xs": ["a", "b"]})"),
      "1a,2b");
  EXPECT_EQ(out("{% for x in [] %}x{% else %}none{% endfor %}"), "none");
}

TEST(Renderer, LoopCycleChangedPrevNextDepth) {
  EXPECT_EQ(
      out("{% for x in [1, 1, 2] %}{{ loop.cycle('a', 'b') }}{{ loop.changed(x) }} {% endfor %}"),
      "aTrue bFalse aTrue ");
  EXPECT_EQ(out("{% for x in [1, 2, 3] %}{{ loop.previtem ?? '-' }}{{ loop.nextitem ?? '-' }} {% "
                "endfor %}"),
            "-2 13 2- ");
}

TEST(Renderer, RecursiveLoopCallsLoopWithChildren) {
  EXPECT_EQ(
      out("{% for n in tree recursive %}{{ n.name }}{% if n.kids %}({{ loop(n.kids) }}){% endif "
          "%}{% endfor %}",
          R"({"tree": [{"name": "a", "kids": [{"name": "b", "kids": []}]}, {"name": "c", "kids": []}]})"),
      "a(b)c");
}

TEST(Renderer, BreakAndContinue) {
  EXPECT_EQ(out("{% for i in range(6) %}{% if i == 1 %}{% continue %}{% endif %}{% if i == 4 %}{% "
                "break %}{% endif %}{{ i }}{% endfor %}"),
            "023");
}

TEST(Renderer, SetWithAndNamespace) {
  EXPECT_EQ(out("{% set a, b = 1, 2 %}{% with c = a + b %}{{ c }}{% endwith %}"), "3");
  EXPECT_EQ(out("{% set ns = namespace(n=0) %}{% for i in [1, 2, 3] %}{% set ns.n = ns.n + i %}{% "
                "endfor %}{{ ns.n }}"),
            "6");
  EXPECT_EQ(out("{% set x %}<{{ 1 }}>{% endset %}{{ x }}"), "<1>");
}

TEST(Renderer, MacrosWithDefaultsVarargsKwargsAndCaller) {
  EXPECT_EQ(out("{% macro m(a, b=2) %}{{ a }}{{ b }}{{ varargs|length }}{{ kwargs|length }}{% "
                "endmacro %}{{ m(1) }} {{ m(1, 3, 4, z=5) }}"),
            "1200 1311");
  EXPECT_EQ(out("{% macro wrap() %}[{{ caller() }}]{% endmacro %}{% call wrap() %}in{% endcall %}"),
            "[in]");
}

TEST(Renderer, FilterBlockAndRaw) {
  EXPECT_EQ(out("{% filter upper %}ab{% endfilter %}{% raw %}{{ x }}{% endraw %}"), "AB{{ x }}");
}

TEST(Renderer, InheritanceWithSuperAndSelf) {
  Fixture f;
  f.files["base.txt"] = "<{% block a %}A{% endblock %}|{{ self.a() }}>";
  f.files["child.txt"] = "{% extends 'base.txt' %}{% block a %}C{{ super() }}{% endblock %}";
  auto r = render_files(f, "child.txt");
  ASSERT_TRUE(r.ok) << r.formatted;
  EXPECT_EQ(r.out, "<CA|CA>");
}

TEST(Renderer, IncludeSeesContextAndImportDoesNot) {
  Fixture f;
  f.files["main.txt"] =
      "{% set who = 'w' %}{% include 'inc.txt' %}{% import 'm.txt' as m %}{{ m.f() }}";
  f.files["inc.txt"] = "[{{ who }}]";
  f.files["m.txt"] = "{% macro f() %}{{ who is defined }}{% endmacro %}";
  auto r = render_files(f, "main.txt");
  ASSERT_TRUE(r.ok) << r.formatted;
  EXPECT_EQ(r.out, "[w]False");
}

TEST(Renderer, DynamicIncludeOfAPreloadedTemplate) {
  Fixture f;
  f.files["main.txt"] = "{% for n in names %}{% include n ~ '.txt' %}{% endfor %}";
  f.files["a.txt"] = "A";
  f.files["b.txt"] = "B";
  f.context_json = R"({"names": ["a", "b", "a"]})";
  auto r = render_files(f, "main.txt");
  ASSERT_TRUE(r.ok) << r.formatted;
  EXPECT_EQ(r.out, "ABA");
}

TEST(Renderer, AutoescapeByExtensionAndSafeMarkup) {
  EXPECT_EQ(html("{{ x }}|{{ x|safe }}|{{ x|e }}", R"({"x": "<b>&"})"),
            "&lt;b&gt;&amp;|<b>&|&lt;b&gt;&amp;");
  EXPECT_EQ(out("{{ x }}", R"({"x": "<b>"})"), "<b>");
  EXPECT_EQ(html("{% autoescape false %}{{ '<i>' }}{% endautoescape %}"), "<i>");
}

TEST(Renderer, PrintsNumbersAndNoneTheWayJinjaDoes) {
  EXPECT_EQ(out("{{ 1.0 }} {{ none }} {{ true }} {{ [1, 'a'] }} {{ 1e20 }} {{ 0.1 + 0.2 }}"),
            "1.0 None True [1, 'a'] 1e+20 0.30000000000000004");
}

TEST(Renderer, WhitespaceControlTrimAndLstrip) {
  EXPECT_EQ(out("a  {%- if true -%}  b  {%- endif -%}  c"), "abc");
  Options o;
  o.trim_blocks = true;
  o.lstrip_blocks = true;
  EXPECT_EQ(out("x\n  {% if true %}\n  y\n  {% endif %}\nz", "{}", o), "x\n  y\nz");
}

// ---- Bengal extras ----

TEST(Renderer, EndClosesAnyBlock) {
  EXPECT_EQ(out("{% for x in [1, 2] %}{% if x == 2 %}two{% end %}{% end %}"), "two");
  EXPECT_EQ(out("{% macro m() %}m{% end %}{{ m() }}"), "m");
}

TEST(Renderer, NullCoalescingSkipsMissingAndNone) {
  EXPECT_EQ(
      out("{{ missing ?? 'd' }}|{{ none ?? 'n' }}|{{ 0 ?? 'z' }}|{{ page.nope.deeper ?? 'x' }}",
          R"({"page": {}})"),
      "d|n|0|x");
}

TEST(Renderer, OptionalAttributeYieldsNothingForMissingParent) {
  EXPECT_EQ(out("[{{ page?.author?.name }}]", R"({"page": {"author": null}})"), "[]");
  EXPECT_EQ(out("[{{ page?.author?.name }}]", R"({"page": {"author": {"name": "A"}}})"), "[A]");
  EXPECT_EQ(out("[{{ nobody?.name ?? 'anon' }}]"), "[anon]");
}

// ---- undefined ----

TEST(Renderer, StrictUndefinedNamesTheVariableTemplateLineAndColumn) {
  auto r = render("line one\n  {{ titel }}", R"({"title": "x", "page": 1})");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.message, "'titel' is undefined");
  EXPECT_EQ(r.error.location.file, "t.txt");
  EXPECT_EQ(r.error.location.line, 2);
  EXPECT_EQ(r.error.location.column, 6);
  EXPECT_NE(r.error.hint.find("did you mean 'title'?"), std::string::npos) << r.error.hint;
  EXPECT_NE(r.error.hint.find("page"), std::string::npos) << r.error.hint;
  // The caret form shows the offending line.
  EXPECT_NE(r.formatted.find("  {{ titel }}"), std::string::npos) << r.formatted;
  EXPECT_NE(r.formatted.find("^"), std::string::npos);
}

TEST(Renderer, StrictUndefinedAttributeNamesTheOwnerType) {
  auto r = render("{{ page.nope }}", R"({"page": {"title": 1}})");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.message, "'dict object' has no attribute 'nope'");
}

TEST(Renderer, StrictUndefinedFailsInConditionsAndLoops) {
  EXPECT_FALSE(render("{% if nope %}{% endif %}").ok);
  EXPECT_FALSE(render("{% for x in nope %}{% endfor %}").ok);
  EXPECT_FALSE(render("{{ nope|upper }}").ok);
}

TEST(Renderer, DefinedTestsAndDefaultWorkInStrictMode) {
  EXPECT_EQ(
      out("{{ nope is defined }} {{ nope|default('d') }} {{ d.x is defined }}", R"({"d": {}})"),
      "False d False");
}

TEST(Renderer, LenientUndefinedPrintsNothingAndIsFalse) {
  EXPECT_EQ(
      out("[{{ nope }}][{% if nope %}y{% else %}n{% endif %}][{% for x in nope %}x{% endfor %}]",
          "{}", lenient()),
      "[][n][]");
  // Attribute access on an undefined value is an error even when lenient.
  EXPECT_FALSE(render("{{ nope.attr }}", "{}", lenient()).ok);
}

// ---- errors ----

TEST(Renderer, RuntimeErrorsCarryLocationAndExcerpt) {
  auto r = render("ok\n{{ 1 / 0 }}");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.message, "division by zero");
  EXPECT_EQ(r.error.location.line, 2);
  EXPECT_EQ(r.error.excerpt, "{{ 1 / 0 }}");
}

TEST(Renderer, ErrorsInsideAnIncludeNameTheIncludeChain) {
  Fixture f;
  f.files["page.txt"] = "a\n{% include 'part.txt' %}";
  f.files["part.txt"] = "{{ missing_var }}";
  auto r = render_files(f, "page.txt");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.location.file, "part.txt");
  EXPECT_NE(r.error.hint.find("page.txt:2 (include 'part.txt')"), std::string::npos)
      << r.error.hint;
}

TEST(Renderer, BrokenPartialFailsOnlyTemplatesThatUseIt) {
  Fixture f;
  f.files["good.txt"] = "fine";
  f.files["uses.txt"] = "{% include 'broken.txt' %}";
  f.files["broken.txt"] = "{% if %}";
  EXPECT_TRUE(render_files(f, "good.txt").ok);
  auto r = render_files(f, "uses.txt");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.location.file, "broken.txt");
}

TEST(Renderer, MissingTemplateSuggestsACloseName) {
  Fixture f;
  f.files["main.txt"] = "{% include 'partials/heder.txt' %}";
  f.files["partials/header.txt"] = "h";
  auto r = render_files(f, "main.txt");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.message, "template 'partials/heder.txt' not found");
  EXPECT_NE(r.error.hint.find("partials/header.txt"), std::string::npos) << r.error.hint;
}

TEST(Renderer, TypeErrorsReadLikePython) {
  EXPECT_EQ(render("{{ 1 + 'a' }}").error.message,
            "unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_EQ(render("{{ 1 < 'a' }}").error.message,
            "'<' not supported between instances of 'int' and 'str'");
  EXPECT_EQ(render("{{ 5() }}").error.message, "'int object' is not callable");
}

TEST(Renderer, MacroArgumentErrors) {
  EXPECT_EQ(render("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}").error.message,
            "macro 'm' takes not more than 1 argument(s)");
  EXPECT_EQ(render("{% macro m(a) %}{% endmacro %}{{ m(b=1) }}").error.message,
            "macro 'm' takes no keyword argument 'b'");
  EXPECT_EQ(render("{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}").error.message,
            "parameter 'a' was not provided");
}

// ---- limits: errors naming the chain, never a crash or a hang ----

TEST(Renderer, IncludeCycleEndsWithAnErrorNamingTheChain) {
  Fixture f;
  f.files["a.txt"] = "{% include 'b.txt' %}";
  f.files["b.txt"] = "{% include 'a.txt' %}";
  auto r = render_files(f, "a.txt");
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.message.find("recursion limit exceeded"), std::string::npos) << r.error.message;
  EXPECT_NE(r.error.hint.find("a.txt:1 (include 'b.txt') -> b.txt:1 (include 'a.txt')"),
            std::string::npos)
      << r.error.hint;
}

TEST(Renderer, InfiniteMacroRecursionEndsWithAnError) {
  auto r = render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.message.find("recursion limit exceeded"), std::string::npos);
  EXPECT_NE(r.error.hint.find("macro 'f'"), std::string::npos);
}

TEST(Renderer, ExtendsCycleIsAnError) {
  Fixture f;
  f.files["a.txt"] = "{% extends 'b.txt' %}";
  f.files["b.txt"] = "{% extends 'a.txt' %}";
  auto r = render_files(f, "a.txt");
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.message.find("template inheritance cycle: a.txt -> b.txt -> a.txt"),
            std::string::npos)
      << r.error.message;
}

TEST(Renderer, RunawayLoopHitsTheIterationLimit) {
  Options o;
  o.limits.max_loop_iterations = 1000;
  auto r = render("{% for i in range(1000000) %}{% endfor %}", "{}", o);
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.message.find("loop limit exceeded"), std::string::npos);
}

TEST(Renderer, OutputLimitStopsHugeOutput) {
  Options o;
  o.limits.max_output_bytes = 1000;
  EXPECT_FALSE(render("{% for i in range(100) %}{{ 'x' * 50 }}{% endfor %}", "{}", o).ok);
  EXPECT_FALSE(render("{{ 'x' * 100000 }}", "{}", o).ok);
}

TEST(Renderer, MemoryLimitStopsHugeValues) {
  Options o;
  o.limits.max_memory_bytes = 1 << 20;
  EXPECT_FALSE(render("{{ range(10000000)|list|length }}", "{}", o).ok);
}

// ---- host objects, host pointer, dependency recorder ----

struct Page {
  std::string title;
  std::string content;
  std::vector<std::string> tags;
};

struct Host {
  std::vector<std::string> reads;
};

std::size_t tags_len(const void* self, void*) {
  return static_cast<const std::vector<std::string>*>(self)->size();
}
Value tags_at(const void* self, std::size_t i, void*) {
  return Value::string((*static_cast<const std::vector<std::string>*>(self))[i]);
}
const ObjectVTable kTagsVTable = {.type_name = "tag list", .length = tags_len, .item_at = tags_at};

bool page_attr(const void* self, std::string_view name, Value& out, void* host) {
  const auto* p = static_cast<const Page*>(self);
  static_cast<Host*>(host)->reads.emplace_back(name);
  if (name == "title") {
    out = Value::string(p->title);
    return true;
  }
  if (name == "content") {
    out = Value::safe_string(p->content);
    return true;
  }
  if (name == "tags") {
    out = Value::object(&kTagsVTable, &p->tags);
    return true;
  }
  return false;
}

const ObjectVTable kPageVTable = {.type_name = "Page", .get_attr = page_attr};

struct Recorder : DependencyRecorder {
  std::vector<std::string> names;
  void on_template(std::string_view name, const Hash128&) override { names.emplace_back(name); }
};

TEST(Renderer, HostObjectsAreReadThroughTheirVTableWithTheHostPointer) {
  MemoryLoader loader;
  loader.add(
      "p.html",
      "<h1>{{ page.title }}</h1>{{ page.content }}{% for t in page.tags %}[{{ t }}]{% endfor %}"
      "{{ page.tags|length }}{{ page.tags|sort|first }}");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  Page page{"A & B", "<p>body</p>", {"z", "a"}};
  Host host;
  NamedValue ctx[] = {{"page", Value::object(&kPageVTable, &page)}};
  Renderer renderer(env);
  std::string result;
  Status st = renderer.render("p.html", ctx, result, &host);
  ASSERT_TRUE(st.ok()) << format_diagnostic(st.error());
  EXPECT_EQ(result, "<h1>A &amp; B</h1><p>body</p>[z][a]2a");
  EXPECT_EQ(host.reads, (std::vector<std::string>{"title", "content", "tags", "tags", "tags"}));
}

TEST(Renderer, BorrowedHostStringsAreNotCopied) {
  MemoryLoader loader;
  loader.add("p.txt", "{% set c = page.content %}{{ c }}");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  Page page{"t", std::string(10000, 'x'), {}};
  Host host;
  NamedValue ctx[] = {{"page", Value::object(&kPageVTable, &page)}};
  Renderer renderer(env);
  std::string result;
  ASSERT_TRUE(renderer.render("p.txt", ctx, result, &host).ok());
  EXPECT_EQ(result.size(), 10000u);
  // The arena holds scopes and bookkeeping, not a copy of the 10 KB body.
  std::size_t reserved = renderer.arena_reserved();
  EXPECT_LT(reserved, 200u * 1024);
}

TEST(Renderer, ViewOverloadShowsTheRenderersBufferUntilTheNextRender) {
  MemoryLoader loader;
  loader.add("a.txt", "{{ x }}-a");
  loader.add("b.txt", "{{ x }}-b{{ missing }}");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  Renderer renderer(env);
  NamedValue ctx[] = {{"x", Value::string("v")}};
  const Template& a = *env.get("a.txt").value();
  const Template& b = *env.get("b.txt").value();
  std::string_view view;
  ASSERT_TRUE(renderer.render(a, ctx, view).ok());
  EXPECT_EQ(view, "v-a");
  // A failed render views its partial output, and the next render replaces it.
  EXPECT_FALSE(renderer.render(b, ctx, view).ok());
  EXPECT_EQ(view, "v-b");
  ASSERT_TRUE(renderer.render(a, ctx, view).ok());
  EXPECT_EQ(view, "v-a");
  // The string overload appends a copy of the same bytes.
  std::string copy = ">";
  ASSERT_TRUE(renderer.render(a, ctx, copy).ok());
  EXPECT_EQ(copy, ">v-a");
}

TEST(Renderer, MissingHostAttributeErrorUsesTheTypeName) {
  MemoryLoader loader;
  loader.add("p.txt", "{{ page.titel }}");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  Page page{"t", "", {}};
  Host host;
  NamedValue ctx[] = {{"page", Value::object(&kPageVTable, &page)}};
  Renderer renderer(env);
  std::string result;
  Status st = renderer.render("p.txt", ctx, result, &host);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "'Page' has no attribute 'titel'");
}

TEST(Renderer, RecordsEveryTemplateReadOncePerRender) {
  MemoryLoader loader;
  loader.add("page.html",
             "{% extends 'base.html' %}{% import 'm.html' as m %}{% block b %}{% include 'p.html' "
             "%}{% include 'p.html' %}{% endblock %}");
  loader.add("base.html", "{% block b %}{% endblock %}");
  loader.add("m.html", "{% macro x() %}{% endmacro %}");
  loader.add("p.html", "p");
  loader.add("unused.html", "u");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  Renderer renderer(env);
  Recorder rec;
  std::string result;
  ASSERT_TRUE(renderer.render("page.html", {}, result, nullptr, &rec).ok());
  EXPECT_EQ(rec.names, (std::vector<std::string>{"page.html", "m.html", "base.html", "p.html"}));
  EXPECT_EQ(result, "pp");
}

TEST(Renderer, HostFunctionsFiltersAndTestsReceiveTheHostPointer) {
  MemoryLoader loader;
  loader.add("t.txt", "{{ url_for('a') }} {{ 'x'|shout }} {{ 3 is lucky }}");
  Environment env(&loader);
  env.registry().add_function("url_for", [](CallContext& cx, const Args& a) {
    static_cast<Host*>(cx.host())->reads.emplace_back("url_for");
    return cx.string("/" + std::string(cx.str(a.positional[0])) + "/");
  });
  env.registry().add_filter("shout", [](CallContext& cx, const Args& a) {
    return cx.string(std::string(cx.str(a.positional[0])) + "!");
  });
  env.registry().add_test("lucky", [](CallContext&, const Args& a) {
    return Value::boolean(a.positional[0].as_int() == 3);
  });
  (void)env.load_all();
  env.freeze();
  Renderer renderer(env);
  Host host;
  std::string result;
  Status st = renderer.render("t.txt", {}, result, &host);
  ASSERT_TRUE(st.ok()) << format_diagnostic(st.error());
  EXPECT_EQ(result, "/a/ x! True");
  EXPECT_EQ(host.reads, std::vector<std::string>{"url_for"});
}

TEST(Renderer, HostFunctionFailureBecomesADiagnosticAtTheCall) {
  MemoryLoader loader;
  loader.add("t.txt", "line\n  {{ boom() }}");
  Environment env(&loader);
  env.registry().add_function("boom",
                              [](CallContext& cx, const Args&) { return cx.fail("it broke"); });
  (void)env.load_all();
  env.freeze();
  Renderer renderer(env);
  std::string result;
  Status st = renderer.render("t.txt", {}, result);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "it broke");
  EXPECT_EQ(st.error().location.line, 2);
}

TEST(Renderer, RegisteredGlobalsAreVisibleEverywhere) {
  MemoryLoader loader;
  loader.add("t.txt", "{{ version }}{% include 'i.txt' without context %}");
  loader.add("i.txt", "/{{ version }}");
  Environment env(&loader);
  env.registry().add_global("version", Value::string("1.2"));
  (void)env.load_all();
  env.freeze();
  Renderer renderer(env);
  std::string result;
  ASSERT_TRUE(renderer.render("t.txt", {}, result).ok());
  EXPECT_EQ(result, "1.2/1.2");
}

TEST(Renderer, ARendererIsReusableAndAppendsToOut) {
  MemoryLoader loader;
  loader.add("t.txt", "{% for i in range(n) %}{{ i }}{% endfor %}");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  Renderer renderer(env);
  std::string result = ">";
  NamedValue a[] = {{"n", Value::integer(3)}};
  NamedValue b[] = {{"n", Value::integer(2)}};
  ASSERT_TRUE(renderer.render("t.txt", a, result).ok());
  ASSERT_TRUE(renderer.render("t.txt", b, result).ok());
  EXPECT_EQ(result, ">01201");
  // An error does not poison the next render.
  ASSERT_FALSE(renderer.render("t.txt", {}, result).ok());
  std::string again;
  ASSERT_TRUE(renderer.render("t.txt", a, again).ok());
  EXPECT_EQ(again, "012");
}

TEST(Renderer, ConcurrentRenderersShareOneEnvironment) {
  MemoryLoader loader;
  loader.add("base.html", "<{% block b %}{% endblock %}>");
  loader.add(
      "page.html",
      "{% extends 'base.html' %}{% import 'm.html' as m %}{% block b %}{% for i in range(n) %}"
      "{{ m.item(i) }}{% endfor %}{{ title|upper }}{% endblock %}");
  loader.add("m.html", "{% macro item(i) %}[{{ i }}]{% endmacro %}");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Renderer renderer(env);
      for (int k = 0; k < 200; ++k) {
        std::string title = "t" + std::to_string(t);
        NamedValue ctx[] = {{"n", Value::integer(k % 5)}, {"title", Value::string(title)}};
        std::string result;
        if (!renderer.render("page.html", ctx, result).ok()) ++failures;
        std::string want = "<";
        for (int i = 0; i < k % 5; ++i) want += "[" + std::to_string(i) + "]";
        want += "T" + std::to_string(t) + ">";
        if (result != want) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace bengal::tmpl
