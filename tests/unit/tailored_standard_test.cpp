// The derivation of a 個別管理基準 (seed 002 II): seed 002's examples 1–4,
// written with the seed's own wording, and the rules of every operation.
#include <gtest/gtest.h>

#include "domain/tailored_standard.h"

namespace mamori::domain {

namespace {

Operation take(int seq, std::vector<ItemContent> content) {
  Operation op;
  op.seq = seq;
  op.kind = OperationKind::take;
  op.reason = "情報セキュリティ管理基準から当組織に必要な項目を抽出";
  op.content = std::move(content);
  return op;
}

Operation on(int seq, OperationKind kind, std::vector<std::string> keys, std::string reason) {
  Operation op;
  op.seq = seq;
  op.kind = kind;
  op.items = std::move(keys);
  op.reason = std::move(reason);
  return op;
}

const TailoredItem& by_number(const std::vector<TailoredItem>& items, const std::string& number) {
  for (const auto& i : items)
    if (i.number == number) return i;
  ADD_FAILURE() << "no item " << number;
  static TailoredItem none;
  return none;
}

const std::string k4822 =
    "組織は、以下のことを確実にするために、情報セキュリティマネジメントで要求された文書化した情報を、管理する。 "
    "[27001-7.5.3]\n"
    "・文書化した情報が、必要なときに、必要なところで、入手可能かつ利用に適した状態であること。\n"
    "・文書化した情報が十分に保護されていること（例えば、機密性の喪失、不適切な使用又は完全性の喪失からの保護）。\n"
    "・文書化した情報の配付、アクセス、検索及び利用\n"
    "・文書化した情報の読みやすさが保たれることを含む、保管及び保存\n"
    "・文書化した情報の変更の管理（例えば、版の管理）\n"
    "・文書化した情報の保持及び廃棄";

DerivationRules rules() {
  DerivationRules r;
  r.review_months = 12;
  AttributeType control_type{"control_type", {"管理策タイプ", "Control type"}, {}};
  control_type.values = {{"preventive", {"予防", ""}}, {"detective", {"検知", ""}}, {"corrective", {"是正", ""}}};
  r.vocabulary = {control_type};
  return r;
}

}  // namespace

// Example 1: 4.8.2.2, the last bullet changed into two, with the reason.
TEST(TailoredStandard, SeedExample1RewordsDocumentControl) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(items, take(1, {{"4.8.2.2", "", k4822, {"ismap-2024:4.8.2.2"}, "", {}}}), rules()));
  std::string changed = k4822;
  changed.replace(changed.find("・文書化した情報の保持及び廃棄"), std::string("・文書化した情報の保持及び廃棄").size(),
                  "・文書化した情報の保持\n・文書化した情報を破棄及び廃棄状況の確認");
  Operation reword = on(2, OperationKind::reword, {"1.1"},
                        "過去に情報の廃棄を委託した事業者からの情報漏えい事案が発生しており、単に廃棄扱いとするだけでなく、"
                        "破棄を外部委託した場合の委託先における契約遵守状況の確認が必要と考えられるため");
  reword.content = {{"", "", changed, {}, "", {}}};
  ASSERT_TRUE(apply_operation(items, reword, rules()));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].number, "4.8.2.2");
  EXPECT_NE(items[0].text.find("・文書化した情報を破棄及び廃棄状況の確認"), std::string::npos);
  EXPECT_EQ(items[0].text.find("保持及び廃棄"), std::string::npos);
  EXPECT_EQ(items[0].origin, std::vector<std::string>{"ismap-2024:4.8.2.2"});
  EXPECT_EQ(items[0].history, (std::vector<int>{1, 2}));
  EXPECT_EQ(items[0].title, "組織は、以下のことを確実にするために、情報セキュリティマネジメントで要求された文書化した情報を、管理する。");
  EXPECT_EQ(step_of(reword), 1);
}

// Example 2: 5b-5.9.2.1 added under 5b-5.9.2, an own item with its reason.
TEST(TailoredStandard, SeedExample2AddsAnOwnItemBelowItsParent) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(items,
                              take(1, {{"5b-5.9.1", "", "情報及びその他の関連資産の目録を作成し、維持する。", {"iso27001-2022:5.9"}, "", {}},
                                       {"5b-5.9.2", "", "文書は、必要に応じて専用の目録又は既存の目録として維持する。",
                                        {"jsq:5b-5.9.2"}, "", {}},
                                       {"5b-5.9.3", "", "目録は正確に最新に保つ。", {"jsq:5b-5.9.3"}, "", {}}}),
                              rules()));
  Operation add = on(2, OperationKind::add, {}, "個人情報については、通常よりも高い情報セキュリティ対策が必要とされると考えられるため");
  add.add_step = 4;
  add.after = "1.2";
  add.content = {{"5b-5.9.2.1", "", "個人情報を含む重要な情報が記録された文書は、専用の目録として維持する。", {}, "", {}}};
  ASSERT_TRUE(apply_operation(items, add, rules()));
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[2].number, "5b-5.9.2.1");  // right after its parent, before 5b-5.9.3
  EXPECT_EQ(items[3].number, "5b-5.9.3");
  EXPECT_TRUE(items[2].origin.empty());
  EXPECT_EQ(items[2].key, "2.1");
  EXPECT_EQ(step_of(add), 4);
}

// Example 3: 7a-7.2.3 f) reworded to the organisation's own entry method.
TEST(TailoredStandard, SeedExample3RewordsPhysicalEntry) {
  std::vector<TailoredItem> items;
  const std::string original =
      "f) 全ての要員及び利害関係者に、何らかの形式の、目に見える証明書の着用を要求する。関係者が付き添っていない訪問者及び"
      "目に見える証明書を着用していない者を見かけた場合は、直ちにセキュリティ要員に知らせる。常勤の従業員、供給者及び訪問者を"
      "識別しやすくするために、容易に区別できるバッジの使用を検討する。";
  ASSERT_TRUE(apply_operation(items, take(1, {{"7a-7.2.3 f)", "", original, {"iso27001-2022:7.2"}, "", {}}}), rules()));
  Operation reword = on(2, OperationKind::reword, {"1.1"}, "物理的入退の制限方法について、自組織で用いている方法に修正");
  const std::string changed =
      "f) 全ての要員及び期間を問わず一時的に入退室するすべての者に電子的に確認可能な身分証の着用を要求する。常勤の従業員、"
      "供給者及び訪問者を識別しやすくするために、供給者及び訪問者の立入の場合同様に区別できるストラップを使用する。";
  reword.content = {{"", "", changed, {}, "", {}}};
  ASSERT_TRUE(apply_operation(items, reword, rules()));
  EXPECT_EQ(items[0].text, changed);
  EXPECT_EQ(items[0].number, "7a-7.2.3 f)");
  // Rewording the same text again says nothing changed.
  EXPECT_EQ(apply_operation(items, reword, rules()).error().reason, "unchanged");
}

// Example 4: e) 地震 added to 7a-7.5.5's list of threats.
TEST(TailoredStandard, SeedExample4AddsEarthquakeToThreats) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(
      items,
      take(1, {{"7a-7.5.5", "",
                "リスクアセスメントの結果に基づいて、関連する物理的及び環境的脅威を特定し、次の状況のような例において適切な管理策の"
                "採用を考慮する。\na) 火災：…\nb) 洪水：…\nc) 電気サージ：…\nd) 爆発物及び武器：…",
                {"iso27001-2022:7.5"}, "", {{"control_type", {"preventive"}}}}}),
      rules()));
  Operation add = on(2, OperationKind::add, {}, "組織として認識しているリスクを追加");
  add.after = "1.1";
  add.content = {{"7a-7.5.5 e)", "",
                  "e) 地震：記憶媒体及び関連する情報処理システムの地震による損傷を防ぐために、振動による影響を緩和し得る設置場所での保管、"
                  "及び地震発生時に安全に停止させるための設備を設置する。",
                  {"iso27001-2022:7.5"}, "", {{"control_type", {"preventive"}}}}};
  ASSERT_TRUE(apply_operation(items, add, rules()));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].number, "7a-7.5.5 e)");
  EXPECT_EQ(items[1].title, "e) 地震：記憶媒体及び関連する情報処理システムの地震による損傷を防ぐために、振動による影響を緩和し得る設置場所での保管、及び地震発生時に安全に停止させるための設備を設置する。");
}

TEST(TailoredStandard, EveryOperationNeedsAReasonAndChangesNothingWhenRefused) {
  std::vector<TailoredItem> items;
  Operation op = take(1, {{"5.1", "", "方針を定める。", {"iso27001-2022:5.1"}, "", {}}});
  for (const char* blank : {"", " ", "　", "\n"}) {
    op.reason = blank;
    auto s = apply_operation(items, op, rules());
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().where.field, "reason");
    EXPECT_EQ(s.error().reason, "required");
  }
  EXPECT_TRUE(items.empty());
  op.reason = std::string(2001, 'a');
  EXPECT_EQ(apply_operation(items, op, rules()).error().reason, "too_long");
}

TEST(TailoredStandard, TakeRefusesDuplicatesAndNeedsOneOrigin) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(items, take(1, {{"5.1", "", "方針", {"iso27001-2022:5.1"}, "", {}}}), rules()));
  auto again = apply_operation(items, take(2, {{"5.1x", "", "方針", {"iso27001-2022:5.1"}, "", {}}}), rules());
  EXPECT_EQ(again.error().reason, "already_taken");
  auto number = apply_operation(items, take(2, {{"5.1", "", "方針", {"iso27001-2022:5.2"}, "", {}}}), rules());
  EXPECT_EQ(number.error().reason, "duplicate_number");
  EXPECT_EQ(number.error().where.field, "number");
  auto no_origin = apply_operation(items, take(2, {{"5.2", "", "役割", {}, "", {}}}), rules());
  EXPECT_EQ(no_origin.error().where.field, "origin");
  auto bad_origin = apply_operation(items, take(2, {{"5.2", "", "役割", {"5.2"}, "", {}}}), rules());
  EXPECT_EQ(bad_origin.error().reason, "invalid");
  EXPECT_EQ(apply_operation(items, take(2, {}), rules()).error().where.field, "content");
  EXPECT_EQ(items.size(), 1u);
}

TEST(TailoredStandard, SplitKeepsWhatTheItemHadAndMergeUnitesOrigins) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(items,
                              take(1, {{"8.1", "", "利用者端末を保護する。", {"iso27001-2022:8.1"}, "", {{"control_type", {"preventive"}}}},
                                       {"8.15", "", "ログを取得する。", {"iso27001-2022:8.15"}, "", {{"control_type", {"detective"}}}},
                                       {"8.16", "", "監視する。", {"iso27001-2022:8.16"}, "", {{"control_type", {"detective", "corrective"}}}}}),
                              rules()));
  Operation level = on(2, OperationKind::set_level, {"1.3"}, "資源が限られるため推奨とする");
  level.level = ItemLevel::recommended;
  ASSERT_TRUE(apply_operation(items, level, rules()));

  Operation split = on(3, OperationKind::split, {"1.1"}, "貸与PCと私物端末で管理方法が異なるため");
  split.content = {{"8.1.1", "", "貸与PCを保護する。", {}, "", {}}, {"8.1.2", "", "私物端末の業務利用を制限する。", {}, "", {}}};
  ASSERT_TRUE(apply_operation(items, split, rules()));
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].number, "8.1.1");
  EXPECT_EQ(items[1].number, "8.1.2");
  EXPECT_EQ(items[1].origin, std::vector<std::string>{"iso27001-2022:8.1"});
  EXPECT_EQ(items[1].attributes, (AttributeValues{{"control_type", {"preventive"}}}));
  EXPECT_EQ(items[1].history, (std::vector<int>{1, 3}));

  Operation merge = on(4, OperationKind::merge, {"1.2", "1.3"}, "ログ取得と監視は同一の運用で実施しているため");
  merge.content = {{"8.15-16", "ログ取得及び監視", "ログを取得し、異常を監視する。", {}, "", {}}};
  ASSERT_TRUE(apply_operation(items, merge, rules()));
  ASSERT_EQ(items.size(), 3u);
  const auto& m = by_number(items, "8.15-16");
  EXPECT_EQ(m.origin, (std::vector<std::string>{"iso27001-2022:8.15", "iso27001-2022:8.16"}));
  EXPECT_EQ(m.attributes, (AttributeValues{{"control_type", {"detective", "corrective"}}}));
  EXPECT_EQ(m.level, ItemLevel::required);  // one of them was 必須
  EXPECT_EQ(m.history, (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(m.title, "ログ取得及び監視");
  EXPECT_EQ(items[2].key, "4.1");  // in place of the first merged item

  Operation one = on(5, OperationKind::merge, {"4.1"}, "一つだけ");
  one.content = {{"x", "", "x", {}, "", {}}};
  EXPECT_EQ(apply_operation(items, one, rules()).error().reason, "too_few");
  Operation split_one = on(5, OperationKind::split, {"4.1"}, "一つにしか分けない");
  split_one.content = {{"x", "", "x", {}, "", {}}};
  EXPECT_EQ(apply_operation(items, split_one, rules()).error().reason, "too_few");
  Operation unknown = on(5, OperationKind::reword, {"9.9"}, "存在しない");
  unknown.content = {{"", "", "x", {}, "", {}}};
  EXPECT_EQ(apply_operation(items, unknown, rules()).error().reason, "unknown_item");
}

TEST(TailoredStandard, AddNamesItsSourceByStep) {
  std::vector<TailoredItem> items;
  Operation law = on(1, OperationKind::add, {}, "個人情報保護法の安全管理措置を明記するため");
  law.add_step = 2;
  law.content = {{"L-1", "", "個人データの漏えい等が発生した場合は、個人情報保護委員会に報告する。", {}, "", {}}};
  EXPECT_EQ(apply_operation(items, law, rules()).error().where.field, "source");
  law.content[0].source = "個人情報の保護に関する法律 第26条";
  ASSERT_TRUE(apply_operation(items, law, rules()));
  EXPECT_EQ(step_of(law), 2);

  Operation other = on(2, OperationKind::add, {}, "IoT機器の管理策を強化するため");
  other.add_step = 3;
  other.content = {{"CPSF-1", "", "IoT機器の設定を管理する。", {}, "", {}}};
  EXPECT_EQ(apply_operation(items, other, rules()).error().where.field, "origin");
  other.content[0].source = "サイバー・フィジカル・セキュリティ対策フレームワーク";
  ASSERT_TRUE(apply_operation(items, other, rules()));
  other.add_step = 5;
  EXPECT_EQ(apply_operation(items, other, rules()).error().where.field, "add_step");
  Operation after = on(3, OperationKind::add, {}, "独自");
  after.after = "7.7";
  after.content = {{"X-1", "", "独自の項目", {}, "", {}}};
  EXPECT_EQ(apply_operation(items, after, rules()).error().where.field, "after");
}

TEST(TailoredStandard, TechnicalItemsHaveAShorterReviewInterval) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(items, take(1, {{"8.8", "", "技術的ぜい弱性を管理する。", {"iso27001-2022:8.8"}, "", {}}}), rules()));
  Operation tech = on(2, OperationKind::set_technical, {"1.1"}, "ペネトレーションテストを外部専門家に委託するため");
  tech.technical = true;
  tech.review_months = 0;
  EXPECT_EQ(apply_operation(items, tech, rules()).error().reason, "required");
  tech.review_months = 12;
  EXPECT_EQ(apply_operation(items, tech, rules()).error().reason, "not_shorter");
  EXPECT_EQ(apply_operation(items, tech, rules()).error().where.field, "review_months");
  tech.review_months = 6;
  ASSERT_TRUE(apply_operation(items, tech, rules()));
  EXPECT_TRUE(items[0].technical);
  EXPECT_EQ(items[0].review_months, 6);
  EXPECT_EQ(step_of(tech), 7);
  Operation off = on(3, OperationKind::set_technical, {"1.1"}, "内製化したため");
  ASSERT_TRUE(apply_operation(items, off, rules()));
  EXPECT_FALSE(items[0].technical);
  EXPECT_EQ(items[0].review_months, 0);
}

TEST(TailoredStandard, AlignRecordsRegulationsAndAttributesFollowTheVocabulary) {
  std::vector<TailoredItem> items;
  ASSERT_TRUE(apply_operation(items, take(1, {{"5.4", "", "管理層は要求する。", {"iso27001-2022:5.4"}, "", {}}}), rules()));
  Operation align = on(2, OperationKind::align, {"1.1"}, "既存の情報セキュリティ規程と整合させるため");
  EXPECT_EQ(apply_operation(items, align, rules()).error().where.field, "regulations");
  align.regulations = {{"情報セキュリティ基本規程", "第5条"}};
  align.text = "最高情報セキュリティ責任者は、全ての要員に要求する。";
  ASSERT_TRUE(apply_operation(items, align, rules()));
  EXPECT_EQ(items[0].regulations, (std::vector<RegulationRef>{{"情報セキュリティ基本規程", "第5条"}}));
  EXPECT_EQ(items[0].text, "最高情報セキュリティ責任者は、全ての要員に要求する。");
  EXPECT_EQ(step_of(align), 5);

  Operation attrs = on(3, OperationKind::set_attributes, {"1.1"}, "分類のため");
  attrs.attributes = {{"control_type", {"watching"}}};
  EXPECT_EQ(apply_operation(items, attrs, rules()).error().reason, "unknown_value");
  attrs.attributes = {{"control_type", {"preventive"}}, {"監査重点", {"2026年度"}}};  // the organisation's own type
  ASSERT_TRUE(apply_operation(items, attrs, rules()));
  EXPECT_EQ(items[0].attributes, (AttributeValues{{"control_type", {"preventive"}}, {"監査重点", {"2026年度"}}}));
  attrs.seq = 4;
  attrs.attributes = {{"監査重点", {}}};  // empty values remove the type
  ASSERT_TRUE(apply_operation(items, attrs, rules()));
  EXPECT_EQ(items[0].attributes, (AttributeValues{{"control_type", {"preventive"}}}));
}

TEST(TailoredStandard, DeriveReplaysTheLogAndNamesTheFailingOperation) {
  Operation reword = on(2, OperationKind::reword, {"1.1"}, "表現を修正");
  reword.content = {{"A-1", "", "新しい文言。", {}, "", {}}};
  Operation remove = on(3, OperationKind::remove, {"1.2"}, "当組織では該当しないため");
  std::vector<Operation> log{take(1, {{"5.1", "", "方針。", {"iso27001-2022:5.1"}, "", {}},
                                      {"5.2", "", "役割。", {"iso27001-2022:5.2"}, "", {}}}),
                             reword, remove};
  auto items = derive_items(log, rules());
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].number, "A-1");
  EXPECT_EQ((*items)[0].key, "1.1");
  log.push_back(on(4, OperationKind::remove, {"1.2"}, "二度目"));
  auto broken = derive_items(log, rules());
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("operation 4"), std::string::npos);
}

TEST(TailoredStandard, MergeAttributesIsAnOrderedUnion) {
  EXPECT_EQ(merge_attributes({{{"a", {"1", "2"}}}, {{"b", {"x"}}, {"a", {"2", "3"}}}}),
            (AttributeValues{{"a", {"1", "2", "3"}}, {"b", {"x"}}}));
  EXPECT_TRUE(valid_origin("ismap-2024:4.8.2.2"));
  EXPECT_FALSE(valid_origin("4.8.2.2"));
  EXPECT_FALSE(valid_origin(":4.8"));
  EXPECT_FALSE(valid_origin("ismap:"));
}

}  // namespace mamori::domain
