#include "domain/cloud_risk_sources.h"

namespace mamori::domain {

namespace {

const char* const kPremiseJa = "(1) クラウドサービスの利用及び提供において前提となるリスク";
const char* const kPremiseEn = "(1) Risks inherent in using and providing cloud services";
const char* const kOperationJa = "(2) クラウドサービスの利用及び提供における運用上のリスク";
const char* const kOperationEn = "(2) Operational risks of using and providing cloud services";

}  // namespace

// Texts are seed 003 4.2.1 as printed, except 「クラウドサービスカスタム」,
// an evident misprint of 「カスタマ」 in two places, which reads カスタマ here.
const std::vector<CloudRiskSource>& cloud_risk_sources() {
  static const std::vector<CloudRiskSource> all = {
      {"cloud.policy_change", kPremiseJa, kPremiseEn, "内外の環境の変化に対応するための対策方針",
       "Policy for responding to internal and external change", "JIS Q 27001 4.1",
       "クラウドサービスプロバイダ及びクラウドサービスカスタマは、クラウドコンピューティングと運用に関わるリスクを考慮"
       "して事業方針を拡充することが推奨されます。",
       "特にクラウドサービスプロバイダでは、事業方針の拡充に際してサービス形態や保持しているリソース、他のサービスプロ"
       "バイダとの関連性を考慮することが求められます。",
       "",
       {{"iso27001-2022", "5.1"}}},
      {"cloud.legal", kPremiseJa, kPremiseEn, "適用される法律・法令等", "Applicable laws and regulations",
       "JIS Q 27017 18.1.1", "",
       "クラウドサービスプロバイダは、提供するクラウドサービスに適用される法律・法令等の情報を、クラウドサービスカスタマ"
       "に提供することが推奨されます。",
       "クラウドサービスカスタマは、自社の事業に関連する法律・法令等を考慮する際に、クラウドサービスプロバイダに適用さ"
       "れる法律・法令等も含め、それらの法律・法令等の順守の証拠をクラウドサービスプロバイダに求めることが推奨されます。",
       {{"iso27001-2022", "5.31"}}},
      {"cloud.policy", kOperationJa, kOperationEn, "情報セキュリティ方針の欠如", "Lack of an information security policy",
       "JIS Q 27017 5.1.1", "",
       "クラウドサービスプロバイダは、自社の情報セキュリティ方針において、提供するクラウドサービス特有の技術（仮想化、マ"
       "ルチテナント、クラウド管理者の特権的アクセス等）に起因するリスクへの対策を適切に実施するために、情報セキュリティ"
       "方針を拡充することが推奨されます。",
       "クラウドサービスカスタマは、クラウドサービス特有の状況（資産がクラウド上に置かれること、クラウド管理者が特権的ア"
       "クセス権を持つこと、情報やデータの保管先である地理的所在地が移動する可能性があること等）に起因するリスクへの対策"
       "を適切に実施するために、クラウドコンピューティングのための情報セキュリティ方針を定義することが推奨されます。",
       {{"iso27001-2022", "5.1"}}},
      {"cloud.roles", kOperationJa, kOperationEn, "情報セキュリティの役割及び責任の欠如",
       "Lack of information security roles and responsibilities", "JIS Q 27017 6.1.1", "",
       "クラウドサービスプロバイダは、別のクラウド事業者を含む供給者からサービスの提供を受ける場合、全てが自社ではコント"
       "ロールできないといった問題が生じるリスクがあります。",
       "クラウドサービスカスタマは、クラウドサービスを利用することにより、情報の管理や処理をクラウド事業者に委ねることと"
       "なり、リスクの全てをコントロールできないといった問題が生じるリスクがあります。",
       {{"iso27001-2022", "5.2"}, {"iso27017-2015", "CLD.6.3.1"}}},
      {"cloud.backup", kOperationJa, kOperationEn, "情報のバックアップの不備", "Inadequate backup of information",
       "JIS Q 27017 12.3.1",
       "クラウドサービスプロバイダ及びクラウドサービスカスタマは、クラウドサービス上で取り扱われる情報が様々なインシデン"
       "ト（自然災害を含む）によって損失するリスクに留意することが重要です。",
       "クラウドサービスプロバイダは、バックアップ方針を確立し、システム情報、ソフトウェア及びデータの全てのバックアップ"
       "に関する組織の要求事項を定め、その内容をクラウドサービスカスタマと共有することが望まれます。",
       "クラウドサービスカスタマは、クラウドサービスプロバイダとの間で合意したバックアップ方針により取得したバックアップ"
       "からデータを復元する一連のプロセスが、自組織の事業継続計画の要求事項を確実に満たすことを確認する必要があります。",
       {{"iso27001-2022", "8.13"}}},
      {"cloud.monitoring", kOperationJa, kOperationEn, "クラウドサービスの監視の不備",
       "Inadequate monitoring of cloud services", "JIS Q 27017 CLD.12.4.5",
       "クラウド環境では、仮想マシンの起動・シャットダウンが頻繁に行われるため、サービス監視をネットワーク越しから行うこ"
       "とが困難です。",
       "クラウドサービスプロバイダは、クラウドサービスカスタマが利用するサービスやシステムの異常を素早く検知してシステム"
       "ダウンを未然に防ぐために、クラウドサービスの稼働状況をクラウドサービスカスタマが監視できる機能を提供し、支援する"
       "ことが望まれます。",
       "クラウドサービスカスタマは、クラウドサービスの稼働状況の監視項目及び監視方法をあらかじめ定めておくことが望まれま"
       "す。",
       {{"iso27017-2015", "CLD.12.4.5"}, {"iso27001-2022", "8.16"}}},
  };
  return all;
}

std::vector<StarterRisk> starter_risks(bool as_provider, bool as_customer) {
  std::vector<StarterRisk> out;
  for (const auto& side : {std::string("provider"), std::string("customer")}) {
    const bool provider = side == "provider";
    if (provider ? !as_provider : !as_customer) continue;
    for (const auto& s : cloud_risk_sources()) {
      const std::string& own = provider ? s.for_provider : s.for_customer;
      if (own.empty() && s.common.empty()) continue;
      StarterRisk r;
      r.source_key = s.key + "." + side;
      r.perspective = side;
      r.title_ja = s.title_ja + (provider ? "（提供者として）" : "（利用者として）");
      r.title_en = s.title_en + (provider ? " (as provider)" : " (as customer)");
      r.threat = s.common + (s.common.empty() || own.empty() ? "" : "\n") + own;
      r.reference = s.reference;
      r.controls = s.controls;
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace mamori::domain
