#include "app/demo_soa.h"

#include <map>
#include <optional>
#include <set>

#include "app/caller.h"
#include "app/demo_isms_scope.h"
#include "app/soa.h"
#include "store/isms_repository.h"
#include "store/soa_repository.h"
#include "store/user_repository.h"

namespace mamori::app {

namespace {

using domain::Applicability;
using domain::ImplementationStatus;
using domain::SoaRowKind;

// Where each Annex A theme is written down in the demo's regulations
// (seed 001: the 管理策運用規定 is organised by the same themes).
std::vector<std::string> annex_evidence(const std::string& ref) {
  const char theme = ref.empty() ? '5' : ref[0];
  switch (theme) {
    case '5': return {"情報セキュリティ管理策運用規定 第5章（組織的管理策）"};
    case '6': return {"情報セキュリティ管理策運用規定 第6章（人的管理策）", "教育実施記録"};
    case '7': return {"情報セキュリティ管理策運用規定 第7章（物理的管理策）", "入退室記録"};
    default: return {"情報セキュリティ管理策運用規定 第8章（技術的管理策）", "システム設定標準書"};
  }
}

SoaRowEdit edit(const domain::SoaRow& row, Applicability a, ImplementationStatus s, std::string reason,
                std::vector<std::string> evidence) {
  SoaRowEdit e;
  e.catalog_key = row.catalog_key;
  e.ref = row.ref;
  e.applicable = a;
  e.status = s;
  e.reason = std::move(reason);
  e.evidence = std::move(evidence);
  return e;
}

SoaRowEdit implemented(const domain::SoaRow& row, std::vector<std::string> evidence) {
  return edit(row, Applicability::applicable, ImplementationStatus::implemented, "", std::move(evidence));
}

SoaRowEdit excluded(const domain::SoaRow& row, std::string reason) {
  return edit(row, Applicability::not_applicable, ImplementationStatus::unset, std::move(reason), {});
}

// The SaaS (provider and customer of the IaaS): everything in place but
// outsourced development (none) and ISMAP 11.1.6 (no loading area: the data
// centre is AWS's); threat intelligence only partly in place at version 1.
std::vector<SoaRowEdit> saas_rows(const std::vector<domain::SoaRow>& rows) {
  std::vector<SoaRowEdit> out;
  for (const auto& r : rows) {
    switch (r.kind) {
      case SoaRowKind::annex_a:
        if (r.ref == "8.30")
          out.push_back(excluded(r, "システム開発は全て社内の開発チームが実施しており、外部委託による開発はない。"));
        else if (r.ref == "5.7")
          out.push_back(edit(r, Applicability::applicable, ImplementationStatus::partial,
                             "脅威インテリジェンスの収集は JPCERT/CC 等の公開情報に限られる（リスク対応で拡充予定）",
                             {"脆弱性情報収集手順"}));
        else
          out.push_back(implemented(r, annex_evidence(r.ref)));
        break;
      case SoaRowKind::cloud_extension:
        out.push_back(implemented(r, {"クラウドサービス利用・提供規程", "サービス仕様書（責任分界）"}));
        break;
      case SoaRowKind::ismap_objective:
        if (r.ref == "14.2.7")
          out.push_back(excluded(r, "外部委託による開発を行っていないため（附属書A 8.30 と同じ理由）。"));
        else if (r.ref == "11.1.6")
          out.push_back(excluded(r, "データセンターは AWS 東京リージョンであり、当社が管理する受渡場所・荷積み場所はない。"
                                    "AWS の ISMAP 登録により確認している。"));
        else
          out.push_back(implemented(r, {"ISMAP管理基準 対応表", "情報セキュリティ管理策運用規定"}));
        break;
      case SoaRowKind::ismap_detail:
        out.push_back(implemented(r, {"ISMAP管理基準 対応表（詳細管理策）"}));
        break;
    }
  }
  return out;
}

// The mail service the organisation uses: Annex A as for the SaaS, and the
// customer-side CLD controls; no virtual machines of its own (CLD.9.5.2).
std::vector<SoaRowEdit> mail_rows(const std::vector<domain::SoaRow>& rows) {
  std::vector<SoaRowEdit> out;
  for (const auto& r : rows) {
    if (r.kind == SoaRowKind::cloud_extension && r.ref == "CLD.9.5.2")
      out.push_back(excluded(r, "SaaS の利用のみで、当社が管理する仮想マシンはない。"));
    else if (r.kind == SoaRowKind::cloud_extension)
      out.push_back(implemented(r, {"クラウドサービス利用規程", "業務メールサービス 利用約款・責任分界資料"}));
    else if (r.ref == "8.30")
      out.push_back(excluded(r, "業務メールは外部 SaaS の利用であり、当社による開発はない。"));
    else
      out.push_back(implemented(r, annex_evidence(r.ref)));
  }
  return out;
}

const domain::SoaRow* find_row(const SoaView& view, const char* catalog, const char* ref) {
  for (const auto& r : view.rows)
    if (r.catalog_key == catalog && r.ref == ref) return &r;
  return nullptr;
}

}  // namespace

Status ensure_demo_soas(Services& services, const std::string& tenant_id, const std::string& admin_email) {
  std::optional<store::User> admin;
  std::map<std::string, std::string> service_ids;  // name -> id, for services without an SoA
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto u = store::find_user_by_email(tx, admin_email);
    if (!u) return u.error();
    admin = u.value();
    for (const char* name : {kDemoSaasService, kDemoMailService}) {
      auto s = store::find_cloud_service_by_name(tx, tenant_id, name);
      if (!s) return s.error();
      if (!s.value()) continue;
      auto has = store::service_has_soa(tx, tenant_id, s.value()->id);
      if (!has) return has.error();
      if (!has.value()) service_ids[name] = s.value()->id;
    }
    return ok();
  });
  if (!read) return read;
  if (!admin || service_ids.empty()) return ok();

  // The demo admin writes and approves (the operator seeds in its name).
  Caller person = Caller::operator_cli();
  person.user_id = admin->id;
  person.email = admin_email;

  if (auto it = service_ids.find(kDemoSaasService); it != service_ids.end()) {
    auto soa = create_soa(services, person, tenant_id, it->second);
    if (!soa) return soa.error();
    auto filled = change_soa_rows(services, person, tenant_id, soa->soa.id, saas_rows(soa->rows));
    if (!filled) return filled.error();
    auto v1 = approve_soa(services, person, tenant_id, soa->soa.id,
                          "初版。クラウドサービス提供開始に合わせて ISMS 委員会で承認。");
    if (!v1) return v1.error();
    // After version 1: threat intelligence completed, and someone excluded
    // 7.14 as "AWS's equipment" although CLD.8.1.5 (removal of customer
    // assets) rests on it: the rule of seed 003 4.2.2 flags it.
    std::vector<SoaRowEdit> later;
    if (const auto* r = find_row(v1.value(), domain::kAnnexACatalog, "5.7"))
      later.push_back(implemented(*r, {"脆弱性情報収集手順", "脅威インテリジェンス月次報告"}));
    if (const auto* r = find_row(v1.value(), domain::kAnnexACatalog, "7.14"))
      later.push_back(excluded(*r, "サーバ等の装置は AWS が管理しており、当社は処分・再利用する装置を保有しない。"));
    if (!later.empty())
      if (auto changed = change_soa_rows(services, person, tenant_id, soa->soa.id, later); !changed)
        return changed.error();
  }
  if (auto it = service_ids.find(kDemoMailService); it != service_ids.end()) {
    auto soa = create_soa(services, person, tenant_id, it->second);
    if (!soa) return soa.error();
    auto filled = change_soa_rows(services, person, tenant_id, soa->soa.id, mail_rows(soa->rows));
    if (!filled) return filled.error();
  }
  return ok();
}

}  // namespace mamori::app
