// `bengal serve` as a user runs it: the real binary, a real site folder,
// 127.0.0.1 only. Every child is stopped (or killed) before the test ends.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "http_client.h"
#include "serve_process.h"
#include "support/run_bengal.h"

namespace bengal::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kTimeout = 20000ms;

class CliServe : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("bengal-cli-serve");
    write("content/hello.md", "---\ntitle: Hello\n---\nFrom the command line.\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) {
    fs::path p = fs::path(dir_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string dir_;
};

TEST_F(CliServe, ServesRebuildsAndStopsCleanlyOnCtrlC) {
  ServeProcess serve({"serve", "-s", dir_, "--port", "0"});
  ASSERT_TRUE(serve.wait_for_output("Press Ctrl+C", kTimeout)) << serve.output();
  EXPECT_NE(serve.output().find("Built 1 page"), std::string::npos) << serve.output();
  int port = serve.port();
  ASSERT_GT(port, 0) << serve.output();
  HttpReply r = http_get(port, "/hello/");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_NE(r.body.find("From the command line."), std::string::npos);

  write("content/hello.md", "---\ntitle: Hello\n---\nEdited.\n");
  ASSERT_TRUE(serve.wait_for_output("content/hello.md changed: rebuilt", kTimeout))
      << serve.output();
  EXPECT_NE(http_get(port, "/hello/").body.find("Edited."), std::string::npos);
  EXPECT_EQ(serve.output().find('\x1b'), std::string::npos) << "no colour when not a terminal";

  EXPECT_EQ(serve.stop(SIGINT, kTimeout), 0) << serve.output();
  EXPECT_FALSE(fs::exists(dir_ + "/public")) << "serve writes nothing to disk";
}

TEST_F(CliServe, SigtermAlsoStopsWithExitZero) {
  ServeProcess serve({"serve", "-s", dir_, "--port", "0"});
  ASSERT_TRUE(serve.wait_for_output("Press Ctrl+C", kTimeout)) << serve.output();
  EXPECT_EQ(serve.stop(SIGTERM, kTimeout), 0);
}

TEST_F(CliServe, QuietPrintsNothingWhileAllIsWell) {
  int port = free_port();
  ServeProcess serve({"serve", "-s", dir_, "--port", std::to_string(port), "-q"});
  HttpReply r;
  auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (r.status != 200 && std::chrono::steady_clock::now() < deadline) {
    r = http_get(port, "/hello/");
    if (r.status != 200) std::this_thread::sleep_for(20ms);  // not listening yet: nothing to await
  }
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(serve.stop(SIGINT, kTimeout), 0);
  EXPECT_EQ(serve.output(), "");
}

TEST_F(CliServe, ATakenPortGivenWithPortFailsWithAHint) {
  LoopbackListener other;
  ASSERT_GT(other.port(), 0);
  std::string port = std::to_string(other.port());

  ServeProcess serve({"serve", "-s", dir_, "--port", port});
  EXPECT_EQ(serve.wait_exit(kTimeout), 1) << serve.output();
  EXPECT_NE(serve.output().find("port " + port + " on 127.0.0.1 is already in use"),
            std::string::npos)
      << serve.output();
  EXPECT_NE(serve.output().find("--port "), std::string::npos) << serve.output();
}

TEST_F(CliServe, MissingSiteFolderExitsOne) {
  ServeProcess serve({"serve", "-s", dir_ + "/nope", "--port", "0"});
  EXPECT_EQ(serve.wait_exit(kTimeout), 1);
  EXPECT_NE(serve.output().find("does not exist"), std::string::npos) << serve.output();
}

TEST_F(CliServe, UsageErrorsExitTwo) {
  ServeProcess bad_port({"serve", "--port", "70000"});
  EXPECT_EQ(bad_port.wait_exit(kTimeout), 2);
  ServeProcess bad_flag({"serve", "--no-such-flag"});
  EXPECT_EQ(bad_flag.wait_exit(kTimeout), 2);
}

TEST_F(CliServe, HelpListsOptionsAndExamples) {
  auto r = run_bengal({"serve", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s :
       {"--port", "--bind", "--drafts", "--open", "--poll", "Examples:", "Exit status"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace bengal::testing
