// The lab's ISMS core per organisation: services, assets, risks, SoAs, all
// through the product's use cases (the same checks and audit entries as a
// user's clicks).
#include <string>

#include "app/assets.h"
#include "app/isms_scope.h"
#include "app/risks.h"
#include "app/sheet_evaluation.h"
#include "app/soa.h"
#include "bench/lab/lab_parts.h"
#include "domain/calendar_date.h"
#include "domain/risk_register.h"

namespace mamori::lab {

namespace {

const char* const kProducts[] = {"文書管理", "電子申請", "会計", "人事給与", "グループウェア", "CRM",
                                 "ファイル共有", "ID 管理", "ログ分析", "バックアップ", "Web 会議", "電子契約"};
const char* const kPlatforms[] = {"AWS 東京リージョン (IaaS)", "Azure 東日本 (IaaS)", "Google Cloud 東京 (IaaS)",
                                  "さくらのクラウド (IaaS)", "IIJ GIO (IaaS)"};
const char* const kDepartments[] = {"サービス運用部長", "サービス開発部長", "情報システム部長", "カスタマーサポート部長",
                                    "ISMS事務局長", "総務部長"};
const char* const kAssetKinds[] = {"顧客データ", "操作ログ", "利用者アカウント", "暗号鍵", "ソースコード",
                                   "本番データベース", "バックアップ", "運用端末", "設計書", "監視基盤"};
const char* const kThreats[] = {"不正アクセスによる情報漏えい", "設定誤りによる他テナントへの露出", "ランサムウェアによるデータ消失",
                                "内部不正による持ち出し", "委託先経由の侵害", "障害による長時間停止",
                                "脆弱性の放置による侵入", "誤送信・誤公開", "鍵の漏えい", "ログの改ざん"};
const char* const kVulnerabilities[] = {"多要素認証が一部未設定", "パッチ適用が手作業", "バックアップの復元試験が未実施",
                                        "権限の棚卸しが年1回のみ", "委託先の監査が書面のみ", "監視アラートの閾値が未調整"};
const domain::ControlRef kControls[] = {{"iso27001-2022", "8.24"}, {"iso27001-2022", "8.13"},
                                        {"iso27001-2022", "8.5"},  {"iso27001-2022", "8.16"},
                                        {"iso27017-2015", "CLD.9.5.1"}, {"ismap-2024", "12.3.1"},
                                        {"ismap-2024", "9.2.3"},   {"iso27001-2022", "5.23"}};

}  // namespace

Result<std::vector<std::string>> add_services(app::Services& services, const app::Caller& caller,
                                              const std::string& org, int org_index, int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    domain::CloudService s;
    s.name = std::string(pick(kProducts, org_index + i)) + " クラウド " + std::to_string(i + 1);
    s.description = "ラボ組織 " + std::to_string(org_index + 1) + " が提供する" + pick(kProducts, org_index + i) +
                    "サービス。自治体・企業向けにマルチテナントで提供する。";
    s.model = domain::ServiceModel::saas;
    s.owner = pick(kDepartments, i);
    // Every fifth service is one the organisation only uses.
    const bool uses_only = i % 5 == 4;
    s.role = uses_only ? domain::ServiceRole::customer : domain::ServiceRole::both;
    s.runs_on = {{"", pick(kPlatforms, org_index + i), !uses_only}};
    s.data_countries = i % 7 == 6 ? std::vector<std::string>{"JP", "US"} : std::vector<std::string>{"JP"};
    s.data_location_note = "本番は国内リージョン、バックアップは別リージョン（国内）";
    auto created = app::create_cloud_service(services, caller, org, s);
    if (!created) return created.error();
    ids.push_back(created->id);
  }
  return ids;
}

Result<std::vector<std::string>> add_assets(app::Services& services, const app::Caller& caller, const std::string& org,
                                            int org_index, int count, const std::vector<std::string>& service_ids) {
  using domain::AssetType;
  const AssetType types[] = {AssetType::information, AssetType::information, AssetType::information,
                             AssetType::software,    AssetType::hardware,    AssetType::service,
                             AssetType::people,      AssetType::facility};
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    domain::Asset a;
    a.name = std::string(pick(kAssetKinds, i)) + " " + std::to_string(i + 1);
    a.type = pick(types, i);
    a.owner = pick(kDepartments, org_index + i);
    a.confidentiality = 1 + i % 3;
    a.integrity = 1 + i % 2;
    a.availability = 1 + (i / 2) % 2;
    a.personal_info = i % 3 == 0;
    // Customer and derived data are information (the rule of asset.h).
    a.category = a.type != AssetType::information ? domain::DataCategory::own
                 : i % 3 == 0                      ? domain::DataCategory::customer_data
                 : i % 3 == 1                      ? domain::DataCategory::derived_data
                                                   : domain::DataCategory::own;
    a.storage_location = std::string(pick(kPlatforms, org_index + i)) + " / 区画 " + std::to_string(i % 9 + 1);
    a.storage_country = "JP";
    a.description = "ラボの資産。" + std::string(pick(kAssetKinds, i)) + "を保管・処理する。";
    if (!service_ids.empty()) a.service_ids = {service_ids[static_cast<std::size_t>(i) % service_ids.size()]};
    a.suppliers = {pick(kPlatforms, org_index + i)};
    auto created = app::create_asset(services, caller, org, a);
    if (!created) return created.error();
    ids.push_back(created->id);
  }
  return ids;
}

Status add_risks(app::Services& services, const app::Caller& owner, const std::string& org, int count,
                 const std::vector<std::string>& service_ids, const std::vector<std::string>& asset_ids) {
  const std::string today = app::today_in_japan();
  for (int i = 0; i < count; ++i) {
    domain::Risk r;
    r.title = std::string(pick(kThreats, i)) + "（" + std::to_string(i + 1) + "）";
    if (!service_ids.empty()) r.service_id = service_ids[static_cast<std::size_t>(i) % service_ids.size()];
    if (!asset_ids.empty()) r.asset_ids = {asset_ids[static_cast<std::size_t>(i * 7) % asset_ids.size()]};
    r.threat = pick(kThreats, i);
    r.vulnerability = pick(kVulnerabilities, i);
    r.existing_controls = "アクセス制御、ログ取得、年次教育";
    r.likelihood = 1 + i % 3;
    r.impact = 1 + (i / 3) % 3;
    r.owner_user_id = owner.user_id;
    r.identified_on = domain::add_months(today, -(i % 12));
    auto created = app::create_risk(services, owner, org, r);
    if (!created) return created.error();
    if (i % 2 == 1) continue;  // half are still open
    domain::Treatment t;
    t.option = domain::TreatmentOption::modify;
    t.controls = {pick(kControls, i), pick(kControls, i + 3)};
    t.plan = "管理策を導入し、四半期ごとに有効性を確認する。";
    t.actions = {{"手順書を整備する", pick(kDepartments, i), domain::add_months(today, (i % 6) - 2), i % 4 == 0,
                  i % 4 == 0 ? domain::add_months(today, -1) : ""}};
    t.residual_likelihood = 1;
    t.residual_impact = r.impact;
    if (r.impact == 3) t.acceptance_statement = "影響度は下げられないが、発生可能性を最小化しており受容する。";
    if (auto saved = app::save_treatment(services, owner, org, created->id, t); !saved) return saved.error();
    if (i % 4 == 0)
      if (auto approved = app::approve_treatment(services, owner, org, created->id, "計画と残留リスクを承認する。");
          !approved)
        return approved.error();
  }
  return ok();
}

Result<std::vector<std::string>> add_soas(app::Services& services, const app::Caller& caller, const std::string& org,
                                          const std::vector<std::string>& service_ids) {
  std::vector<std::string> ids;
  for (const auto& service_id : service_ids) {
    auto soa = app::create_soa(services, caller, org, service_id);
    if (!soa) return soa.error();
    // Evaluated the way an ISMS office fills it in: nearly everything
    // applicable and implemented, with evidence; some in progress.
    std::vector<app::SoaRowEdit> edits;
    int n = 0;
    for (const auto& row : soa->rows) {
      app::SoaRowEdit e;
      e.catalog_key = row.catalog_key;
      e.ref = row.ref;
      e.applicable = domain::Applicability::applicable;
      e.status = n % 10 == 9 ? domain::ImplementationStatus::partial : domain::ImplementationStatus::implemented;
      e.evidence = std::vector<std::string>{"規程 第" + std::to_string(n % 40 + 1) + "条", "運用記録 2026"};
      edits.push_back(std::move(e));
      ++n;
    }
    auto changed = app::change_soa_rows(services, caller, org, soa->soa.id, edits);
    if (!changed) return changed.error();
    ids.push_back(soa->soa.id);
  }
  return ids;
}

}  // namespace mamori::lab
