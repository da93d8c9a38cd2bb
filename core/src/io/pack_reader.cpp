// SPDX-License-Identifier: MIT
// Reads a partnership pack: TOML for structure, CSV for data. Every error
// names the file, the line and the field; every file is read once, and its
// manifest checksum comes from the bytes parsed.
#include "pack_parts.hpp"

#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/io/pack_reader.hpp>

#include <set>

namespace cspcast::io {
namespace {

namespace fs = std::filesystem;

void read_models(const TomlFile& f, Pack& pack) {
  const auto* models = f.root()["models"].as_table();
  if (models == nullptr) return;
  for (const auto& [key, node] : *models) {
    const std::string id(key.str());
    const auto* text = node.as_string();
    const std::string at = f.where(node) + ": models." + id;
    if (text == nullptr) {
      throw ConfigError(at + ": expected a model name such as \"ets\"");
    }
    const auto kind = parse_model_kind(text->get());
    if (!kind) {
      throw ConfigError(at + ": unknown model '" + text->get() +
                        "' (expected " + model_kind_choices() + ")");
    }
    if (pack.history.find(id) == pack.history.end()) {
      throw ConfigError(at + ": no history for '" + id + "'");
    }
    pack.model_overrides[id] = *kind;
  }
}

RecordingChange read_recording_change(const TomlFile& f, const toml::table& t) {
  RecordingChange rc;
  rc.where = f.where(t);
  rc.indicator = f.required_string(t, "indicator");
  const std::string from = f.required_string(t, "from");
  auto ym = YearMonth::parse(from);
  if (!ym) {
    throw ConfigError(f.where(t, "from") + ": from: bad month (got '" + from +
                      "'; expected YYYY-MM)");
  }
  rc.from = *ym;
  const toml::node* factor = t.get("factor");
  if (factor == nullptr) throw ConfigError(rc.where + ": factor: missing");
  if (const auto* table = factor->as_table()) {
    rc.factor = read_distribution(f, *table, "factor");
  } else {
    rc.factor = Distribution{
        DistributionKind::kFixed, f.required_number(t, "factor"), 0, 0};
  }
  // The factor must stay positive over its whole range.
  const double low = rc.factor_at(1e-6);
  // ... and plausible: a change of recording practice that multiplies
  // counts by more than 100 (or divides them by more) is a typing mistake.
  const double high = rc.factor_at(1.0 - 1e-6);
  if (!(low >= 0.01 && high <= 100.0)) {
    throw ConfigError(f.where(t, "factor") +
                      ": factor: must stay between 0.01 and 100 over its "
                      "range (got " +
                      rc.factor.describe() + ", which reaches " +
                      format_number(low >= 0.01 ? high : low) + ")");
  }
  rc.carry_forward = f.optional_bool(t, "carry_forward").value_or(true);
  rc.note = f.optional_string(t, "note").value_or("");
  return rc;
}

void read_recording_changes(const TomlFile& f, Pack& pack) {
  const auto* changes = f.root()["recording_change"].as_array();
  if (changes == nullptr) return;
  for (const auto& node : *changes) {
    const auto* t = node.as_table();
    if (t == nullptr) continue;
    RecordingChange rc = read_recording_change(f, *t);
    for (const auto& other : pack.recording_changes) {
      if (other.indicator == rc.indicator) {
        throw ConfigError(f.where(*t, "indicator") +
                          ": indicator: a second recording change for '" +
                          rc.indicator + "' (first at " + other.where +
                          "); give one change per indicator");
      }
    }
    const auto h = pack.history.find(rc.indicator);
    if (h == pack.history.end()) {
      throw ConfigError(f.where(*t, "indicator") +
                        ": indicator: no history for '" + rc.indicator + "'");
    }
    // The change must fall inside the history: months on both sides of it.
    if (!(h->second.start < rc.from && rc.from <= h->second.end())) {
      throw ConfigError(f.where(*t, "from") +
                        ": from: outside the history of '" + rc.indicator +
                        "' (got " + rc.from.str() + "; expected a month from " +
                        (h->second.start + 1).str() + " to " +
                        h->second.end().str() + ")");
    }
    pack.recording_changes.push_back(std::move(rc));
  }
}

std::map<std::string, std::string> comparator_sources(const TomlFile& f) {
  std::map<std::string, std::string> out;
  if (const auto* cs = f.root()["comparator"].as_table()) {
    for (const auto& [key, node] : *cs) {
      if (const auto* t = node.as_table()) {
        out[std::string(key.str())] =
            f.optional_string(*t, "source").value_or("");
      }
    }
  }
  return out;
}

// The scenario files listed in pack.toml, resolved (parents first) and
// kept in the order of the list.
void read_scenarios(const TomlFile& f, const toml::table& meta, Pack& pack) {
  const auto* scen = meta["scenarios"].as_array();
  if (scen == nullptr || scen->empty()) {
    throw ConfigError(
        f.where(meta) +
        ": scenarios: missing (expected a list of scenario files)");
  }
  std::vector<ScenarioSource> sources;
  for (const auto& node : *scen) {
    const auto* s = node.as_string();
    if (s == nullptr)
      throw ConfigError(f.where(node) + ": scenarios: expected file names");
    const fs::path file = pack.dir / s->get();
    if (!fs::exists(file)) {
      throw ConfigError(f.where(node) + ": scenarios: missing file '" +
                        file.string() + "'");
    }
    sources.push_back({file, file.string()});
  }
  std::vector<PackFile> sums;
  pack.scenarios = read_scenario_files(sources, {}, &sums);
  for (std::size_t i = 0; i < sums.size(); ++i) {
    pack.files.push_back({scen->at(i).as_string()->get(), sums[i].fnv1a64});
  }
  std::set<std::string> names;
  for (const auto& s : pack.scenarios) {
    if (!names.insert(s.name).second) {
      throw ConfigError(s.file + ": name: duplicate scenario '" + s.name + "'");
    }
  }
}

// A file named by `key` in [pack]: its path relative to the pack.
std::string file_of(const TomlFile& f,
                    const toml::table& meta,
                    const fs::path& dir,
                    const std::string& key) {
  std::string rel = f.required_string(meta, key);
  if (!fs::exists(dir / rel)) {
    throw ConfigError(f.where(meta, key) + ": " + key + ": missing file '" +
                      (dir / rel).string() + "'");
  }
  return rel;
}

void read_meta(const TomlFile& f,
               const toml::table& meta,
               Pack& pack,
               std::optional<Period>& default_period) {
  pack.name = f.required_string(meta, "name");
  pack.title = f.optional_string(meta, "title").value_or(pack.name);
  const std::string horizon = f.required_string(meta, "horizon");
  auto h = YearMonth::parse(horizon);
  if (!h) {
    throw ConfigError(f.where(meta, "horizon") + ": horizon: bad month (got '" +
                      horizon + "'; expected YYYY-MM)");
  }
  pack.horizon = *h;
  if (meta.contains("target_period")) {
    default_period = read_period(f, meta, "target_period", {});
  }
}

}  // namespace

Pack read_pack(const fs::path& dir) {
  Pack pack;
  pack.dir = dir;
  const fs::path pack_file = dir / "pack.toml";
  if (!fs::exists(pack_file)) {
    throw ConfigError(pack_file.string() +
                      ": missing file (a pack folder needs pack.toml)");
  }
  const TomlFile f(pack_file, pack_file.string(), "pack.toml");
  pack.files.push_back({"pack.toml", f.checksum()});
  const auto* meta = f.root()["pack"].as_table();
  if (meta == nullptr)
    throw ConfigError(f.display() + ": [pack]: missing table");
  std::optional<Period> default_period;
  read_meta(f, *meta, pack, default_period);

  const std::string history = file_of(f, *meta, dir, "history");
  pack.files.push_back(
      {history, read_history(pack, dir / history, (dir / history).string())});
  const std::string population = file_of(f, *meta, dir, "population");
  pack.files.push_back(
      {population,
       read_population(pack, dir / population, (dir / population).string())});
  if (meta->contains("comparators")) {
    const std::string comparators = file_of(f, *meta, dir, "comparators");
    pack.files.push_back({comparators,
                          read_comparators(pack,
                                           dir / comparators,
                                           (dir / comparators).string(),
                                           comparator_sources(f))});
  }
  if (meta->contains("companions")) {
    const std::string companions = file_of(f, *meta, dir, "companions");
    pack.files.push_back(
        {companions,
         read_companions(pack, dir / companions, (dir / companions).string())});
  }
  read_models(f, pack);
  read_recording_changes(f, pack);
  const std::string targets = file_of(f, *meta, dir, "targets");
  pack.files.push_back(
      {targets,
       read_targets(
           pack, dir / targets, (dir / targets).string(), default_period)});
  read_scenarios(f, *meta, pack);
  std::uint64_t h = kFnvOffset;
  for (const auto& file : pack.files) {
    h = fnv1a64(file.path + ":" + file.fnv1a64 + ";", h);
  }
  pack.fingerprint = hex64(h);
  return pack;
}

}  // namespace cspcast::io
