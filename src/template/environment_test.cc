#include "template/environment.h"

#include <gtest/gtest.h>

namespace bengal::tmpl {
namespace {

TEST(Environment, LoadCompilesReferencedTemplatesToo) {
  MemoryLoader loader;
  loader.add("page.html", "{% extends 'base.html' %}{% include 'part.html' %}");
  loader.add("base.html", "b");
  loader.add("part.html", "p");
  loader.add("other.html", "o");
  Environment env(&loader);
  const Template* t = env.load("page.html");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->ok());
  EXPECT_NE(env.find("base.html"), nullptr);
  EXPECT_NE(env.find("part.html"), nullptr);
  EXPECT_EQ(env.find("other.html"), nullptr);
  EXPECT_EQ(env.load("missing.html"), nullptr);
}

TEST(Environment, LoadAllReportsCompileErrorsAndKeepsBrokenTemplates) {
  MemoryLoader loader;
  loader.add("good.html", "{{ 1 }}");
  loader.add("bad.html", "{% if %}");
  Environment env(&loader);
  DiagnosticList errors = env.load_all();
  ASSERT_EQ(errors.items().size(), 1u);
  EXPECT_EQ(errors.items()[0].location.file, "bad.html");
  env.freeze();
  EXPECT_TRUE(env.get("good.html").ok());
  auto bad = env.get("bad.html");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().location.file, "bad.html");
}

TEST(Environment, GetExplainsMissingTemplates) {
  MemoryLoader loader;
  loader.add("partials/header.html", "h");
  Environment env(&loader);
  (void)env.load_all();
  env.freeze();
  auto r = env.get("partials/headr.html");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "template 'partials/headr.html' not found");
  EXPECT_EQ(r.error().hint, "did you mean 'partials/header.html'? searched: <memory>");
}

TEST(Environment, AutoescapeFollowsTheExtension) {
  Environment env(nullptr);
  EXPECT_TRUE(env.add_template("a.html", "")->autoescape());
  EXPECT_TRUE(env.add_template("a.XML", "")->autoescape());
  EXPECT_FALSE(env.add_template("a.txt", "")->autoescape());
  Options o;
  o.autoescape_extensions = {".j2"};
  Environment custom(nullptr, o);
  EXPECT_TRUE(custom.add_template("x.j2", "")->autoescape());
  EXPECT_FALSE(custom.add_template("x.html", "")->autoescape());
}

TEST(Environment, HashesTheSourceForDependencyTracking) {
  Environment env(nullptr);
  const Template* a = env.add_template("a.txt", "same");
  const Template* b = env.add_template("b.txt", "same");
  const Template* c = env.add_template("c.txt", "other");
  EXPECT_EQ(a->hash(), b->hash());
  EXPECT_NE(a->hash(), c->hash());
}

Value mine(CallContext&, const Args&) {
  return Value::string("mine");
}

TEST(Environment, HostRegistrationsOverrideBuiltins) {
  Environment env(nullptr);
  env.registry().add_filter("upper", mine);
  EXPECT_EQ(env.registry().filter("upper")->fn, &mine);
  const Template* t = env.add_template("t.txt", "{{ 'a'|upper }}");
  ASSERT_TRUE(t->ok());
}

}  // namespace
}  // namespace bengal::tmpl
