#include "app/demo_risks.h"

#include <map>

#include "app/caller.h"
#include "app/risks.h"
#include "app/sheet_evaluation.h"
#include "domain/risk_dashboard.h"
#include "store/isms_repository.h"
#include "store/risk_repository.h"
#include "store/user_repository.h"

namespace mamori::app {

namespace {

const char* const kSaas = "まもり文書管理 (SaaS)";
const char* const kMail = "業務メール (外部SaaS)";

struct DemoRisk {
  const char* title;
  const char* service;  // by name
  std::vector<const char*> assets;  // by name
  const char* threat;
  const char* vulnerability;
  const char* existing;
  int likelihood, impact;
  int months_ago;
  const char* source_key;
  // Treatment; option "" = none yet.
  const char* option;
  std::vector<domain::ControlRef> controls;
  const char* plan;
  struct Action {
    const char* description;
    const char* owner;
    int due_in_months;   // from today (negative: in the past)
    int done_months_ago;  // -1: not done
  };
  std::vector<Action> actions;
  int residual_likelihood, residual_impact;
  const char* acceptance_statement;
  const char* approve_comment;  // nullptr: not approved
};

const std::vector<DemoRisk>& demo_risks() {
  static const std::vector<DemoRisk> risks{
      {"顧客文書データの暗号鍵の不適切な管理", kSaas, {"顧客文書データ", "暗号鍵（KMS）"},
       "暗号鍵の漏えい・紛失による顧客文書の復号", "鍵の生成・保管・更新の手順が担当者任せ", "保存データの暗号化 (AES-256)",
       2, 3, 7, "", "modify", {{"iso27001-2022", "8.24"}, {"ismap-2024", "10.1.2"}},
       "鍵管理サービス (KMS) に鍵を集約し、年次の鍵更新と利用記録の点検を行う。",
       {{"鍵管理手順書を制定する", "情報セキュリティ委員会", -4, 4}, {"KMS へ鍵を移行する", "基盤運用チーム", -3, 3}},
       1, 2, "", "鍵管理の移行完了を確認した。残留リスクは受容基準内。"},
      {"マルチテナント環境での他の利用者データとの分離不備", kSaas, {"顧客文書データ"},
       "設定誤りや脆弱性による他テナントのデータへのアクセス", "テナント分離の検証が リリース時のみ",
       "テナントIDによるアクセス制御", 2, 3, 4, "", "modify", {{"iso27017-2015", "CLD.9.5.1"}, {"iso27001-2022", "8.22"}},
       "テナント分離の自動テストを CI に組み込み、年1回の第三者診断を行う。",
       {{"分離テストを CI に追加する", "開発チーム", -1, 1}, {"第三者による脆弱性診断", "品質保証室", 3, -1}}, 1, 3,
       "影響度は下げられないが、分離テストと診断で発生可能性を最小化しており、事業上受容する。",
       "第三者診断の結果を次回レビューで報告すること。"},
      {"情報のバックアップの不備（提供者として）", kSaas, {"顧客文書データ"}, nullptr, "バックアップからの復元試験が未実施",
       "日次スナップショット", 2, 2, 6, "cloud.backup.provider", "modify",
       {{"iso27001-2022", "8.13"}, {"ismap-2024", "12.3.1"}},
       "バックアップ方針を定めて利用者と共有し、四半期ごとに復元試験を行う。",
       {{"バックアップ方針を策定し公開する", "基盤運用チーム", -3, 3}, {"復元試験を実施する", "基盤運用チーム", -2, 2}}, 1,
       2, "", "復元試験の記録を確認した。"},
      {"クラウドサービスの監視の不備（利用者として）", kMail, {"業務メールデータ"}, nullptr,
       "提供事業者の管理画面で確認できる監視項目が限られる", "事業者の稼働状況ページの確認", 2, 2, 2,
       "cloud.monitoring.customer", "modify", {{"iso27001-2022", "8.16"}, {"iso27017-2015", "CLD.12.4.5"}},
       "監視項目と方法を定め、不足分は外形監視ツールで補う。",
       {{"監視項目と監視方法を定める", "情報システム課", 1, -1}}, 1, 2, "", nullptr},
      {"業務メールの誤送信による情報漏えい", kMail, {"業務メールデータ"}, "宛先誤り・添付誤りによる顧客情報の社外送信",
       "送信前の確認が利用者任せ", "情報セキュリティ教育", 3, 2, 8, "", "", {}, "", {}, 0, 0, "", nullptr},
      {"管理者アカウントの不正利用", kSaas, {"利用者アカウント情報", "本番環境（AWS アカウント）"}, "管理者の認証情報の窃取による不正操作",
       "一部の管理者アカウントで多要素認証が未設定", "管理操作のログ取得", 2, 3, 2, "", "modify",
       {{"iso27001-2022", "8.2"}, {"iso27001-2022", "8.5"}, {"ismap-2024", "9.2.3"}},
       "全管理者アカウントに多要素認証を必須化し、特権の棚卸しを四半期ごとに行う。",
       {{"多要素認証を必須にする", "基盤運用チーム", 1, -1}, {"特権アカウントの棚卸し", "情報セキュリティ委員会", 2, -1}},
       1, 2, "", nullptr},
      {"適用される法律・法令等（利用者として）", kMail, {}, nullptr, "事業者の法令順守の証拠を入手していない",
       "利用規約の確認", 1, 2, 5, "cloud.legal.customer", "retain", {}, "", {}, 1, 2, "",
       "リスクは受容基準内のため保有する。年次で事業者の公開情報を確認する。"},
      {"情報セキュリティの役割及び責任の欠如（提供者として）", kSaas, {}, nullptr,
       "基盤 (IaaS) 事業者との責任分界が文書化されていない", "IaaS 事業者の利用規約", 2, 2, 1, "cloud.roles.provider",
       "share", {{"iso27001-2022", "5.2"}, {"iso27017-2015", "CLD.6.3.1"}},
       "責任共有モデルを文書化し、IaaS 事業者との契約で役割を明確にする。",
       {{"責任共有モデルを文書化する", "サービス企画部", 2, -1}}, 0, 0, "", nullptr},
  };
  return risks;
}

}  // namespace

Status ensure_demo_risks(Services& services, const std::string& tenant_id, const std::string& admin_email) {
  std::optional<store::User> admin;
  bool has_risks = false;
  std::map<std::string, std::string> service_ids, asset_ids;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto u = store::find_user_by_email(tx, admin_email);
    if (!u) return u.error();
    admin = u.value();
    auto existing = store::list_risks(tx, tenant_id);
    if (!existing) return existing.error();
    has_risks = !existing->empty();
    for (const auto& r : demo_risks()) {
      if (!service_ids.count(r.service))
        if (auto s = store::find_cloud_service_by_name(tx, tenant_id, r.service); s && s.value())
          service_ids[r.service] = s.value()->id;
      for (const char* name : r.assets)
        if (!asset_ids.count(name))
          if (auto a = store::find_asset_by_name(tx, tenant_id, name); a && a.value()) asset_ids[name] = a.value()->id;
    }
    return ok();
  });
  if (!read) return read;
  if (has_risks || !admin) return ok();

  // The demo admin is the only member at first: the owner of every risk,
  // approving as that person (the operator seeds the data in its name).
  Caller owner = Caller::operator_cli();
  owner.user_id = admin->id;
  owner.email = admin_email;
  const std::string today = today_in_japan();
  for (const auto& d : demo_risks()) {
    domain::Risk risk;
    risk.title = d.title;
    if (auto it = service_ids.find(d.service); it != service_ids.end()) risk.service_id = it->second;
    for (const char* name : d.assets)
      if (auto it = asset_ids.find(name); it != asset_ids.end()) risk.asset_ids.push_back(it->second);
    std::string threat = d.threat ? d.threat : "";
    if (!d.threat)  // from the starter list: the seed's wording
      for (const auto& s : domain::starter_risks(true, true))
        if (s.source_key == d.source_key) threat = s.threat;
    risk.threat = threat;
    risk.vulnerability = d.vulnerability;
    risk.existing_controls = d.existing;
    risk.likelihood = d.likelihood;
    risk.impact = d.impact;
    risk.owner_user_id = admin->id;
    risk.identified_on = domain::add_months(today, -d.months_ago);
    risk.source_key = d.source_key;
    auto created = create_risk(services, owner, tenant_id, risk);
    if (!created) return created.error();
    if (std::string(d.option).empty()) continue;
    domain::Treatment t;
    t.option = domain::parse_treatment_option(d.option);
    t.controls = d.controls;
    t.plan = d.plan;
    for (const auto& a : d.actions) {
      domain::TreatmentAction action{a.description, a.owner, domain::add_months(today, a.due_in_months), false, ""};
      if (a.done_months_ago >= 0) {
        action.done = true;
        action.done_on = domain::add_months(today, -a.done_months_ago);
      }
      t.actions.push_back(std::move(action));
    }
    t.residual_likelihood = d.residual_likelihood;
    t.residual_impact = d.residual_impact;
    t.acceptance_statement = d.acceptance_statement;
    if (auto saved = save_treatment(services, owner, tenant_id, created->id, t); !saved) return saved.error();
    if (d.approve_comment)
      if (auto approved = approve_treatment(services, owner, tenant_id, created->id, d.approve_comment); !approved)
        return approved.error();
  }
  return ok();
}

}  // namespace mamori::app
