// The functions and filters the site layer adds to the template engine:
//
//   url_for(target)          URL of a page, section, content path ("docs/a.md") or site path
//   get_page(path)           the page for a content path, or none
//   get_section(path)        the section for a content folder ("docs/guides"), or none
//   where(seq, attr, value)  items whose attribute (dotted path) equals value (truthy if omitted)
//   sort_by(seq, attr, reverse=false)   stable sort; dates compare as instants
//   group_by(seq, attr)      [(key, items), ...] in order of first appearance
//   related(page, limit=5)   pages sharing the most taxonomy terms with `page`
//   asset_url(path)          URL of a fingerprinted theme asset ("css/main.css")
//   absolute_url / relative_url   also usable as filters
//   markdownify (filter)     Markdown to HTML with the site's settings (code
//                            highlighted; no includes or [[links]])
//
// All read the snapshot through RenderHost (the engine's host pointer), so
// they record what they read like any attribute access.
#pragma once

#include "template/registry.h"

namespace bengal::render {

void register_site_functions(tmpl::Registry& registry);

}  // namespace bengal::render
