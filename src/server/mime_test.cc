#include "server/mime.h"

#include <gtest/gtest.h>

namespace bengal::server {
namespace {

TEST(Mime, CommonWebTypes) {
  EXPECT_EQ(mime_for_path("a/index.html").type, "text/html; charset=utf-8");
  EXPECT_EQ(mime_for_path("css/site.css").type, "text/css; charset=utf-8");
  EXPECT_EQ(mime_for_path("app.js").type, "text/javascript; charset=utf-8");
  EXPECT_EQ(mime_for_path("index.json").type, "application/json; charset=utf-8");
  EXPECT_EQ(mime_for_path("sitemap.xml").type, "application/xml; charset=utf-8");
  EXPECT_EQ(mime_for_path("logo.svg").type, "image/svg+xml");
  EXPECT_EQ(mime_for_path("f.woff2").type, "font/woff2");
  EXPECT_EQ(mime_for_path("m.wasm").type, "application/wasm");
  EXPECT_EQ(mime_for_path("llms.txt").type, "text/plain; charset=utf-8");
}

TEST(Mime, ExtensionsAreCaseInsensitive) {
  EXPECT_EQ(mime_for_path("PHOTO.JPG").type, "image/jpeg");
  EXPECT_EQ(mime_for_path("Index.HTML").kind, AssetKind::kPage);
}

TEST(Mime, UnknownAndMissingExtensionsAreOctetStream) {
  EXPECT_EQ(mime_for_path("archive.xyz").type, "application/octet-stream");
  EXPECT_EQ(mime_for_path("CNAME").type, "application/octet-stream");
  EXPECT_EQ(mime_for_path(".htaccess").type, "application/octet-stream");
}

TEST(Mime, KindsDriveLiveReload) {
  EXPECT_EQ(mime_for_path("a.html").kind, AssetKind::kPage);
  EXPECT_EQ(mime_for_path("a.css").kind, AssetKind::kStylesheet);
  EXPECT_EQ(mime_for_path("feed.xml").kind, AssetKind::kDocument);
  EXPECT_EQ(mime_for_path("a.png").kind, AssetKind::kSubresource);
  EXPECT_EQ(mime_for_path("a.js").kind, AssetKind::kSubresource);
}

}  // namespace
}  // namespace bengal::server
