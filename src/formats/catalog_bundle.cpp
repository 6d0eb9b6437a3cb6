#include "formats/catalog_bundle.h"

#include <set>

#include "domain/catalog_rules.h"
#include "domain/sheet_template.h"
#include "formats/catalog_yaml.h"

namespace mamori::formats {

const domain::Catalog* CatalogBundle::find(std::string_view id) const {
  for (const auto& c : catalogs)
    if (c.info.id == id) return &c;
  return nullptr;
}

Result<CatalogBundle> load_catalog_bundle(const std::vector<SourceFile>& files,
                                          const std::vector<const domain::Catalog*>& known) {
  CatalogBundle bundle;
  std::string errors;
  auto report = [&errors](const std::string& text) {
    if (!errors.empty()) errors += '\n';
    errors += text;
  };

  for (const auto& file : files) {
    auto doc = parse_catalog_document(file.bytes, file.name);
    if (!doc) {
      report(doc.error().message.find(file.name) == 0 ? doc.error().message : doc.error().describe());
      continue;
    }
    if (auto* catalog = std::get_if<domain::Catalog>(&doc.value())) {
      auto problems = domain::check_catalog(*catalog);
      if (!problems.empty()) report(describe_problems(file.name, problems));
      else bundle.catalogs.push_back(std::move(*catalog));
    } else {
      bundle.mappings.push_back(std::get<domain::Mapping>(std::move(doc.value())));
    }
  }

  // Catalog ids are unique within a bundle (versions are told apart by the store).
  std::set<std::string> ids;
  for (const auto& c : bundle.catalogs)
    if (!ids.insert(c.info.id).second) report(c.file + ": catalog id " + c.info.id + " is used by another file too");

  // Derived catalogs, checked by the same rules as files.
  if (const auto* ismap = bundle.find(domain::kIsmapCatalogId)) {
    auto detailed = domain::derive_detailed_sheet(*ismap);
    auto problems = domain::check_catalog(detailed);
    if (!problems.empty()) report(describe_problems(detailed.file, problems));
    else bundle.catalogs.push_back(std::move(detailed));
  }

  // The bundle's own catalogs win over known ones with the same id.
  std::vector<const domain::Catalog*> all;
  for (const auto& c : bundle.catalogs) all.push_back(&c);
  for (const auto* k : known)
    if (k && !bundle.find(k->info.id)) all.push_back(k);
  auto resolve = [&all](const std::string& id) -> const domain::Catalog* {
    for (const auto* c : all)
      if (c->info.id == id) return c;
    return nullptr;
  };
  for (const auto& c : bundle.catalogs) {
    auto problems = domain::check_references(c, all);
    if (!problems.empty()) report(describe_problems(c.file, problems));
  }
  std::set<std::string> mapping_ids;
  for (const auto& m : bundle.mappings) {
    auto problems = domain::check_mapping(m, resolve(m.from_catalog), resolve(m.to_catalog));
    if (!problems.empty()) report(describe_problems(m.file, problems));
    if (!m.id.empty() && !mapping_ids.insert(m.id).second) report(m.file + ": mapping id " + m.id + " is used twice");
  }

  if (!errors.empty()) return make_error(ErrorCode::invalid_input, errors);
  return bundle;
}

}  // namespace mamori::formats
