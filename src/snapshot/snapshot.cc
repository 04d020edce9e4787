#include "snapshot/snapshot.h"

#include "core/fs.h"
#include "core/text.h"

namespace bengal::snapshot {

namespace {

std::vector<RenderJob> make_schedule(const content::Site& site) {
  std::vector<RenderJob> jobs;
  jobs.reserve(site.pages.size());
  for (const content::Page& p : site.pages) {
    std::uint32_t count = 1;
    if (p.is_list() && p.paginate > 0 && p.members.size() > static_cast<std::size_t>(p.paginate)) {
      count = static_cast<std::uint32_t>((p.members.size() + static_cast<std::size_t>(p.paginate) - 1) /
                                         static_cast<std::size_t>(p.paginate));
    }
    for (std::uint32_t k = 1; k <= count; ++k) {
      RenderJob job;
      job.page = p.id;
      job.pager = k;
      job.pager_count = count;
      if (k == 1) {
        job.url = p.url;
        job.output_path = p.output_path;
      } else {
        // List URLs end in '/', so /blog/ pages as /blog/page/2/.
        job.url = p.url + "page/" + std::to_string(k) + "/";
        content::output_path_for_url(job.url, job.output_path);
      }
      jobs.push_back(std::move(job));
    }
  }
  return jobs;
}

}  // namespace

SiteSnapshot::SiteSnapshot(std::shared_ptr<const config::Config> config, content::Site site,
                           std::vector<PageBody> bodies, std::vector<PageSource> sources, Data data,
                           DateTime build_date)
    : config_(std::move(config)),
      site_(std::move(site)),
      bodies_(std::move(bodies)),
      sources_(std::move(sources)),
      data_(std::move(data)),
      build_date_(build_date),
      schedule_(make_schedule(site_)) {
  bodies_.resize(site_.pages.size());
  permalinks_.reserve(site_.pages.size());
  for (const content::Page& p : site_.pages) permalinks_.push_back(permalink(p.url));
}

const PageSource* SiteSnapshot::source(PageId id) const {
  std::int32_t s = site_.pages[id].source;
  return s < 0 ? nullptr : &sources_[static_cast<std::size_t>(s)];
}

std::string SiteSnapshot::permalink(std::string_view url) const {
  std::string out = config_->base_url;
  if (!url.empty() && url.front() == '/') url.remove_prefix(1);
  out += url;
  return out;
}

Data make_site_data(const std::vector<content::DataFile>& files) {
  Data root = Data::object();
  for (const content::DataFile& f : files) {
    Data* node = &root;
    std::vector<std::string_view> parts = split(f.key_path, '/');
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      Data* child = node->find(parts[i]);
      if (child == nullptr || !child->is_object()) child = &node->set(std::string(parts[i]), Data::object());
      node = child;
    }
    node->set(std::string(parts.back()), f.value);
  }
  return root;
}

}  // namespace bengal::snapshot
