#include "app/demo_isms_scope.h"

#include <map>

#include "app/assets.h"
#include "app/caller.h"
#include "app/isms_scope.h"

namespace mamori::app {

namespace {

using domain::AssetType;
using domain::DataCategory;

Status ensure_scope(Services& services, const Caller& caller, const std::string& tenant_id) {
  auto scope = get_isms_scope(services, caller, tenant_id);
  if (!scope) return scope.error();
  if (!scope->organisational.empty()) return ok();  // written before (or by hand)
  ScopeChange c;
  c.organisational =
      "デモクラウド株式会社のクラウドサービス事業本部（サービス開発部、サービス運用部、カスタマーサポート部）及び"
      "これを支える情報システム部、ISMS事務局（経営企画部内）。対象従業員は約80名（委託先の常駐要員を含む）。";
  c.system_boundary =
      "クラウドサービス「まもり文書管理 (SaaS)」の提供に必要な全ての情報システム：AWS 東京リージョン上の本番・"
      "ステージング環境（アプリケーション、データベース、オブジェクトストレージ、バックアップ）、ソースコード管理と"
      "CI/CD、監視・ログ基盤、運用管理端末及び踏み台サーバ。利用者として「業務メール (外部SaaS)」を含む。";
  c.physical =
      "東京本社（東京都千代田区）の執務室、サーバ室及び運用管理エリア。データセンターは AWS 東京リージョンであり、"
      "物理的管理は AWS の ISMAP 登録及び第三者保証報告書により確認する。";
  c.interfaces =
      "AWS（IaaS の提供、責任共有モデル）、外部メールサービス事業者、決済代行事業者、サービス利用者（顧客組織の"
      "管理者及び利用者）。境界はサービスの API 及び管理コンソール、並びに AWS のマネジメントコンソールとする。";
  if (auto r = change_isms_scope(services, caller, tenant_id, c); !r) return r.error();
  if (auto r = add_scope_exclusion(services, caller, tenant_id, "人事・給与システム（オンプレミス）",
                                   "クラウドサービスの提供と関係がなく、別の管理体系（全社規程）で管理しているため");
      !r)
    return r.error();
  return ok();
}

// name -> id of every service, after adding the demo's.
Result<std::map<std::string, std::string>> ensure_services(Services& services, const Caller& caller,
                                                           const std::string& tenant_id) {
  auto existing = list_cloud_services(services, caller, tenant_id);
  if (!existing) return existing.error();
  std::map<std::string, std::string> ids;
  for (const auto& s : existing.value()) ids[s.name] = s.id;
  if (!ids.count(kDemoSaasService)) {
    domain::CloudService s;
    s.name = kDemoSaasService;
    s.description = "自治体・企業向けの文書管理クラウドサービス。文書の保管、版管理、共有、検索、監査ログを提供する。";
    s.model = domain::ServiceModel::saas;
    s.role = domain::ServiceRole::both;  // provides the SaaS, is a customer of the IaaS under it
    s.owner = "サービス運用部長";
    s.runs_on = {{"", "AWS 東京リージョン (IaaS)", true}};
    s.data_countries = {"JP"};
    s.data_location_note = "本番データは AWS 東京リージョン、バックアップは AWS 大阪リージョン（いずれも国内）";
    auto created = create_cloud_service(services, caller, tenant_id, s);
    if (!created) return created.error();
    ids[s.name] = created->id;
  }
  if (!ids.count(kDemoMailService)) {
    domain::CloudService s;
    s.name = kDemoMailService;
    s.description = "社内の業務連絡と顧客対応に利用する外部のメールサービス。";
    s.model = domain::ServiceModel::saas;
    s.role = domain::ServiceRole::customer;
    s.owner = "情報システム部長";
    s.runs_on = {{"", "外部メールサービス事業者", false}};
    s.data_countries = {"JP", "US"};
    s.data_location_note = "事業者の国内データセンター及び米国のバックアップサイト";
    auto created = create_cloud_service(services, caller, tenant_id, s);
    if (!created) return created.error();
    ids[s.name] = created->id;
  }
  return ids;
}

struct DemoAsset {
  const char* name;
  AssetType type;
  const char* owner;
  int c, i, a;
  bool personal;
  DataCategory category;
  const char* location;
  const char* country;
  std::vector<const char*> services;
  std::vector<const char*> suppliers;
  const char* description;
};

std::vector<DemoAsset> demo_assets() {
  return {
      {"顧客文書データ", AssetType::information, "サービス運用部長", 3, 2, 2, true, DataCategory::customer_data,
       "AWS 東京リージョン S3（暗号化）", "JP", {kDemoSaasService}, {"AWS"},
       "利用者がアップロードした文書の本体。個人情報を含み得る。"},
      {"文書メタデータ・アクセスログ", AssetType::information, "サービス運用部長", 2, 2, 1, true,
       DataCategory::derived_data, "AWS 東京リージョン RDS 及び CloudWatch Logs", "JP", {kDemoSaasService}, {"AWS"},
       "文書の属性、操作履歴、アクセスログ。サービスの利用から生成される派生データ。"},
      {"利用者アカウント情報", AssetType::information, "カスタマーサポート部長", 3, 2, 2, true,
       DataCategory::customer_data, "AWS 東京リージョン RDS", "JP", {kDemoSaasService}, {"AWS"},
       "利用者の氏名、メールアドレス、所属、認証情報（ハッシュ）。"},
      {"サービス利用統計", AssetType::information, "サービス開発部長", 2, 1, 1, false, DataCategory::derived_data,
       "分析用データウェアハウス", "JP", {kDemoSaasService}, {"AWS"}, "利用状況の集計値（個人を識別しない）。"},
      {"業務メールデータ", AssetType::information, "情報システム部長", 2, 1, 2, true, DataCategory::own,
       "外部メールサービス", "JP", {kDemoMailService}, {"外部メールサービス事業者"}, "社内外とのメール及び添付ファイル。"},
      {"暗号鍵（KMS）", AssetType::information, "サービス運用部長", 3, 2, 2, false, DataCategory::own,
       "AWS KMS 東京リージョン", "JP", {kDemoSaasService}, {"AWS"}, "顧客文書データを暗号化する鍵。"},
      {"ソースコード", AssetType::software, "サービス開発部長", 2, 2, 1, false, DataCategory::own,
       "ソースコード管理サービス", "JP", {kDemoSaasService}, {}, "まもり文書管理のアプリケーションと構成定義。"},
      {"本番環境（AWS アカウント）", AssetType::service, "サービス運用部長", 3, 2, 2, false, DataCategory::own,
       "AWS 東京リージョン", "JP", {kDemoSaasService}, {"AWS"}, "本番の仮想サーバ、データベース、ネットワーク。"},
      {"運用管理端末", AssetType::hardware, "情報システム部長", 3, 2, 1, false, DataCategory::own,
       "東京本社 運用管理エリア", "JP", {kDemoSaasService}, {}, "本番環境の運用に使う専用端末（10台）。"},
      {"ISMS 規程類", AssetType::information, "ISMS事務局長", 2, 2, 1, false, DataCategory::own, "文書管理サーバ",
       "JP", {}, {}, "情報セキュリティ基本方針、規程、手順書。"},
      {"サービス運用担当者", AssetType::people, "サービス運用部長", 1, 1, 2, true, DataCategory::own, "東京本社",
       "JP", {kDemoSaasService}, {}, "特権アクセスを持つ運用要員。"},
      {"東京本社 サーバ室", AssetType::facility, "総務部長", 1, 1, 2, false, DataCategory::own, "東京都千代田区", "JP",
       {}, {}, "運用管理端末とネットワーク機器を置く施錠された部屋。"},
  };
}

}  // namespace

Status ensure_demo_isms_scope(Services& services, const std::string& tenant_id) {
  const Caller caller = Caller::operator_cli();
  if (auto r = ensure_scope(services, caller, tenant_id); !r) return r;
  auto ids = ensure_services(services, caller, tenant_id);
  if (!ids) return ids.error();
  auto existing = list_assets(services, caller, tenant_id);
  if (!existing) return existing.error();
  std::map<std::string, bool> have;
  for (const auto& a : existing.value()) have[a.name] = true;
  for (const auto& d : demo_assets()) {
    if (have.count(d.name)) continue;
    domain::Asset a;
    a.name = d.name;
    a.type = d.type;
    a.owner = d.owner;
    a.confidentiality = d.c;
    a.integrity = d.i;
    a.availability = d.a;
    a.personal_info = d.personal;
    a.category = d.category;
    a.storage_location = d.location;
    a.storage_country = d.country;
    a.description = d.description;
    for (const char* s : d.services) a.service_ids.push_back(ids.value().at(s));
    for (const char* s : d.suppliers) a.suppliers.push_back(s);
    if (auto r = create_asset(services, caller, tenant_id, a); !r) return r.error();
  }
  return ok();
}

}  // namespace mamori::app
