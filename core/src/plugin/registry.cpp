// SPDX-License-Identifier: MIT
#include <cspcast/build_tag.hpp>
#include <cspcast/error.hpp>
#include <cspcast/plugin/abi.hpp>
#include <cspcast/plugin/registry.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace cspcast::plugin {

namespace fs = std::filesystem;

struct LoadedPlugin::Impl {
  fs::path path;
  std::string name;
  std::string version;
  int order = 0;
  std::shared_ptr<boost::dll::shared_library> lib;
  const cspcast_plugin_descriptor* desc = nullptr;
  std::shared_ptr<const GuardedModel> model;  // made once, at load
};

LoadedPlugin::LoadedPlugin(std::shared_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
const std::string& LoadedPlugin::name() const { return impl_->name; }
const std::string& LoadedPlugin::version() const { return impl_->version; }
int LoadedPlugin::order() const { return impl_->order; }
const fs::path& LoadedPlugin::path() const { return impl_->path; }
std::shared_ptr<const GuardedModel> LoadedPlugin::model() const {
  return impl_->model;
}

std::shared_ptr<PriorityModel> LoadedPlugin::create() const {
  PriorityModel* raw = impl_->desc->create();
  if (raw == nullptr) {
    throw PluginError(impl_->name + " (" + impl_->path.string() +
                      "): create() returned null");
  }
  // The deleter holds the library, so it stays loaded while the object lives.
  return {raw,
          [lib = impl_->lib, destroy = impl_->desc->destroy](PriorityModel* p) {
            destroy(p);
          }};
}

namespace {

template <typename F>
auto guarded(const std::string& name,
             const fs::path& path,
             const char* call,
             F&& f) {
  try {
    return f();
  } catch (const PluginError&) {
    throw;
  } catch (const std::exception& e) {
    throw PluginError(name + " (" + path.string() + "): " + call + ": " +
                      e.what());
  } catch (...) {
    throw PluginError(name + " (" + path.string() + "): " + call +
                      ": unknown exception");
  }
}

bool valid_name(const char* name) {
  if (name == nullptr || *name == '\0') return false;
  for (const char* c = name; *c != '\0'; ++c) {
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
      return false;
  }
  return true;
}

}  // namespace

GuardedModel::GuardedModel(const LoadedPlugin& plugin)
    : name_(plugin.name()),
      version_(plugin.version()),
      path_(plugin.path()),
      location_(plugin.path().string()) {
  model_ = plugin.create();
  info_ = guarded(name_, path_, "describe", [&] { return model_->describe(); });
}

ModelSpec GuardedModel::choose_model(const IndicatorSpec& indicator,
                                     const MonthlySeries& history) const {
  return guarded(name_, path_, "choose_model", [&] {
    return model_->choose_model(indicator, history);
  });
}

std::shared_ptr<const ProjectionModel> GuardedModel::fit_projection(
    const ProjectionInput& input) const {
  const std::lock_guard<std::mutex> lock(fit_mutex_);
  return guarded(
      name_,
      path_,
      "fit_projection",
      [&]() -> std::shared_ptr<const ProjectionModel> {
        std::unique_ptr<ProjectionModel> fitted = model_->fit_projection(input);
        if (!fitted) return nullptr;
        // The deleter holds the plugin object (and so its library).
        return {fitted.release(),
                [keep = model_](const ProjectionModel* m) { delete m; }};
      });
}

std::vector<fs::path> plugin_search_path(const DiscoveryOptions& options) {
  std::vector<fs::path> dirs = options.plugin_dirs;
  if (options.use_environment) {
    if (const char* env = std::getenv("CSPCAST_PLUGIN_PATH")) {
      std::string_view rest(env);
      while (!rest.empty()) {
        const auto colon = rest.find(':');
        const auto part = rest.substr(0, colon);
        if (!part.empty()) dirs.emplace_back(std::string(part));
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
      }
    }
  }
  if (options.use_default_dirs) {
    std::error_code ec;
    const fs::path exe_dir = boost::dll::program_location(ec).parent_path();
    if (!ec) {
      dirs.push_back(exe_dir / "plugins");  // the build tree
      dirs.push_back(exe_dir / ".." / "lib" / "cspcast" /
                     "plugins");  // an install
    }
  }
  return dirs;
}

void PluginRegistry::load(const DiscoveryOptions& options) {
  for (const auto& dir : plugin_search_path(options)) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    searched_.push_back(dir);
    std::vector<fs::path> files;
    const std::string suffix = boost::dll::shared_library::suffix().string();
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string file = entry.path().filename().string();
      if (!entry.is_regular_file(ec) || file.rfind("cspcast_plugin_", 0) != 0)
        continue;
      if (file.size() < suffix.size() ||
          file.compare(file.size() - suffix.size(), suffix.size(), suffix) !=
              0) {
        continue;
      }
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_file(f);
  }
  std::stable_sort(
      plugins_.begin(), plugins_.end(), [](const auto& a, const auto& b) {
        return a.order() != b.order() ? a.order() < b.order()
                                      : a.name() < b.name();
      });
}

bool PluginRegistry::load_file(const fs::path& path) {
  const std::string shown = "plugin '" + path.string() + "'";
  auto fail = [&](const std::string& reason) {
    failures_.push_back({path, shown + ": " + reason});
    return false;
  };
  std::error_code ec;
  auto lib = std::make_shared<boost::dll::shared_library>();
  lib->load(path,
            boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now,
            ec);
  if (ec || !lib->is_loaded())
    return fail("cannot be loaded (" + ec.message() + ")");
  if (!lib->has(CSPCAST_PLUGIN_ENTRY)) {
    return fail("not a cspcast plugin (no " CSPCAST_PLUGIN_ENTRY " symbol)");
  }
  using Entry = const cspcast_plugin_descriptor*();
  const cspcast_plugin_descriptor* desc =
      lib->get<Entry>(CSPCAST_PLUGIN_ENTRY)();
  if (desc == nullptr) return fail("entry point returned no descriptor");
  // abi_version is the first field in every version of the layout.
  if (desc->abi_version != CSPCAST_PLUGIN_ABI_VERSION) {
    return fail("ABI version " + std::to_string(desc->abi_version) +
                ", this build supports " +
                std::to_string(CSPCAST_PLUGIN_ABI_VERSION));
  }
  if (desc->descriptor_size != sizeof(cspcast_plugin_descriptor)) {
    return fail("descriptor size " + std::to_string(desc->descriptor_size) +
                ", expected " +
                std::to_string(sizeof(cspcast_plugin_descriptor)));
  }
  if (desc->build_tag == nullptr ||
      std::strcmp(desc->build_tag, CSPCAST_BUILD_TAG) != 0) {
    return fail(std::string("built as '") +
                (desc->build_tag ? desc->build_tag : "(none)") +
                "', this build is '" CSPCAST_BUILD_TAG "'");
  }
  if (!valid_name(desc->name)) return fail("name must match [a-z0-9_]+");
  if (desc->version == nullptr || desc->create == nullptr ||
      desc->destroy == nullptr) {
    return fail("descriptor has a null version, create or destroy");
  }
  for (const auto& p : plugins_) {
    if (p.name() == desc->name) {
      return fail("duplicate plugin name '" + p.name() + "' (also in '" +
                  p.path().string() + "')");
    }
  }
  auto impl = std::make_shared<LoadedPlugin::Impl>();
  impl->path = path;
  impl->name = desc->name;
  impl->version = desc->version;
  impl->order = desc->order;
  impl->lib = lib;
  impl->desc = desc;
  LoadedPlugin plugin(impl);
  // Probe once: a plugin whose create or describe fails is reported here,
  // not in the middle of a run.
  try {
    impl->model = std::make_shared<const GuardedModel>(plugin);
  } catch (const Error& e) {
    return fail(e.what());
  }
  plugins_.push_back(plugin);
  return true;
}

std::vector<std::shared_ptr<const PrioritySource>> PluginRegistry::sources()
    const {
  std::vector<std::shared_ptr<const PrioritySource>> out;
  out.reserve(plugins_.size());
  for (const auto& p : plugins_) out.push_back(p.model());
  return out;
}

const LoadedPlugin* PluginRegistry::find(const std::string& name) const {
  for (const auto& p : plugins_) {
    if (p.name() == name) return &p;
  }
  return nullptr;
}

}  // namespace cspcast::plugin
