#include "server/reload_hub.h"

#include <gtest/gtest.h>

#include <thread>

namespace bengal::server {
namespace {

using namespace std::chrono_literals;

SiteChange page_change(std::vector<std::string> pages) {
  SiteChange c;
  c.pages = std::move(pages);
  c.changed = c.pages.size();
  return c;
}

std::string drain_pending(ReloadHub& hub, ReloadHub::Client& c) {
  std::string out;
  EXPECT_TRUE(hub.next(c, out));
  return out;
}

TEST(ReloadHub, HelloCarriesGenerationAndInstance) {
  ReloadHub hub({8, 1000ms, 64, "abc"});
  hub.announce_change(3, {});
  auto c = hub.connect(3, "abc");
  ASSERT_NE(c, nullptr);
  std::string out = drain_pending(hub, *c);
  EXPECT_NE(out.find("retry: 1000\n"), std::string::npos);
  EXPECT_NE(out.find("event: hello\ndata: {\"gen\":3,\"instance\":\"abc\"}\n\n"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("event: change"), std::string::npos) << "up to date: nothing to replay";
  hub.disconnect(*c);
}

TEST(ReloadHub, ChangesReachConnectedClientsInOrder) {
  ReloadHub hub({8, 1000ms, 64, "i"});
  auto c = hub.connect(0, "");
  drain_pending(hub, *c);
  hub.announce_change(1, page_change({"/a/"}));
  DiagnosticList diags;
  diags.add(make_error({"content/b.md", 3, 1}, "bad front matter", "close the list"));
  hub.announce_failure(diags);
  std::string out;
  ASSERT_TRUE(hub.next(*c, out));
  std::size_t change = out.find(
      "event: change\ndata: "
      "{\"gen\":1,\"reload\":[\"/a/\"],\"css\":[],\"moved\":[],\"all\":false}");
  std::size_t failed = out.find("event: failed\ndata: {\"gen\":1,\"errors\":1,\"warnings\":0,");
  ASSERT_NE(change, std::string::npos) << out;
  ASSERT_NE(failed, std::string::npos) << out;
  EXPECT_LT(change, failed);
  EXPECT_NE(
      out.find("\"file\":\"content/b.md\",\"line\":3,\"column\":1,\"message\":\"bad front matter\","
               "\"hint\":\"close the list\""),
      std::string::npos)
      << out;
  hub.disconnect(*c);
}

TEST(ReloadHub, LateJoinerGetsTheChangesItMissed) {
  ReloadHub hub({8, 1000ms, 64, "i"});
  hub.announce_change(1, {});
  hub.announce_change(2, page_change({"/a/"}));
  SiteChange css;
  css.stylesheets = {"/s.css"};
  css.changed = 1;
  hub.announce_change(3, css);
  auto c = hub.connect(1, "i");  // the page was served at generation 1
  std::string out = drain_pending(hub, *c);
  EXPECT_NE(
      out.find("event: change\ndata: "
               "{\"gen\":3,\"reload\":[\"/a/\"],\"css\":[\"/s.css\"],\"moved\":[],\"all\":false}"),
      std::string::npos)
      << out;
  hub.disconnect(*c);
}

TEST(ReloadHub, PagesFromAnotherServerOrBeyondHistoryReloadEverything) {
  ReloadHub hub({8, 1000ms, 2, "now"});
  for (std::uint64_t g = 1; g <= 5; ++g) hub.announce_change(g, {});
  auto restarted = hub.connect(5, "before-restart");
  EXPECT_NE(drain_pending(hub, *restarted).find("\"all\":true"), std::string::npos);
  auto ancient = hub.connect(1, "now");  // history keeps only generations 4 and 5
  EXPECT_NE(drain_pending(hub, *ancient).find("\"all\":true"), std::string::npos);
  auto recent = hub.connect(3, "now");
  EXPECT_EQ(drain_pending(hub, *recent).find("\"all\":true"), std::string::npos);
  hub.disconnect(*restarted);
  hub.disconnect(*ancient);
  hub.disconnect(*recent);
}

TEST(ReloadHub, ABrokenSiteIsReportedToNewClientsUntilABuildSucceeds) {
  ReloadHub hub({8, 1000ms, 64, "i"});
  hub.announce_change(1, {});
  DiagnosticList diags;
  diags.add(make_error({"content/x.md", 1, 1}, "broken"));
  hub.announce_failure(diags);
  auto during = hub.connect(1, "i");
  EXPECT_NE(drain_pending(hub, *during).find("event: failed"), std::string::npos);
  hub.announce_change(2, {});
  auto after = hub.connect(2, "i");
  EXPECT_EQ(drain_pending(hub, *after).find("event: failed"), std::string::npos);
  hub.disconnect(*during);
  hub.disconnect(*after);
}

TEST(ReloadHub, QuietStreamsGetPings) {
  ReloadHub hub({8, 20ms, 64, "i"});
  auto c = hub.connect(0, "");
  drain_pending(hub, *c);
  std::string out;
  ASSERT_TRUE(hub.next(*c, out));
  EXPECT_EQ(out, ": ping\n\n");
  hub.disconnect(*c);
}

TEST(ReloadHub, RefusesClientsBeyondTheCap) {
  ReloadHub hub({2, 1000ms, 64, "i"});
  auto a = hub.connect(0, "");
  auto b = hub.connect(0, "");
  EXPECT_NE(a, nullptr);
  EXPECT_NE(b, nullptr);
  EXPECT_EQ(hub.connect(0, ""), nullptr);
  EXPECT_EQ(hub.client_count(), 2u);
  hub.disconnect(*a);
  hub.disconnect(*a);  // twice is harmless
  EXPECT_EQ(hub.client_count(), 1u);
  auto c = hub.connect(0, "");
  EXPECT_NE(c, nullptr);
  hub.disconnect(*b);
  hub.disconnect(*c);
}

TEST(ReloadHub, StopWakesWaitingStreams) {
  ReloadHub hub({8, 60000ms, 64, "i"});
  auto c = hub.connect(0, "");
  drain_pending(hub, *c);
  bool result = true;
  std::thread waiter([&] {
    std::string out;
    result = hub.next(*c, out);
  });
  std::this_thread::sleep_for(10ms);
  hub.stop();
  waiter.join();
  EXPECT_FALSE(result);
  EXPECT_EQ(hub.connect(0, ""), nullptr);
  hub.disconnect(*c);
}

TEST(ReloadHub, RandomInstanceIdsDiffer) {
  ReloadHub a, b;
  EXPECT_FALSE(a.instance().empty());
  EXPECT_NE(a.instance(), b.instance());
}

TEST(ReloadHubJson, FailureListsErrorsFirstAndCaps) {
  DiagnosticList diags;
  diags.add(make_warning({"a.md", 1, 0}, "w"));
  diags.add(make_error({"b.md", 2, 0}, "quote \" and\nnewline"));
  diags.add(make_error({"c.md", 3, 0}, "e2"));
  std::string json = failure_event_json(4, diags, 2);
  EXPECT_NE(json.find("\"errors\":2,\"warnings\":1"), std::string::npos);
  EXPECT_LT(json.find("b.md"), json.find("c.md"));
  EXPECT_EQ(json.find("a.md"), std::string::npos) << "capped at 2, errors first";
  EXPECT_NE(json.find("quote \\\" and\\nnewline"), std::string::npos) << json;
  EXPECT_EQ(json.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace bengal::server
