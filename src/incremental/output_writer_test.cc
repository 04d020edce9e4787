#include "incremental/output_writer.h"

#include <gtest/gtest.h>

namespace bengal::incremental {
namespace {

TEST(OutputWriter, WritesNewFilesAndSkipsIdenticalBytes) {
  MemoryFileSystem fs;
  BuildCache none;
  OutputWriter w(fs, "out", none);
  DiagnosticList diags;
  OutputRecord rec;
  EXPECT_EQ(w.commit("a/index.html", "hello", rec, diags), WriteOutcome::kWritten);
  std::size_t writes = fs.write_count();
  EXPECT_EQ(w.commit("a/index.html", "hello", rec, diags), WriteOutcome::kUnchanged);
  EXPECT_EQ(fs.write_count(), writes);  // not rewritten
  EXPECT_EQ(w.commit("a/index.html", "hellO", rec, diags), WriteOutcome::kWritten);
  EXPECT_EQ(*fs.read_file("out/a/index.html"), "hellO");
  EXPECT_TRUE(diags.empty());
}

TEST(OutputWriter, TrustedRecordAvoidsReadingAndHandEditIsOverwritten) {
  MemoryFileSystem fs;
  BuildCache none;
  DiagnosticList diags;
  OutputRecord rec;
  OutputWriter(fs, "out", none).commit("x.html", "abc", rec, diags);
  BuildCache prev;
  prev.outputs["x.html"] = rec;
  OutputWriter w(fs, "out", prev);
  EXPECT_EQ(w.commit("x.html", "abc", rec, diags), WriteOutcome::kUnchanged);
  fs.set_file("out/x.html", "abd");  // edited by hand: same size, new mtime
  EXPECT_EQ(w.commit("x.html", "abc", rec, diags), WriteOutcome::kWritten);
  EXPECT_EQ(*fs.read_file("out/x.html"), "abc");
}

TEST(OutputWriter, RemovesOnlyStaleOutputsItWrote) {
  MemoryFileSystem fs;
  fs.set_file("out/keep.html", "k");
  fs.set_file("out/gone/index.html", "g");
  fs.set_file("out/user-file.txt", "not ours");
  BuildCache prev;
  prev.outputs["keep.html"].generation = 2;  // produced by this build
  prev.outputs["gone/index.html"].generation = 1;
  prev.outputs["never-written.html"].generation = 1;
  OutputWriter w(fs, "out", prev);
  DiagnosticList diags;
  EXPECT_EQ(w.remove_stale(prev.outputs, 2, diags), 1u);
  EXPECT_FALSE(fs.stat("out/gone/index.html").exists);
  EXPECT_TRUE(fs.stat("out/keep.html").exists);
  EXPECT_TRUE(fs.stat("out/user-file.txt").exists);
  // Only this build's records remain.
  ASSERT_EQ(prev.outputs.size(), 1u);
  EXPECT_EQ(prev.outputs.begin()->first, "keep.html");
}

}  // namespace
}  // namespace bengal::incremental
