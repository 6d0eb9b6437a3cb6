#include "store/catalog_repository.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "domain/text.h"
#include "formats/catalog_json.h"
#include "store/ids.h"
#include "store/tx.h"

namespace mamori::store {

using nlohmann::json;

namespace {

// What search looks at: the ref, both titles, the label, the text, the
// objective and the footnotes, folded the same way as queries.
std::string search_text_of(const domain::Node& n) {
  std::string all = n.ref + "\n" + n.label + "\n" + n.title + "\n" + n.title_en + "\n" + n.text + "\n" + n.objective;
  for (const auto& f : n.footnotes) all += "\n" + f;
  return domain::fold_for_search(all);
}

std::string join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const auto& f : flags) out += (out.empty() ? "" : " ") + f;
  return out;
}

Result<StoredCatalog> catalog_from_row(const soci::row& r) {
  StoredCatalog c;
  c.id = r.get<std::string>(0);
  auto info = formats::info_from_json(json::parse(r.get<std::string>(4), nullptr, false));
  if (!info) return info.error();
  c.info = std::move(info.value());
  c.info.id = r.get<std::string>(1);
  c.info.version = r.get<std::string>(2);
  c.revision = r.get<int>(3);
  c.content_sha256 = r.get<std::string>(5);
  c.node_count = r.get<int>(6);
  c.origin = r.get<std::string>(7);
  c.loaded_at = r.get<std::string>(8);
  return c;
}

constexpr const char* kCatalogColumns =
    "id, catalog_key, version, revision, header, content_sha256, node_count, origin, loaded_at";

Result<std::vector<StoredNode>> nodes_from_rowset(soci::rowset<soci::row>& rows) {
  std::vector<StoredNode> out;
  for (const auto& r : rows) {
    const json body = json::parse(r.get<std::string>(0), nullptr, false);
    if (body.is_discarded()) return make_error(ErrorCode::database, "a stored catalog node is not valid JSON");
    auto node = formats::node_from_json(body);
    if (!node) return node.error();
    out.push_back({std::move(node.value()), r.get<int>(1)});
  }
  return out;
}

// SQLite FTS5 query syntax: one phrase, quotes doubled, so user input is
// always a literal substring and never an FTS expression.
std::string fts_phrase(const std::string& folded) {
  std::string out = "\"";
  for (char c : folded) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string catalog_content_hash(const domain::Catalog& catalog) {
  json doc;
  doc["info"] = formats::info_to_json(catalog.info);
  json nodes = json::array();
  const domain::CatalogIndex index(catalog);
  for (std::size_t i = 0; i < catalog.nodes.size(); ++i)
    nodes.push_back(formats::node_to_json(catalog.nodes[i], index.level(i)));
  doc["nodes"] = std::move(nodes);
  return sha256_hex(doc.dump());
}

Result<LoadOutcome> store_catalog(Tx& tx, const domain::Catalog& catalog, const std::string& origin,
                                  StoredCatalog* stored) {
  auto& sql = tx.sql();
  const std::string hash = catalog_content_hash(catalog);
  const auto& info = catalog.info;

  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kCatalogColumns
                                                 << " FROM catalogs WHERE catalog_key = :k AND content_sha256 = :h",
                                    soci::use(info.id), soci::use(hash));
    for (const auto& r : rows) {
      if (stored) {
        auto c = catalog_from_row(r);
        if (!c) return c.error();
        *stored = std::move(c.value());
      }
      return LoadOutcome::unchanged;
    }
  }

  int revision = 0;
  soci::indicator ind;
  sql << "SELECT MAX(revision) FROM catalogs WHERE catalog_key = :k AND version = :v", soci::into(revision, ind),
      soci::use(info.id), soci::use(info.version);
  revision = ind == soci::i_null ? 1 : revision + 1;

  StoredCatalog row;
  row.id = new_uuid_v7();
  row.info = info;
  row.revision = revision;
  row.content_sha256 = hash;
  row.node_count = static_cast<int>(catalog.nodes.size());
  row.origin = origin;
  row.loaded_at = utc_now();
  const std::string header = formats::info_to_json(info).dump();
  sql << "INSERT INTO catalogs (" << kCatalogColumns << ", title, title_en) VALUES "
      << "(:id, :key, :version, :revision, :header, :hash, :count, :origin, :at, :title, :title_en)",
      soci::use(row.id), soci::use(info.id), soci::use(info.version), soci::use(row.revision), soci::use(header),
      soci::use(hash), soci::use(row.node_count), soci::use(origin), soci::use(row.loaded_at), soci::use(info.title),
      soci::use(info.title_en);

  // One prepared statement for all nodes: bound variables are refilled per row.
  std::string node_id, ref, parent, kind, title, flags, body, search;
  int position = 0, level = 0;
  soci::indicator parent_ind = soci::i_ok;
  soci::statement insert_node =
      (sql.prepare << "INSERT INTO catalog_nodes (id, catalog_id, position, ref, parent_ref, kind, level, title, flags, "
                      "body, search_text) VALUES (:id, :c, :p, :ref, :parent, :kind, :level, :title, :flags, :body, :s)",
       soci::use(node_id), soci::use(row.id), soci::use(position), soci::use(ref), soci::use(parent, parent_ind),
       soci::use(kind), soci::use(level), soci::use(title), soci::use(flags), soci::use(body), soci::use(search));
  std::optional<soci::statement> insert_fts;
  if (tx.engine() == Engine::sqlite)
    insert_fts.emplace((sql.prepare << "INSERT INTO catalog_nodes_fts (search_text, node_id, catalog_id) "
                                       "VALUES (:s, :id, :c)",
                        soci::use(search), soci::use(node_id), soci::use(row.id)));

  const domain::CatalogIndex index(catalog);
  for (std::size_t i = 0; i < catalog.nodes.size(); ++i) {
    const auto& n = catalog.nodes[i];
    node_id = new_uuid_v7();
    position = static_cast<int>(i);
    ref = n.ref;
    parent = n.parent;
    parent_ind = n.parent.empty() ? soci::i_null : soci::i_ok;
    kind = n.kind;
    level = index.level(i);
    title = n.title;
    flags = join_flags(n.flags);
    body = formats::node_to_json(n, level).dump();
    search = search_text_of(n);
    insert_node.execute(true);
    if (insert_fts) insert_fts->execute(true);
  }
  if (stored) *stored = std::move(row);
  return LoadOutcome::loaded;
}

Result<std::string> catalogs_fingerprint(Tx& tx) {
  std::string out;
  {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, CAST(revision AS TEXT), content_sha256 FROM catalogs ORDER BY id");
    for (const auto& r : rows) out += r.get<std::string>(0) + ":" + r.get<std::string>(1) + ":" + r.get<std::string>(2) + "|";
  }
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT id, content_sha256 FROM catalog_mappings ORDER BY id");
  for (const auto& r : rows) out += r.get<std::string>(0) + ":" + r.get<std::string>(1) + "|";
  return out;
}

Result<LoadOutcome> store_mapping(Tx& tx, const domain::Mapping& mapping, const std::vector<domain::MappingEntry>& entries,
                                  const std::string& from_row, const std::string& to_row) {
  auto& sql = tx.sql();
  json content = json::array();
  for (const auto& e : entries) content.push_back({e.from, e.to, domain::to_string(e.rel), e.note});
  const std::string hash =
      sha256_hex(json{{"title", mapping.title}, {"source", mapping.source}, {"method", mapping.method}, {"e", content}}
                     .dump());

  std::string existing_id, existing_hash;
  soci::indicator id_ind = soci::i_null, hash_ind = soci::i_null;
  sql << "SELECT id, content_sha256 FROM catalog_mappings WHERE mapping_key = :k AND from_catalog_id = :f "
         "AND to_catalog_id = :t",
      soci::into(existing_id, id_ind), soci::into(existing_hash, hash_ind), soci::use(mapping.id), soci::use(from_row),
      soci::use(to_row);
  const bool exists = sql.got_data() && id_ind == soci::i_ok;
  if (exists && existing_hash == hash) return LoadOutcome::unchanged;

  std::string id = exists ? existing_id : new_uuid_v7();
  const std::string now = utc_now();
  if (exists) {
    sql << "DELETE FROM catalog_mapping_entries WHERE mapping_id = :id", soci::use(id);
    sql << "UPDATE catalog_mappings SET title = :t, source = :s, method = :m, content_sha256 = :h, loaded_at = :a "
           "WHERE id = :id",
        soci::use(mapping.title), soci::use(mapping.source), soci::use(mapping.method), soci::use(hash), soci::use(now),
        soci::use(id);
  } else {
    sql << "INSERT INTO catalog_mappings (id, mapping_key, from_catalog_id, to_catalog_id, title, source, method, "
           "content_sha256, loaded_at) VALUES (:id, :k, :f, :t, :title, :s, :m, :h, :a)",
        soci::use(id), soci::use(mapping.id), soci::use(from_row), soci::use(to_row), soci::use(mapping.title),
        soci::use(mapping.source), soci::use(mapping.method), soci::use(hash), soci::use(now);
  }
  int position = 0;
  std::string from, to, rel, note;
  soci::statement insert =
      (sql.prepare << "INSERT INTO catalog_mapping_entries (mapping_id, position, from_ref, to_ref, rel, note) "
                      "VALUES (:id, :p, :f, :t, :r, :n)",
       soci::use(id), soci::use(position), soci::use(from), soci::use(to), soci::use(rel), soci::use(note));
  for (const auto& e : entries) {
    from = e.from;
    to = e.to;
    rel = domain::to_string(e.rel);
    note = e.note;
    insert.execute(true);
    ++position;
  }
  return LoadOutcome::loaded;
}

Result<std::vector<StoredCatalog>> list_catalogs(Tx& tx, bool latest_only) {
  std::vector<StoredCatalog> all;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kCatalogColumns << " FROM catalogs ORDER BY catalog_key, loaded_at");
  for (const auto& r : rows) {
    auto c = catalog_from_row(r);
    if (!c) return c.error();
    all.push_back(std::move(c.value()));
  }
  // Newest first within an id: by version (natural order), then revision.
  std::stable_sort(all.begin(), all.end(), [](const StoredCatalog& a, const StoredCatalog& b) {
    if (a.info.id != b.info.id) return a.info.id < b.info.id;
    if (int c = domain::compare_versions(a.info.version, b.info.version); c != 0) return c > 0;
    return a.revision > b.revision;
  });
  if (!latest_only) return all;
  std::vector<StoredCatalog> latest;
  for (auto& c : all)
    if (latest.empty() || latest.back().info.id != c.info.id) latest.push_back(std::move(c));
  return latest;
}

Result<std::optional<StoredCatalog>> find_catalog(Tx& tx, const std::string& key, const std::string& version) {
  auto all = list_catalogs(tx, false);
  if (!all) return all.error();
  for (auto& c : all.value()) {
    if (c.info.id != key) continue;
    if (version.empty() || c.info.version == version) return std::optional<StoredCatalog>(std::move(c));
  }
  return std::optional<StoredCatalog>();
}

Result<std::vector<StoredNode>> list_nodes(Tx& tx, const std::string& catalog_row) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT body, level FROM catalog_nodes WHERE catalog_id = :c ORDER BY position",
       soci::use(catalog_row));
  return nodes_from_rowset(rows);
}

Result<std::optional<StoredNode>> find_node(Tx& tx, const std::string& catalog_row, const std::string& ref) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT body, level FROM catalog_nodes WHERE catalog_id = :c AND ref = :r",
       soci::use(catalog_row), soci::use(ref));
  auto nodes = nodes_from_rowset(rows);
  if (!nodes) return nodes.error();
  if (nodes->empty()) return std::optional<StoredNode>();
  return std::optional<StoredNode>(std::move(nodes->front()));
}

Result<std::vector<StoredNode>> child_nodes(Tx& tx, const std::string& catalog_row, const std::string& ref) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT body, level FROM catalog_nodes WHERE catalog_id = :c AND parent_ref = :r "
                           "ORDER BY position",
       soci::use(catalog_row), soci::use(ref));
  return nodes_from_rowset(rows);
}

Result<std::vector<StoredNode>> search_nodes(Tx& tx, const std::string& catalog_row, const std::string& query,
                                             int limit) {
  const std::string folded = domain::fold_for_search(query);
  if (folded.empty()) return std::vector<StoredNode>{};
  // The trigram index needs three characters; shorter queries (Japanese
  // two-character words like 暗号 are common) scan with LIKE, which is
  // fast enough at catalog sizes.
  if (tx.engine() == Engine::sqlite && domain::utf8_length(folded) >= 3) {
    const std::string phrase = fts_phrase(folded);
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT n.body, n.level FROM catalog_nodes_fts f JOIN catalog_nodes n ON n.id = f.node_id "
                             "WHERE catalog_nodes_fts MATCH :q AND f.catalog_id = :c ORDER BY n.position LIMIT :l",
         soci::use(phrase), soci::use(catalog_row), soci::use(limit));
    return nodes_from_rowset(rows);
  }
  const std::string pattern = "%" + like_escape(folded) + "%";
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT body, level FROM catalog_nodes WHERE catalog_id = :c AND search_text LIKE :p "
                           "ESCAPE '\\' ORDER BY position LIMIT :l",
       soci::use(catalog_row), soci::use(pattern), soci::use(limit));
  return nodes_from_rowset(rows);
}

Result<std::vector<StoredLink>> node_links(Tx& tx, const std::string& catalog_row, const std::string& ref) {
  std::vector<StoredLink> out;
  // The same query twice, once per direction: `from` side as stored, `to`
  // side with the relationship read the other way round.
  for (const bool forward : {true, false}) {
    const char* self = forward ? "from" : "to";
    const char* other = forward ? "to" : "from";
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT m.mapping_key, c.catalog_key, e." << other << "_ref, e.rel, e.note, m.source, "
                          << "COALESCE(n.title, ''), COALESCE(n.body, '') FROM catalog_mapping_entries e "
                          << "JOIN catalog_mappings m ON m.id = e.mapping_id "
                          << "JOIN catalogs c ON c.id = m." << other << "_catalog_id "
                          << "LEFT JOIN catalog_nodes n ON n.catalog_id = m." << other << "_catalog_id AND n.ref = e."
                          << other << "_ref "
                          << "WHERE m." << self << "_catalog_id = :c AND e." << self << "_ref = :r "
                          << "ORDER BY m.mapping_key, e.position",
         soci::use(catalog_row), soci::use(ref));
    for (const auto& r : rows) {
      StoredLink l;
      l.link.mapping_id = r.get<std::string>(0);
      l.link.other_catalog = r.get<std::string>(1);
      l.link.other_ref = r.get<std::string>(2);
      auto rel = domain::parse_relationship(r.get<std::string>(3)).value_or(domain::Relationship::intersect);
      l.link.rel = forward ? rel : domain::inverse(rel);
      l.link.note = r.get<std::string>(4);
      l.link.source = r.get<std::string>(5);
      l.other_title = r.get<std::string>(6);
      const json other = json::parse(r.get<std::string>(7), nullptr, false);
      if (other.is_object()) l.other_title_en = other.value("title_en", std::string());
      out.push_back(std::move(l));
    }
  }
  return out;
}

Result<domain::Catalog> load_catalog(Tx& tx, const StoredCatalog& stored) {
  domain::Catalog catalog;
  catalog.info = stored.info;
  catalog.file = "(database: " + stored.info.id + " " + stored.info.version + ")";
  auto nodes = list_nodes(tx, stored.id);
  if (!nodes) return nodes.error();
  catalog.nodes.reserve(nodes->size());
  for (auto& n : nodes.value()) catalog.nodes.push_back(std::move(n.node));
  return catalog;
}

}  // namespace mamori::store
