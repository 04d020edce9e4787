// Integration tests of `bengal serve` in process: a real DevServer on a real
// temporary site, talked to over real sockets on 127.0.0.1. Every wait has a
// timeout; no fixed sleeps where an event can be awaited.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "http_client.h"
#include "server/dev_server.h"
#include "server/live_reload.h"

namespace bengal::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using server::DevServer;
using server::ServeOptions;

constexpr auto kEventTimeout = 15000ms;  // a rebuild on a loaded 2-vCPU CI machine

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bengal-serve-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    write("content/hello.md", "---\ntitle: Hello\n---\nFirst version.\n");
    write("content/other.md", "---\ntitle: Other\n---\nNever edited.\n");
    write("static/css/site.css", "body { color: red; }\n");
  }
  void TearDown() override {
    stream_.reset();
    server_.reset();  // stops every thread
    fs::remove_all(dir_);
  }

  ServeOptions options() const {
    ServeOptions o;
    o.build.source_dir = dir_;
    o.port = 0;
    o.settle = 10ms;
    o.ping = 500ms;
    return o;
  }
  void start(ServeOptions o) {
    server_ = std::make_unique<DevServer>(o);
    Status s = server_->start();
    ASSERT_TRUE(s.ok()) << s.error().message;
    port_ = server_->port();
  }
  void start() { start(options()); }

  // Opens the reload stream the way a page served now would.
  void listen() {
    stream_ = std::make_unique<SseStream>(
        port_, "/__bengal_reload__?since=" + std::to_string(server_->generation()) +
                   "&instance=" + server_->hub().instance());
    ASSERT_EQ(stream_->status(), 200);
    ASSERT_TRUE(stream_->wait_for("hello", "", kEventTimeout).has_value());
  }
  std::optional<SseEvent> await(const std::string& name, const std::string& needle) {
    return stream_->wait_for(name, needle, kEventTimeout);
  }

  void write(const std::string& rel, const std::string& text) {
    fs::path p = fs::path(dir_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }

  std::string dir_;
  int port_ = 0;
  std::unique_ptr<DevServer> server_;
  std::unique_ptr<SseStream> stream_;
};

TEST_F(ServeTest, ServesPagesWithTheReloadScriptAndNoCaching) {
  start();
  HttpReply r = http_get(port_, "/hello/");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_NE(r.body.find("First version."), std::string::npos);
  std::size_t tag = r.body.find("<script src=\"/__bengal_reload__.js\"");
  ASSERT_NE(tag, std::string::npos);
  EXPECT_LT(tag, r.body.rfind("</body>"));
  HttpReply js = http_get(port_, std::string(server::kReloadScriptPath));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
}

TEST_F(ServeTest, NothingIsWrittenToTheSiteFolder) {
  start();
  EXPECT_FALSE(fs::exists(dir_ + "/public"));
  EXPECT_FALSE(fs::exists(dir_ + "/.bengal"));
  write("content/hello.md", "---\ntitle: Hello\n---\nSecond.\n");
  listen();
  write("content/other.md", "---\ntitle: Other\n---\nTouched.\n");
  ASSERT_TRUE(await("change", "/other/"));
  EXPECT_FALSE(fs::exists(dir_ + "/public"));
  EXPECT_FALSE(fs::exists(dir_ + "/.bengal"));
}

TEST_F(ServeTest, AssetsHaveMimeTypesAndRevalidate) {
  start();
  HttpReply css = http_get(port_, "/css/site.css");
  ASSERT_EQ(css.status, 200) << css.error;
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("cache-control"), "no-cache");
  std::string etag = css.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_FALSE(css.header("last-modified").empty());
  EXPECT_EQ(css.body, "body { color: red; }\n");
  EXPECT_EQ(css.body.find("__bengal_reload__"), std::string::npos) << "only HTML gets the script";
  HttpReply again = http_get(port_, "/css/site.css", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  HttpReply head = http_request(port_, "HEAD", "/css/site.css");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(css.body.size()));
}

TEST_F(ServeTest, FolderWithoutSlashRedirects) {
  start();
  HttpReply r = http_get(port_, "/hello?x=1");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.header("location"), "/hello/?x=1");
}

TEST_F(ServeTest, MissingPagesGetTheSites404PageWithStatus404) {
  start();
  HttpReply page404 = http_get(port_, "/404.html");
  ASSERT_EQ(page404.status, 200) << "the default theme writes 404.html";
  HttpReply r = http_get(port_, "/no/such/page/");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Page not found"), std::string::npos) << r.body.substr(0, 300);
  EXPECT_NE(r.body.find("__bengal_reload__.js"), std::string::npos);
}

TEST_F(ServeTest, TraversalNeverReachesFilesOutsideTheOutput) {
  write("../bengal-serve-secret.txt", "TOP SECRET");  // beside the site folder
  fs::path secret = fs::path(dir_).parent_path() / "bengal-serve-secret.txt";
  // A stale output folder on disk with a link out of it must not be served either.
  fs::create_directories(dir_ + "/public");
  fs::create_symlink(secret, dir_ + "/public/leak.txt");
  start();
  std::string name = fs::path(dir_).filename().string();
  for (const std::string& target : std::vector<std::string>{
           "/../bengal-serve-secret.txt", "/%2e%2e/bengal-serve-secret.txt",
           "/..%2fbengal-serve-secret.txt", "/css/..%2f..%2f..%2fbengal-serve-secret.txt",
           "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/..\\..\\etc\\passwd", "//etc/passwd", "/etc/passwd",
           "/leak.txt", "/public/leak.txt", "/" + name + "/content/hello.md", "/content/hello.md",
           "/bengal-serve-secret.txt%00.html"}) {
    HttpReply r = http_get(port_, target);
    EXPECT_TRUE(r.status == 400 || r.status == 403 || r.status == 404)
        << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("TOP SECRET"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
  }
  EXPECT_EQ(http_get(port_, "/../etc/passwd").status, 403);
  fs::remove(secret);
}

TEST_F(ServeTest, EditingAPageReloadsThatPageAndServesTheNewText) {
  start();
  listen();
  write("content/hello.md", "---\ntitle: Hello\n---\nSecond version.\n");
  auto ev = await("change", "\"/hello/\"");
  ASSERT_TRUE(ev) << "no change event naming /hello/";
  EXPECT_EQ(ev->data.find("\"/other/\""), std::string::npos)
      << "an untouched page is not reloaded: " << ev->data;
  EXPECT_NE(ev->data.find("\"all\":false"), std::string::npos);
  HttpReply r = http_get(port_, "/hello/");
  EXPECT_NE(r.body.find("Second version."), std::string::npos);
  EXPECT_EQ(r.body.find("First version."), std::string::npos);
}

TEST_F(ServeTest, AddingDeletingAndRenamingPages) {
  start();
  listen();
  write("content/fresh.md", "---\ntitle: Fresh\n---\nBrand new.\n");
  ASSERT_TRUE(await("change", "\"/fresh/\""));
  EXPECT_NE(http_get(port_, "/fresh/").body.find("Brand new."), std::string::npos);

  fs::remove(dir_ + "/content/fresh.md");
  ASSERT_TRUE(await("change", "\"/fresh/\""));
  EXPECT_EQ(http_get(port_, "/fresh/").status, 404);

  fs::rename(dir_ + "/content/hello.md", dir_ + "/content/greeting.md");
  ASSERT_TRUE(await("change", "\"/greeting/\""));
  EXPECT_EQ(http_get(port_, "/hello/").status, 404);
  EXPECT_NE(http_get(port_, "/greeting/").body.find("First version."), std::string::npos);
}

TEST_F(ServeTest, EditingATemplateReloadsThePagesUsingIt) {
  start();
  listen();
  write("templates/single.html",
        "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head>"
        "<body><p class=\"custom\">Custom: {{ page.title }}</p>{{ page.content }}</body></html>\n");
  auto ev = await("change", "\"/hello/\"");
  ASSERT_TRUE(ev);
  EXPECT_NE(ev->data.find("\"/other/\""), std::string::npos)
      << "both pages use single.html: " << ev->data;
  HttpReply r = http_get(port_, "/hello/");
  EXPECT_NE(r.body.find("Custom: Hello"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("__bengal_reload__.js"), std::string::npos);
}

TEST_F(ServeTest, BrokenFrontMatterShowsDiagnosticsAndKeepsTheLastGoodSite) {
  start();
  listen();
  write("content/hello.md", "---\ntitle: Hello\ntags: [a, b\n---\nBroken version.\n");
  auto failed = await("failed", "content/hello.md");
  ASSERT_TRUE(failed);
  EXPECT_NE(failed->data.find("\"line\":3"), std::string::npos) << failed->data;
  EXPECT_NE(failed->data.find("\"message\":\""), std::string::npos);
  HttpReply during = http_get(port_, "/hello/");
  EXPECT_EQ(during.status, 200);
  EXPECT_NE(during.body.find("First version."), std::string::npos)
      << "the last good build stays up";

  // A page opened while the site is broken learns it at once.
  SseStream late(port_, "/__bengal_reload__?since=" + std::to_string(server_->generation()));
  EXPECT_TRUE(late.wait_for("failed", "content/hello.md", kEventTimeout));

  write("content/hello.md", "---\ntitle: Hello\ntags: [a, b]\n---\nFixed version.\n");
  ASSERT_TRUE(await("change", "\"/hello/\"")) << "the fix clears the overlay and reloads the page";
  EXPECT_NE(http_get(port_, "/hello/").body.find("Fixed version."), std::string::npos);
}

TEST_F(ServeTest, ACssEditSwapsTheStylesheetWithoutReloadingPages) {
  start();
  listen();
  write("static/css/site.css", "body { color: blue; }\n");
  auto ev = await("change", "\"/css/site.css\"");
  ASSERT_TRUE(ev);
  EXPECT_NE(ev->data.find("\"reload\":[]"), std::string::npos) << ev->data;
  EXPECT_NE(ev->data.find("\"all\":false"), std::string::npos);
  EXPECT_EQ(http_get(port_, "/css/site.css").body, "body { color: blue; }\n");
}

TEST_F(ServeTest, EditorSwapFilesDoNotTriggerBuilds) {
  start();
  listen();
  std::uint64_t before = server_->generation();
  write("content/.hello.md.swp", "swap");
  write("content/hello.md~", "backup");
  write("content/4913", "");
  // A real edit after the noise: the first change event must be for it.
  write("content/other.md", "---\ntitle: Other\n---\nTouched.\n");
  auto ev = await("change", "\"/other/\"");
  ASSERT_TRUE(ev);
  EXPECT_EQ(server_->generation(), before + 1) << "exactly one rebuild";
}

TEST_F(ServeTest, AFileStillOpenForWritingIsPublishedOnceQuiet) {
  start();
  listen();
  // A writer that truncates and writes but keeps the file open: the build
  // waits for it to finish, but not forever.
  int fd = ::open((dir_ + "/content/hello.md").c_str(), O_WRONLY | O_TRUNC);
  ASSERT_GE(fd, 0);
  std::string text = "---\ntitle: Hello\n---\nWritten, never closed.\n";
  ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  auto ev = await("change", "\"/hello/\"");
  ::close(fd);
  ASSERT_TRUE(ev);
  EXPECT_NE(http_get(port_, "/hello/").body.find("Written, never closed."), std::string::npos);
}

TEST_F(ServeTest, PagesServedEarlierCatchUpWhenTheyConnectLate) {
  start();
  std::uint64_t served_at = server_->generation();
  listen();
  write("content/hello.md", "---\ntitle: Hello\n---\nChanged before the page listened.\n");
  ASSERT_TRUE(await("change", "\"/hello/\""));
  SseStream late(port_, "/__bengal_reload__?since=" + std::to_string(served_at) +
                            "&instance=" + server_->hub().instance());
  EXPECT_TRUE(late.wait_for("change", "\"/hello/\"", kEventTimeout));
}

TEST_F(ServeTest, ConfigChangesRebuild) {
  start();
  listen();
  write("bengal.toml", "title = \"Renamed Site\"\n");
  ASSERT_TRUE(await("change", "\"/hello/\""));
  EXPECT_NE(http_get(port_, "/hello/").body.find("Renamed Site"), std::string::npos);
  write("bengal.toml", "title = [broken\n");
  auto failed = await("failed", "bengal.toml");
  ASSERT_TRUE(failed);
  EXPECT_NE(http_get(port_, "/hello/").body.find("Renamed Site"), std::string::npos);
}

TEST_F(ServeTest, ATakenPortIsReportedWithAFreeOneToTry) {
  start();
  ServeOptions o = options();
  o.port = port_;
  DevServer second(o);
  Status s = second.start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "port-in-use");
  EXPECT_NE(s.error().message.find("already in use"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().hint.find("--port "), std::string::npos) << s.error().hint;
  EXPECT_EQ(http_get(port_, "/hello/").status, 200) << "the first server still answers alone";
}

TEST_F(ServeTest, WithPortAttemptsATakenPortMovesOn) {
  start();
  ServeOptions o = options();
  o.port = port_;
  o.port_attempts = 10;
  DevServer second(o);
  ASSERT_TRUE(second.start().ok());
  EXPECT_NE(second.port(), port_);
  EXPECT_EQ(http_get(second.port(), "/hello/").status, 200);
}

TEST_F(ServeTest, ReloadStreamsAreCapped) {
  ServeOptions o = options();
  o.max_reload_clients = 2;
  start(o);
  SseStream a(port_, "/__bengal_reload__");
  SseStream b(port_, "/__bengal_reload__");
  ASSERT_EQ(a.status(), 200);
  ASSERT_EQ(b.status(), 200);
  SseStream c(port_, "/__bengal_reload__");
  EXPECT_EQ(c.status(), 503);
  EXPECT_EQ(http_get(port_, "/hello/").status, 200) << "pages are still served";
}

TEST_F(ServeTest, StopsPromptlyWithOpenStreams) {
  start();
  listen();
  SseStream other(port_, "/__bengal_reload__");
  auto t0 = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
  EXPECT_FALSE(stream_->next(2000ms).has_value()) << "the stream ended";
}

TEST_F(ServeTest, PollingWatcherAlsoRebuilds) {
  ServeOptions o = options();
  o.force_polling = true;
  o.poll_interval = 30ms;
  start(o);
  EXPECT_EQ(server_->watch_mode(), "polling");
  listen();
  write("content/hello.md", "---\ntitle: Hello\n---\nSeen by polling.\n");
  ASSERT_TRUE(await("change", "\"/hello/\""));
  EXPECT_NE(http_get(port_, "/hello/").body.find("Seen by polling."), std::string::npos);
}

TEST(ProbeBind, TellsATakenPortFromAFreeOneAndABadHost) {
  LoopbackListener other;
  ASSERT_GT(other.port(), 0);
  EXPECT_EQ(server::probe_bind("127.0.0.1", other.port()), EADDRINUSE);
  EXPECT_EQ(server::probe_bind("127.0.0.1", 0), 0);
  std::string why;
  EXPECT_EQ(server::probe_bind("no-such-host.invalid", 0, &why), -1);
  EXPECT_FALSE(why.empty());
}

TEST_F(ServeTest, AMissingSiteFolderIsAnError) {
  ServeOptions o = options();
  o.build.source_dir = dir_ + "/nope";
  DevServer s(o);
  Status st = s.start();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace bengal::testing
