// The classification scheme and the asset inventory of an organisation:
// read and change the scheme level by level (a level in use cannot be
// removed), create, change and delete assets, change many at once (bulk
// edit), and move the inventory in and out as .xlsx (app/asset_transfer.cpp).
// Reads need read_records, changes write_records; one audit entry per
// changed asset or scheme level.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/asset.h"
#include "domain/classification.h"
#include "domain/error.h"
#include "store/isms_repository.h"

namespace mamori::app {

Result<domain::ClassificationScheme> get_classification(Services& services, const Caller& caller,
                                                        const std::string& tenant_id);
// Adds the level or relabels it (by its number).
Result<domain::ClassificationScheme> put_classification_level(Services& services, const Caller& caller,
                                                              const std::string& tenant_id, domain::SecurityAxis axis,
                                                              const domain::ClassificationLevel& level);
// conflict (level_in_use) naming the assets on it; invalid_input for the
// last level of an axis; not_found for a level that is not there.
Result<domain::ClassificationScheme> remove_classification_level(Services& services, const Caller& caller,
                                                                 const std::string& tenant_id,
                                                                 domain::SecurityAxis axis, int level);

Result<std::vector<store::StoredAsset>> list_assets(Services& services, const Caller& caller,
                                                    const std::string& tenant_id, const store::AssetFilter& filter = {});
Result<store::StoredAsset> get_asset(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& id);
// `asset.id` is ignored. conflict when the name is taken.
Result<store::StoredAsset> create_asset(Services& services, const Caller& caller, const std::string& tenant_id,
                                        domain::Asset asset);

// The fields given change; the rest stay.
struct AssetChange {
  std::optional<std::string> name;
  std::optional<domain::AssetType> type;
  std::optional<std::string> description;
  std::optional<std::string> owner;
  std::optional<int> confidentiality;
  std::optional<int> integrity;
  std::optional<int> availability;
  std::optional<bool> personal_info;
  std::optional<domain::DataCategory> category;
  std::optional<std::string> storage_location;
  std::optional<std::string> storage_country;
  std::optional<std::vector<std::string>> service_ids;
  std::optional<std::vector<std::string>> suppliers;
};
domain::Asset apply_change(const domain::Asset& asset, const AssetChange& change);
Result<store::StoredAsset> change_asset(Services& services, const Caller& caller, const std::string& tenant_id,
                                        const std::string& id, const AssetChange& change);
Status delete_asset(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& id);

inline constexpr std::size_t kMaxBulkAssets = 500;
// Applies the patch to every listed asset in one transaction, one audit
// entry per asset that changes. Nothing changes if any id is unknown or any
// patched asset fails its check (the error names the asset).
Result<std::vector<store::StoredAsset>> bulk_edit_assets(Services& services, const Caller& caller,
                                                         const std::string& tenant_id,
                                                         const std::vector<std::string>& ids,
                                                         const domain::AssetPatch& patch);

// ---- .xlsx (app/asset_transfer.cpp) ----

struct AssetExport {
  std::string file_name;
  std::string bytes;
};
Result<AssetExport> export_assets_xlsx(Services& services, const Caller& caller, const std::string& tenant_id);

struct AssetImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<Error> problems;  // every bad cell; empty when the import was stored
};
// Reads the file; when every row is good, creates or updates every asset in
// one transaction (a row with an id updates that asset; else a row whose
// name matches an asset updates it; else a new asset). When any cell is
// bad, nothing is stored and `problems` lists each one with its sheet, row,
// column and field (the result is still a value, so the caller can show
// them all). A file that is not a readable workbook is an error.
Result<AssetImportReport> import_assets_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& bytes, const std::string& file_name);

}  // namespace mamori::app
