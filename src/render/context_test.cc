#include "render/context.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace bengal::render {
namespace {

TEST(Context, AttributeTablesAreSortedForBinarySearch) {
  for (const auto& names : {page_attribute_names(), section_attribute_names(), site_attribute_names()}) {
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end()) << "duplicate attribute";
  }
}

TEST(Context, PageExposesEveryDocumentedAttribute) {
  auto names = page_attribute_names();
  for (const char* want : {"title", "url", "permalink", "date", "lastmod", "content", "summary", "toc", "params",
                           "section", "prev", "next", "word_count", "reading_time", "kind", "draft", "weight",
                           "description", "aliases", "ancestors", "pages", "terms"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
}

}  // namespace
}  // namespace bengal::render
