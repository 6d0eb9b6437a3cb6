// The demo organisation's answer library: an approved answer (○) for each of
// the 44 required items of the seed-000 summary sheet, keyed to the ISMAP
// item the sheet cites, each with a short explanation and the document that
// shows it. Two answers hold for one service or plan only (条件付き), one is
// past its review date, so the demo shows what the vendor side flags.
#include "app/demo_library.h"

#include <map>

#include "app/catalog_queries.h"
#include "app/caller.h"
#include "app/library.h"

namespace mamori::app {

namespace {

struct DemoAnswer {
  const char* explanation;
  const char* evidence;
};

// By summary item number.
const std::map<std::string, DemoAnswer>& demo_answers() {
  static const std::map<std::string, DemoAnswer> answers{
      {"3-1", {"取締役会が年2回、情報セキュリティの評価・指示・モニタを行い、内部監査室と外部監査人の保証を受けています。", "情報セキュリティガバナンス規程 第3条"}},
      {"4-1", {"ISMSの適用範囲をクラウドサービス事業全体と定め、情報セキュリティ基本方針を経営会議で承認しています。", "ISMS適用範囲記述書 第2版"}},
      {"4-2", {"資源の割当て、力量管理、リスクアセスメントとリスク対応を年間計画に沿って運用しています。", "ISMS運用計画書 2026年度"}},
      {"4-3", {"KPIの月次測定と年1回のマネジメントレビューで有効性を監視・レビューしています。", "マネジメントレビュー議事録 2026年3月"}},
      {"4-4", {"内部監査・インシデントから是正処置を起票し、改善状況を四半期ごとに確認しています。", "是正処置管理台帳"}},
      {"4-5", {"基本方針、適用宣言書、リスク評価結果などISMSの文書を文書管理規程に沿って版管理しています。", "文書管理規程 第5条"}},
      {"4-6", {"リスク評価の結果を利用者向けセキュリティホワイトペーパーと説明会で共有しています。", "セキュリティホワイトペーパー 2026年版"}},
      {"5-1", {"情報セキュリティ基本方針と個別方針を年1回及び重大な変化の際に見直し、経営陣が承認しています。", "情報セキュリティ基本方針 第4版"}},
      {"5-2", {"CISOを長とする情報セキュリティ委員会を設置し、役割と責任を職務分掌規程で定めています。", "情報セキュリティ委員会規程"}},
      {"5-3", {"業務端末はMDMで管理し、テレワークはVPNと多要素認証を必須とする規程を運用しています。", "テレワーク勤務規程 第7条"}},
      {"5-4", {"利用者と当社の責任分担を責任共有モデルとして利用規約と技術資料で明示しています。", "責任共有モデル説明書"}},
      {"5-5", {"採用時に経歴確認を行い、秘密保持誓約書を取得しています。", "採用手続規程 第4条"}},
      {"5-6", {"全従業員に年1回のセキュリティ教育と理解度テストを実施し、違反時の懲戒手続を定めています。", "情報セキュリティ教育実施記録 2026年度"}},
      {"5-7", {"退職・異動時にアカウントの即日停止と貸与物の返却を確認し、退職後の守秘義務を誓約させています。", "退職時チェックリスト"}},
      {"5-8", {"情報資産台帳を整備し、資産ごとに管理責任者を定めて年1回棚卸しています。", "情報資産台帳"}},
      {"5-9", {"情報を機密性3段階で分類し、分類に応じたラベル付けと取扱いを定めています。", "情報分類・取扱規程"}},
      {"5-10", {"媒体の持出しを原則禁止し、廃棄時は物理破壊又は消去証明書の取得を行っています。", "媒体管理手順書"}},
      {"5-11", {"アクセス制御方針を定め、最小権限と職務分離に基づいて権限を付与しています。", "アクセス制御方針 第2版"}},
      {"5-12", {"アカウントの登録・変更・削除を申請承認制とし、特権IDは四半期ごとに棚卸しています。", "ID管理手順書"}},
      {"5-13", {"利用者に秘密認証情報の管理責任を利用規約で示し、多要素認証を提供しています。", "サービス利用規約 第12条"}},
      {"5-14", {"管理画面とAPIは多要素認証とIPアドレス制限で保護し、ログイン試行回数を制限しています。", "システムアクセス管理基準"}},
      {"5-15", {"仮想環境をテナントごとに論理分離し、分離の有効性を年1回の第三者診断で確認しています。", "テナント分離設計書"}},
      {"5-16", {"通信をTLS1.2以上、保存データをAES-256で暗号化し、鍵は専用の鍵管理サービスで管理しています。", "暗号化及び鍵管理規程"}},
      {"5-17", {"データセンターは生体認証と共連れ防止ゲートで入退室を管理し、監視カメラ映像を90日保管しています。", "データセンター入退室管理規程"}},
      {"5-18", {"サーバ機器は施錠ラックに設置し、保守と廃棄の記録を残しています。", "設備管理手順書"}},
      {"5-19", {"運用手順書を整備し、変更は変更管理プロセスで承認しています。", "運用手順書 第6版"}},
      {"5-20", {"全サーバと端末にマルウェア対策ソフトを導入し、定義ファイルを自動更新しています。", "マルウェア対策基準"}},
      {"5-21", {"日次の自動バックアップを取得して遠隔地のデータセンターに30日間保管し、四半期ごとに復元試験を行っています。", "バックアップ運用手順書"}},
      {"5-22", {"アクセスログと操作ログを取得し、改ざん防止した保管領域に1年間保管して監視しています。", "ログ管理規程"}},
      {"5-23", {"本番環境へのソフトウェア導入を承認制とし、構成管理ツールで完全性を確認しています。", "構成管理手順書"}},
      {"5-24", {"脆弱性情報を日次で収集し、重大な脆弱性は7日以内に修正プログラムを適用しています。", "脆弱性管理手順書"}},
      {"5-25", {"監査は業務影響の少ない時間帯に計画し、監査用の読取り専用アカウントで実施しています。", "内部監査規程 第9条"}},
      {"5-26", {"ネットワークをセグメント分割し、ファイアウォールとIDSで通信を制御・監視しています。", "ネットワーク構成図 2026年版"}},
      {"5-27", {"外部との情報転送は暗号化通信に限定し、取引先とは秘密保持契約を締結しています。", "情報転送規程"}},
      {"5-28", {"要件定義の段階でセキュリティ要件を定め、リリース前にセキュリティレビューを行っています。", "システム開発標準 第3版"}},
      {"5-29", {"セキュアコーディング基準と静的解析、脆弱性診断を開発プロセスに組み込んでいます。", "セキュア開発ガイドライン"}},
      {"5-30", {"試験には本番データを使用せず、必要な場合はマスキングしたデータを使用しています。", "試験データ取扱手順"}},
      {"5-31", {"委託先の選定時にセキュリティ評価を行い、契約にセキュリティ要求事項を定めています。", "委託先管理規程"}},
      {"5-32", {"主要な委託先のサービス提供状況を年1回評価し、結果を記録しています。", "委託先評価記録 2026年度"}},
      {"5-33", {"インシデント対応手順とCSIRTを整備し、利用者への第一報を24時間以内に行います。", "インシデント対応手順書"}},
      {"5-34", {"事業継続計画に情報セキュリティ要件を含め、年1回の訓練で手順を検証しています。", "事業継続計画書 第2版"}},
      {"5-35", {"東西2拠点のデータセンターで冗長構成を取り、稼働率99.95%をSLAで保証しています。", "サービスレベル合意書 (SLA)"}},
      {"5-36", {"適用法令と契約上の要求事項を一覧化し、年1回見直しています。", "法令等要求事項一覧"}},
      {"5-37", {"年1回の内部監査と外部監査に加え、技術的検証として脆弱性診断を実施しています。", "内部監査報告書 2026年度"}},
  };
  return answers;
}

constexpr const char* kDemoServiceDocs = "デモクラウド 文書管理サービス";
constexpr const char* kDemoPlanEnterprise = "エンタープライズ";

}  // namespace

std::vector<domain::LibraryAnswer> demo_library_answers(const domain::Catalog& summary) {
  std::vector<domain::LibraryAnswer> answers;
  for (const auto& n : summary.nodes) {
    if (!n.required || n.refers_to.empty()) continue;
    auto demo = demo_answers().find(n.ref);
    if (demo == demo_answers().end()) continue;
    const std::string& target = n.refers_to.front();  // "ismap-2024:12.3"
    const auto colon = target.find(':');
    domain::LibraryAnswer a;
    a.catalog_key = target.substr(0, colon);
    a.ref = target.substr(colon + 1);
    a.question = n.title + "\n" + n.text;
    a.answer = domain::AnswerValue::yes;
    a.explanation = demo->second.explanation;
    a.evidence = {demo->second.evidence};
    a.owner = "情報セキュリティ管理室";
    a.review_due = "2027-03-31";
    if (n.ref == "5-21") a.scope.plans = {kDemoPlanEnterprise};  // 条件付き: the enterprise plan's backups
    if (n.ref == "5-35") a.scope.services = {kDemoServiceDocs};  // 条件付き: the two-site service only
    if (n.ref == "5-24") a.review_due = "2025-03-31";            // overdue: the demo flags it
    answers.push_back(std::move(a));
  }
  return answers;
}

Status ensure_demo_library(Services& services, const std::string& tenant_id) {
  const Caller operator_cli = Caller::operator_cli();
  auto existing = list_library_answers(services, operator_cli, tenant_id);
  if (!existing) return existing.error();
  if (!existing->empty()) return ok();  // the demo's library was made before (or by hand)
  auto summary = export_catalog(services.db, "ismap-sheet-summary");
  if (!summary) return summary.error();
  return import_library_answers(services, operator_cli, tenant_id, demo_library_answers(summary.value()), true,
                                "デモデータ / demo data");
}

}  // namespace mamori::app
