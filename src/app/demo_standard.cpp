#include "app/demo_standard.h"

#include <functional>

#include "app/caller.h"
#include "app/tailored_standards.h"

namespace mamori::app {

namespace {

using domain::OperationKind;

// Builds the standard one recorded operation at a time, finding items by
// the number people see.
class Builder {
 public:
  Builder(Services& services, const std::string& tenant_id, StandardState state)
      : services_(services), tenant_(tenant_id), state_(std::move(state)) {}

  std::string key(const std::string& number) const {
    for (const auto& i : state_.items)
      if (i.number == number) return i.key;
    return "missing:" + number;  // the operation then fails with unknown_item, naming it
  }

  Status apply(domain::Operation op) {
    auto next = record_operation(services_, caller_, tenant_, state_.standard.id, {std::move(op), {}, {}});
    if (!next) return next.error();
    state_ = std::move(next.value());
    return ok();
  }

  Status reword(const std::string& number, std::string text, std::string reason) {
    domain::Operation op;
    op.kind = OperationKind::reword;
    op.items = {key(number)};
    op.content = {{"", "", std::move(text), {}, "", {}}};
    op.reason = std::move(reason);
    return apply(std::move(op));
  }

  Status add(int step, const std::string& after, domain::ItemContent content, std::string reason) {
    domain::Operation op;
    op.kind = OperationKind::add;
    op.add_step = step;
    op.after = key(after);
    op.content = {std::move(content)};
    op.reason = std::move(reason);
    return apply(std::move(op));
  }

  Status on(OperationKind kind, const std::vector<std::string>& numbers, std::string reason,
            const std::function<void(domain::Operation&)>& fill = {}) {
    domain::Operation op;
    op.kind = kind;
    for (const auto& n : numbers) op.items.push_back(key(n));
    op.reason = std::move(reason);
    if (fill) fill(op);
    return apply(std::move(op));
  }

  const StandardState& state() const { return state_; }

 private:
  Services& services_;
  std::string tenant_;
  StandardState state_;
  const Caller caller_ = Caller::operator_cli();
};

std::string with_replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Status derive(Builder& b) {
  // ① Example 1 (seed 002 II.4 例1).
  const auto& items = b.state().items;
  std::string text4822;
  for (const auto& i : items)
    if (i.number == "4.8.2.2") text4822 = i.text;
  if (auto s = b.reword("4.8.2.2",
                        with_replaced(text4822, "・文書化した情報の保持及び廃棄",
                                      "・文書化した情報の保持\n・文書化した情報を破棄及び廃棄状況の確認"),
                        "過去に情報の廃棄を委託した事業者からの情報漏えい事案が発生しており、単に廃棄扱いとするだけでなく、"
                        "破棄を外部委託した場合の委託先における契約遵守状況の確認が必要と考えられるため");
      !s)
    return s;
  // ③ then ④ Example 2.
  if (auto s = b.add(3, "8.1.1",
                     {"5b-5.9.2", "", "文書は、必要に応じて専用の目録又は既存の目録として維持する。", {"iso27001-2022:5.9"},
                      "情報セキュリティ管理基準（令和7年3月改訂版）5b-5.9.2", {}},
                     "ISMAP管理基準にない文書の目録の管理策を、情報セキュリティ管理基準から追加するため");
      !s)
    return s;
  if (auto s = b.add(4, "5b-5.9.2",
                     {"5b-5.9.2.1", "", "個人情報を含む重要な情報が記録された文書は、専用の目録として維持する。",
                      {"iso27001-2022:5.9"}, "", {}},
                     "個人情報については、通常よりも高い情報セキュリティ対策が必要とされると考えられるため");
      !s)
    return s;
  // ③ then ① Example 3.
  if (auto s = b.add(3, "11.1.2",
                     {"7a-7.2.3 f)", "",
                      "f) 全ての要員及び利害関係者に、何らかの形式の、目に見える証明書の着用を要求する。関係者が付き添っていない"
                      "訪問者及び目に見える証明書を着用していない者を見かけた場合は、直ちにセキュリティ要員に知らせる。常勤の"
                      "従業員、供給者及び訪問者を識別しやすくするために、容易に区別できるバッジの使用を検討する。",
                      {"iso27001-2022:7.2"}, "情報セキュリティ管理基準（令和7年3月改訂版）7a-7.2.3 f)", {}},
                     "データセンターの入退管理の詳細を、情報セキュリティ管理基準から取り込むため");
      !s)
    return s;
  if (auto s = b.reword("7a-7.2.3 f)",
                        "f) 全ての要員及び期間を問わず一時的に入退室するすべての者に電子的に確認可能な身分証の着用を要求する。"
                        "常勤の従業員、供給者及び訪問者を識別しやすくするために、供給者及び訪問者の立入の場合同様に区別できる"
                        "ストラップを使用する。",
                        "物理的入退の制限方法について、自組織で用いている方法に修正");
      !s)
    return s;
  // ③ then ④ Example 4.
  if (auto s = b.add(3, "11.1.4",
                     {"7a-7.5.5", "",
                      "リスクアセスメントの結果に基づいて、関連する物理的及び環境的脅威を特定し、次の状況のような例において"
                      "適切な管理策の採用を考慮する。\na) 火災：火災を早期に検知し、警報を送信する又は消火システムを起動する"
                      "ことができるシステムを設置し、構成する。\nb) 洪水：洪水を早期に検知できるシステムを設置する。\n"
                      "c) 電気サージ：情報システムを電気サージ又は同様の事象から保護するシステムを採用する。\n"
                      "d) 爆発物及び武器：爆発物又は武器がないかランダムな検査を実施する。",
                      {"iso27001-2022:7.5"}, "情報セキュリティ管理基準（令和7年3月改訂版）7a-7.5.5", {}},
                     "物理的及び環境的脅威の例示を、情報セキュリティ管理基準から取り込むため");
      !s)
    return s;
  if (auto s = b.add(4, "7a-7.5.5",
                     {"7a-7.5.5 e)", "",
                      "e) 地震：記憶媒体及び関連する情報処理システムの地震による損傷を防ぐために、振動による影響を緩和し得る"
                      "設置場所での保管、及び地震発生時に安全に停止させるための設備を設置する。",
                      {"iso27001-2022:7.5"}, "", {}},
                     "組織として認識しているリスクを追加");
      !s)
    return s;
  // ② a law.
  if (auto s = b.add(2, "18.1.4",
                     {"L-18.1", "",
                      "個人データの漏えい等が発生し、個人の権利利益を害するおそれが大きい場合は、個人情報保護委員会への報告"
                      "及び本人への通知を行う。",
                      {"iso27001-2022:5.34"}, "個人情報の保護に関する法律 第26条", {}},
                     "関連法規制（個人情報保護法）の漏えい等報告義務を、個別管理基準上で他の規定と関係付けるため");
      !s)
    return s;
  // ⑤ internal regulations.
  if (auto s = b.on(OperationKind::align, {"5.1.1"}, "既存の情報セキュリティ基本方針及び規程との関連を明確にするため",
                    [](domain::Operation& op) {
                      op.regulations = {{"情報セキュリティ基本方針", ""}, {"情報セキュリティ規程", "第3条"}};
                    });
      !s)
    return s;
  // ① split and merge.
  if (auto s = b.on(OperationKind::split, {"12.6.1"},
                    "脆弱性情報の収集と外部専門家によるペネトレーションテストは実施者も頻度も異なるため分割",
                    [](domain::Operation& op) {
                      op.content = {{"12.6.1-1", "", "利用中の情報システムの技術的ぜい弱性に関する情報は、時機を失せず獲得し、"
                                     "影響を評価して対処する。", {}, "", {}},
                                    {"12.6.1-2", "", "クラウドサービスの公開インタフェースに対し、外部の専門家による"
                                     "ペネトレーションテストを実施する。", {}, "", {}}};
                    });
      !s)
    return s;
  if (auto s = b.on(OperationKind::merge, {"12.4.2", "12.4.3"},
                    "ログ情報の保護と実務管理者の作業ログは同一のログ基盤で運用しているため統合",
                    [](domain::Operation& op) {
                      op.content = {{"12.4.2-3", "ログの保護及び実務管理者の作業ログ",
                                     "ログ機能及びログ情報（システムの実務管理者及び運用担当者の作業ログを含む）は、"
                                     "改ざん及び認可されていないアクセスから保護し、作業ログを定期的にレビューする。",
                                     {}, "", {}}};
                    });
      !s)
    return s;
  // ⑥ 推奨.
  if (auto s = b.on(OperationKind::set_level, {"6.2.2", "11.2.9"},
                    "リスク管理目標への影響度が低く、対策資源を必須項目に集中するため推奨項目とする",
                    [](domain::Operation& op) { op.level = domain::ItemLevel::recommended; });
      !s)
    return s;
  // ⑦ technical verification items, reviewed every 6 months.
  if (auto s = b.on(OperationKind::set_technical, {"12.6.1-2", "12.4.1", "13.1.1"},
                    "技術の変化の影響を受けやすく、外部専門家による検証が必要なため、6か月ごとに見直す",
                    [](domain::Operation& op) {
                      op.technical = true;
                      op.review_months = 6;
                    });
      !s)
    return s;
  // The organisation's own attribute.
  return b.on(OperationKind::set_attributes, {"12.4.1", "12.6.1-2", "7a-7.5.5 e)"},
              "2026年度の内部監査で重点的に確認する項目を識別するため",
              [](domain::Operation& op) { op.attributes = {{"監査重点", {"2026年度"}}}; });
}

}  // namespace

Status ensure_demo_standard(Services& services, const std::string& tenant_id) {
  const Caller caller = Caller::operator_cli();
  auto existing = list_standards(services, caller, tenant_id);
  if (!existing) return existing.error();
  for (const auto& s : existing.value())
    if (s.name == kDemoStandardName) return ok();
  NewStandard request;
  request.name = kDemoStandardName;
  request.description = "ISMAP管理基準を基に、情報セキュリティ管理基準活用ガイドライン（個別管理基準の策定手順）に沿って策定した、"
                        "デモクラウドのクラウドサービス向け個別管理基準。";
  request.base_catalog_key = "ismap-2024";
  request.review_months = 12;
  request.refs = {"4.8.2.2"};
  request.kinds = {"objective"};
  request.reason = "ISMAP管理基準を参照し、当社のクラウドサービスに必要な項目として 4.8.2.2（文書化した情報の管理）と"
                   "全ての統制目標を抽出";
  auto created = create_standard(services, caller, tenant_id, request);
  if (!created) return created.error();
  const std::string id = created->standard.id;
  Builder b(services, tenant_id, std::move(created.value()));
  if (auto s = derive(b); !s) return s;
  if (auto v = approve_standard(services, caller, tenant_id, id, "2026年度版（初版）"); !v) return v.error();
  // A later draft change, not yet approved.
  if (auto s = b.on(OperationKind::set_level, {"8.3.3"},
                    "物理媒体による輸送を廃止したため、推奨項目に変更する（次回承認予定）",
                    [](domain::Operation& op) { op.level = domain::ItemLevel::recommended; });
      !s)
    return s;
  NewAuditScope scope;
  scope.name = "2026年度内部監査: #検知 の管理策";
  scope.purpose = "インシデントの検知に関わる管理策が適切に運用されているかを確認する（管理策タイプ #検知）";
  scope.filter.attributes = {{"control_type", {"detective"}}};
  if (auto s = create_audit_scope(services, caller, tenant_id, id, scope); !s) return s.error();
  return ok();
}

}  // namespace mamori::app
