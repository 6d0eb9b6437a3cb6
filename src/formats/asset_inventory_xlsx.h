// The asset inventory as .xlsx (情報資産台帳): one sheet, one header row,
// one asset per row. Export columns = import columns, so a file exported,
// edited in Excel and imported again changes exactly what was edited.
//
// Headers are matched by their Japanese name (as exported) or English name
// (id, name, type, …), width and case folded. Only 資産名 / name is
// required; a column left out keeps what the assets have (or the default
// for a new asset). Cells take what a person would type: 種別 and データ区分
// by label (情報, クラウドサービスカスタマデータ) or key (information,
// customer_data); levels by number (3) or label (機密性3); 個人情報 as
// あり/なし, yes/no, ○/×; services and suppliers one per line (or split by
// 、 , ;). Domain checks (app/) run after this on each row.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/asset.h"
#include "domain/classification.h"
#include "domain/error.h"

namespace mamori::formats {

inline constexpr const char* kAssetSheetName = "情報資産台帳";
// A large provider's whole inventory (issue 7's lab: 10,000 assets) in one file.
inline constexpr int kMaxAssetRows = 10000;

// The columns in file order: field (as domain/app errors name it),
// Japanese header, English header.
struct AssetColumn {
  const char* field;
  const char* ja;
  const char* en;
};
const std::vector<AssetColumn>& asset_columns();

// What the exporter writes for one asset: the asset, and its services by name.
struct AssetExportRow {
  domain::Asset asset;
  std::vector<std::string> service_names;
};
Result<std::string> asset_inventory_xlsx(const std::vector<AssetExportRow>& rows,
                                         const domain::ClassificationScheme& scheme);

// One row as read and checked. Its texts are views into the workbook's text,
// which the ParsedAssetSheet keeps alive: reading 10,000 rows copies no
// text, and asset() makes the domain value when a row is stored.
struct ParsedAssetRow {
  int row = 0;  // as Excel shows it
  // Cells trimmed of spaces, except the description (kept as written).
  // Fields of columns not in the file are empty or keep Asset's defaults.
  std::string_view id, name, description, owner, storage_location;
  std::string storage_country;  // normalised ("JP"), or empty
  domain::AssetType type = domain::AssetType::information;
  int confidentiality = 1, integrity = 1, availability = 1;  // the scheme's lowest when absent
  bool personal_info = false;
  domain::DataCategory category = domain::DataCategory::own;
  std::string_view services, suppliers;  // list cells as written (split_list_cell)
  bool has_problems = false;             // some cell of the row is in `problems`

  // The asset the row describes, its suppliers split; service_ids empty
  // (the app resolves service_names() within the organisation).
  domain::Asset asset() const;
  std::vector<std::string> service_names() const;
};

struct XlsxWorkbook;

struct ParsedAssetSheet {
  std::shared_ptr<const XlsxWorkbook> workbook;  // what the rows' views point into
  std::string file;
  std::string sheet;
  std::map<std::string, int> columns;  // field -> 1-based column, for the columns present
  std::vector<ParsedAssetRow> rows;    // non-empty rows only (also those with problems)
  std::vector<Error> problems;         // every bad header and cell

  bool has(const std::string& field) const { return columns.count(field) > 0; }
  // The place of a field in a row; the column is 0 when the field has none.
  Location at(int row, const std::string& field) const;
};

// Reads the workbook (the sheet named 情報資産台帳, or else the first sheet
// whose first row has a 資産名 / name header). An unreadable workbook or one
// without such a sheet is an error; bad cells are `problems`.
Result<ParsedAssetSheet> read_asset_inventory(std::string_view bytes, const std::string& file_name,
                                              const domain::ClassificationScheme& scheme);

// Splits a list cell: line breaks, 、, ，, comma and semicolon; trims;
// drops empties.
std::vector<std::string> split_list_cell(std::string_view text);

}  // namespace mamori::formats
