#include "server/live_reload.h"

#include <gtest/gtest.h>

namespace bengal::server {
namespace {

TEST(LiveReload, TagNamesScriptGenerationInstanceAndPage) {
  EXPECT_EQ(live_reload_tag(12, "ab", "/blog/\"x\"/"),
            "<script src=\"/__bengal_reload__.js\" data-gen=\"12\" data-instance=\"ab\" "
            "data-page=\"/blog/&quot;x&quot;/\"></script>\n");
}

TEST(LiveReload, InjectAtClampsToTheEnd) {
  EXPECT_EQ(inject_at("<body></body>", 6, "T"), "<body>T</body>");
  EXPECT_EQ(inject_at("abc", 99, "T"), "abcT");
}

TEST(LiveReload, ScriptListensOnTheEventPathForAllThreeEvents) {
  std::string_view js = live_reload_script();
  ASSERT_FALSE(js.empty());
  for (const char* needle : {"/__bengal_reload__?since=", "'change'", "'failed'", "'hello'",
                             "__bengal_overlay__", "location.reload()"}) {
    EXPECT_NE(js.find(needle), std::string_view::npos) << needle;
  }
}

}  // namespace
}  // namespace bengal::server
