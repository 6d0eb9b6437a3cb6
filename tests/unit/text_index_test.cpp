#include "domain/text_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "app/catalog_loader.h"

namespace mamori::domain {

namespace {

// ISMAP 管理基準 (令和6年8月1日) 管理策 texts, as in catalogs/ismap-2024.yaml.
const std::vector<std::string> kIsmapControls = {
    /* 0  5.1.1  */ "情報セキュリティのための方針群は、これを定義し、管理層が承認し、発行し、従業員及び関連する外部関係者に通知する。",
    /* 1  6.2.2  */ "テレワーキングの場所でアクセス、処理及び保存される情報を保護するために、方針及びその方針を支援するセキュリティ対策を実施する。",
    /* 2  7.2.2  */ "組織の全ての従業員、及び関係する場合には契約相手は、職務に関連する組織の方針及び手順について、適切な、意識向上のための教育及び訓練を受け、また、定めに従ってその更新を受ける。",
    /* 3  9.2.1  */ "アクセス権の割当てを可能にするために、利用者の登録及び登録削除についての正式なプロセスを実施する。",
    /* 4  9.4.2  */ "アクセス制御方針で求められている場合には、システム及びアプリケーションへのアクセスは、セキュリティに配慮したログイン手順によって制御する。",
    /* 5  10.1.2 */ "暗号鍵の利用、保護及び有効期間 (lifetime) に関する方針を策定し、そのライフサイクル全体にわたって実施する。",
    /* 6  11.1.2 */ "セキュリティを保つべき領域は、認可された者だけにアクセスを許すことを確実にするために、適切な入退管理策によって保護する。",
    /* 7  12.2.1 */ "マルウェアから保護するために、利用者に適切に認識させることと併せて、検出、予防及び回復のための管理策を実施する。",
    /* 8  12.3.1 */ "情報、ソフトウェア及びシステムイメージのバックアップは、合意されたバックアップ方針に従って定期的に取得し、検査する。",
    /* 9  12.4.1 */ "利用者の活動、例外処理、過失及び情報セキュリティ事象を記録したイベントログを取得し、保持し、定期的にレビューする。",
    /* 10 12.6.1 */ "利用中の情報システムの技術的ぜい弱性に関する情報は、時機を失せず獲得する。また、そのようなぜい弱性に組織がさらされている状況を評価する。さらに、それらと関連するリスクに対処するために、適切な手段をとる。",
    /* 11 13.2.1 */ "あらゆる形式の通信設備を利用した情報転送を保護するために、正式な転送方針、手順及び管理策を備える。",
    /* 12 15.2.1 */ "組織は、供給者のサービス提供を定期的に監視し、レビューし、監査する。",
    /* 13 16.1.1 */ "情報セキュリティインシデントに対する迅速、効果的かつ順序だった対応を確実にするために、管理層の責任及び手順を確立する。",
    /* 14 17.2.1 */ "情報処理施設は、可用性の要求事項を満たすのに十分な冗長性をもって、導入する。",
};

TextIndex ismap_index() {
  TextIndex index;
  for (const auto& text : kIsmapControls) index.add(text);
  index.build();
  return index;
}

std::size_t top_document(const TextIndex& index, std::string_view question) {
  auto found = index.query(question, 1);
  return found.empty() ? static_cast<std::size_t>(-1) : found[0].document;
}

}  // namespace

TEST(TextIndex, AddNumbersDocumentsInOrder) {
  TextIndex index;
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.add("マルウェア対策"), 0u);
  EXPECT_EQ(index.add("バックアップ"), 1u);
  EXPECT_EQ(index.add(""), 2u);  // an empty document still takes a number
  EXPECT_EQ(index.size(), 3u);
}

TEST(TextIndex, ExactDuplicateScoresOneAndRanksFirst) {
  const auto index = ismap_index();
  for (std::size_t i = 0; i < kIsmapControls.size(); ++i) {
    auto found = index.query(kIsmapControls[i], 3);
    ASSERT_FALSE(found.empty()) << i;
    EXPECT_EQ(found[0].document, i);
    EXPECT_NEAR(found[0].score, 1.0, 1e-5) << i;
    if (found.size() > 1) {
      EXPECT_LT(found[1].score, 0.5) << i;
    }
  }
}

TEST(TextIndex, RewordedMalwareQuestionFindsIsmapControl) {
  const auto index = ismap_index();
  auto found = index.query("マルウェア対策を実施していますか", 3);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].document, 7u);  // 12.2.1
  EXPECT_GT(found[0].score, 0.15);
  if (found.size() > 1) {
    EXPECT_GT(found[0].score, 1.5 * found[1].score);
  }
}

TEST(TextIndex, RewordedCheckSheetQuestionsFindTheirControls) {
  const auto index = ismap_index();
  struct Pair {
    const char* question;
    std::size_t control;
  };
  const Pair pairs[] = {
      {"データのバックアップを定期的に取得し、復元できることを確認していますか。", 8},
      {"利用者の操作ログやイベントログを取得・保管し、定期的に確認していますか。", 9},
      {"暗号鍵の管理（生成・保管・有効期間）に関する方針を定めていますか。", 5},
      {"利用者ＩＤの登録及び削除を正式な手続きで行っていますか。", 3},
      {"情報セキュリティインシデントが発生した場合の対応手順と責任者を定めていますか。", 13},
      {"全ての従業員が意識向上のための教育及び訓練を受けていますか。", 2},
      {"技術的な脆弱性に関する情報を時機を失せず入手し、対処していますか。", 10},
      {"データセンターへの入退室は許可された者に限定していますか。", 6},
      {"委託先（供給者）のサービス提供状況を定期的に監視・監査していますか。", 12},
      {"テレワーク時の情報の保護について方針を定めていますか。", 1},
      {"システムへのログイン手順はセキュリティに配慮したものですか。", 4},
      {"冗長構成により可用性を確保していますか。", 14},
  };
  for (const auto& p : pairs) EXPECT_EQ(top_document(index, p.question), p.control) << p.question;
}

TEST(TextIndex, CommonPhraseIsDownWeighted) {
  // 「情報セキュリティ」 is in every document (as in the catalogs), so it
  // weighs little; the rarer words decide.
  TextIndex index;
  for (const auto& text : kIsmapControls) index.add("情報セキュリティ：" + text);
  const std::size_t repeated = index.add("情報セキュリティ。情報セキュリティ。情報セキュリティ。");
  index.build();
  auto found = index.query("情報セキュリティのバックアップ", 3);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].document, 8u);  // 12.3.1
  EXPECT_GT(found[0].score, 1.5 * found[1].score);
  // Alone, the common phrase still finds the document that is nothing else.
  EXPECT_EQ(top_document(index, "情報セキュリティ"), repeated);
}

TEST(TextIndex, UnrelatedTextScoresLow) {
  const auto index = ismap_index();
  for (const char* text : {"本日の天気は晴れのち曇りでしょう。", "Quarterly revenue grew by twelve percent.",
                           "おいしいカレーライスの作り方"}) {
    auto found = index.query(text, 3);
    if (!found.empty()) {
      EXPECT_LT(found[0].score, 0.1) << text;
    }
  }
}

TEST(TextIndex, UnseenTextDoesNotChangeTheRanking) {
  const auto index = ismap_index();
  auto plain = index.query("バックアップ方針", 5);
  auto padded = index.query("バックアップ方針 ＸＹＺ株式会社様向け回答書", 5);
  ASSERT_EQ(plain.size(), padded.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].document, padded[i].document);
    // Text the index never saw lowers the score (it counts in the query's norm).
    EXPECT_LT(padded[i].score, plain[i].score);
  }
}

TEST(TextIndex, EmptyInputsReturnNothing) {
  const auto index = ismap_index();
  EXPECT_TRUE(index.query("", 5).empty());
  EXPECT_TRUE(index.query("   \n\t　", 5).empty());
  EXPECT_TRUE(index.query("、。・「」（）()!?。。。…※○【】", 5).empty());
  EXPECT_TRUE(index.query("マルウェア", 0).empty());
  EXPECT_TRUE(index.query("鍵", 5).empty());  // one character: no n-gram

  TextIndex empty;
  EXPECT_TRUE(empty.query("マルウェア", 5).empty());
  empty.build();
  EXPECT_TRUE(empty.query("マルウェア", 5).empty());
  EXPECT_EQ(empty.size(), 0u);
}

TEST(TextIndex, EmptyAndPunctuationOnlyDocumentsNeverMatch) {
  TextIndex index;
  index.add("");
  index.add("、。・「」");
  index.add("マルウェア対策");
  index.build();
  auto found = index.query("マルウェア対策", 5);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].document, 2u);
}

TEST(TextIndex, InvalidUtf8IsTolerated) {
  TextIndex index;
  index.add(std::string("マルウェア\xff\xfe対策"));
  index.add(std::string("\xe3\x81", 2));  // truncated sequence only
  index.build();
  auto found = index.query(std::string("マルウェア\xc0対策"), 5);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].document, 0u);
  EXPECT_NEAR(found[0].score, 1.0, 1e-5);
}

TEST(TextIndex, WidthAndCaseDoNotMatter) {
  TextIndex index;
  index.add("ＶＰＮ接続はＭＦＡで保護する");
  index.add("ﾊﾟｽﾜｰﾄﾞは12文字以上とする");
  index.add("バックアップを取得する");
  index.build();

  auto vpn = index.query("vpn接続はmfaで保護する", 1);
  ASSERT_EQ(vpn.size(), 1u);
  EXPECT_EQ(vpn[0].document, 0u);
  EXPECT_NEAR(vpn[0].score, 1.0, 1e-5);

  auto password = index.query("パスワードは１２文字以上とする", 1);
  ASSERT_EQ(password.size(), 1u);
  EXPECT_EQ(password[0].document, 1u);
  EXPECT_NEAR(password[0].score, 1.0, 1e-5);

  EXPECT_EQ(top_document(index, "Vpn"), 0u);
  EXPECT_EQ(top_document(index, "ﾊﾞｯｸｱｯﾌﾟ"), 2u);
}

TEST(TextIndex, AsciiWordsMatchWhole) {
  TextIndex index;
  index.add("Multi-factor authentication (MFA) for administrators");
  index.add("Access control policy");
  index.build();
  EXPECT_EQ(top_document(index, "MFA"), 0u);
  EXPECT_EQ(top_document(index, "access CONTROL"), 1u);
}

TEST(TextIndex, TopNLargerThanIndexReturnsEveryMatch) {
  const auto index = ismap_index();
  auto found = index.query("情報セキュリティ", 1000);
  EXPECT_GT(found.size(), 1u);
  EXPECT_LE(found.size(), kIsmapControls.size());
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].score, found[i].score);
  for (const auto& m : found) {
    EXPECT_GT(m.score, 0.0);
    EXPECT_LE(m.score, 1.0);
  }
}

TEST(TextIndex, TopNCutsTheList) {
  const auto index = ismap_index();
  auto all = index.query("方針を定めて実施する", 100);
  ASSERT_GT(all.size(), 3u);
  auto three = index.query("方針を定めて実施する", 3);
  ASSERT_EQ(three.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(three[i].document, all[i].document);
}

TEST(TextIndex, TiesKeepTheOrderDocumentsWereAdded) {
  TextIndex index;
  index.add("ログを取得する");
  index.add("バックアップを取得する");
  index.add("ログを取得する");
  index.add("ログを取得する");
  index.build();
  auto found = index.query("ログを取得する", 10);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].document, 0u);
  EXPECT_EQ(found[1].document, 2u);
  EXPECT_EQ(found[2].document, 3u);
  EXPECT_EQ(found[3].document, 1u);
  EXPECT_EQ(found[0].score, found[1].score);
  EXPECT_EQ(found[1].score, found[2].score);
}

TEST(TextIndex, IsDeterministic) {
  const auto a = ismap_index();
  const auto b = ismap_index();
  const char* question = "アクセス権の管理とログの取得について方針を定めていますか";
  const auto first = a.query(question, 10);
  ASSERT_FALSE(first.empty());
  for (int i = 0; i < 3; ++i) {
    for (const TextIndex* index : {&a, &b}) {
      const auto again = index->query(question, 10);
      ASSERT_EQ(again.size(), first.size());
      for (std::size_t k = 0; k < first.size(); ++k) {
        EXPECT_EQ(again[k].document, first[k].document);
        EXPECT_EQ(again[k].score, first[k].score);
      }
    }
  }
}

TEST(TextIndex, QueryBeforeBuildReturnsNothing) {
  TextIndex index;
  index.add("マルウェア対策");
  EXPECT_TRUE(index.query("マルウェア対策", 5).empty());
}

TEST(TextIndex, DocumentsAddedAfterBuildWaitForTheNextBuild) {
  TextIndex index;
  index.add("マルウェア対策を実施する");
  index.build();
  EXPECT_EQ(index.add("バックアップを取得する"), 1u);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_TRUE(index.query("バックアップ", 5).empty());  // not built yet
  EXPECT_EQ(top_document(index, "マルウェア"), 0u);     // the built part still answers

  index.build();
  EXPECT_EQ(top_document(index, "バックアップ"), 1u);
  EXPECT_EQ(top_document(index, "マルウェア"), 0u);
  // Rebuilding is idempotent.
  const auto before = index.query("バックアップとマルウェア", 5);
  index.build();
  const auto after = index.query("バックアップとマルウェア", 5);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i].document, after[i].document);
    EXPECT_EQ(before[i].score, after[i].score);
  }
}

TEST(TextIndex, BuildingInStepsEqualsBuildingAtOnce) {
  TextIndex at_once, in_steps;
  for (const auto& text : kIsmapControls) at_once.add(text);
  at_once.build();
  for (std::size_t i = 0; i < kIsmapControls.size(); ++i) {
    in_steps.add(kIsmapControls[i]);
    if (i % 4 == 0) in_steps.build();  // idf changes as documents come in
  }
  in_steps.build();
  for (const char* question : {"マルウェア対策を実施していますか", "バックアップとログの取得", "暗号鍵の管理方針"}) {
    const auto a = at_once.query(question, 20);
    const auto b = in_steps.query(question, 20);
    ASSERT_EQ(a.size(), b.size()) << question;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].document, b[i].document) << question;
      EXPECT_DOUBLE_EQ(a[i].score, b[i].score) << question;
    }
  }
}

TEST(TextIndex, VeryRepetitiveDocumentStillScoresWithinRange) {
  TextIndex index;
  std::string spam;
  for (int i = 0; i < 1000; ++i) spam += "ログ取得 ";  // tf far above 255
  index.add(spam);
  index.add("ログを取得し、保管する。");
  index.build();
  const auto found = index.query(spam, 5);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].document, 0u);
  EXPECT_NEAR(found[0].score, 1.0, 1e-5);
  EXPECT_LE(found[1].score, 1.0);
}

TEST(TextIndex, MovesKeepTheIndex) {
  TextIndex index = ismap_index();
  TextIndex moved(std::move(index));
  EXPECT_EQ(moved.size(), kIsmapControls.size());
  EXPECT_EQ(top_document(moved, "マルウェア対策"), 7u);

  TextIndex assigned;
  assigned = std::move(moved);
  EXPECT_EQ(top_document(assigned, "マルウェア対策"), 7u);

  // A moved-from index answers nothing and can be filled again.
  EXPECT_EQ(index.size(), 0u);  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(index.query("マルウェア", 5).empty());
  index.add("マルウェア");
  index.build();
  EXPECT_EQ(top_document(index, "マルウェア"), 0u);
}

TEST(TextIndex, FindsThePlantedDocumentAmongThousands) {
  // Not timed (see bench/matcher_bench.cpp for speed): many near-identical
  // documents, one of them about the question.
  TextIndex index;
  for (std::size_t i = 0; i < 3000; ++i) {
    const auto& a = kIsmapControls[i % kIsmapControls.size()];
    const auto& b = kIsmapControls[(i * 7 + 3) % kIsmapControls.size()];
    index.add("当社は" + a + b + "（回答 No." + std::to_string(i) + "）");
  }
  const std::size_t planted = index.add("顧客データは AES-256 で暗号化し、暗号鍵は HSM で管理しています。");
  index.build();
  auto found = index.query("保存データの暗号化と鍵管理に HSM を使っていますか", 5);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].document, planted);
}

TEST(TextIndex, MinScoreLeavesOutOnlyWhatScoresBelowIt) {
  // A min_score lets query() skip the postings of common terms; what it
  // returns must be what a full query returns at or above min_score, with
  // the same scores (summed in another order: equal to float precision).
  const auto* bundle = app::builtin_bundle().value();
  TextIndex index;
  std::vector<std::string> questions;
  for (const auto& c : bundle->catalogs)
    for (const auto& n : c.nodes) {
      index.add(n.title + "\n" + n.text);
      if (n.text.size() > 60) questions.push_back(n.text.substr(0, 60 - 60 % 3) + "していますか。");
    }
  for (std::size_t i = 0; i < 3000; ++i) {
    const auto& a = kIsmapControls[i % kIsmapControls.size()];
    const auto& b = kIsmapControls[(i * 7 + 3) % kIsmapControls.size()];
    index.add(i % 3 ? "当社は" + a + b + "（回答 No." + std::to_string(i) + "）" : "マルウェア対策 No." + std::to_string(i));
  }
  index.build();
  for (const auto& q : kIsmapControls) questions.push_back(q);
  questions.push_back("ウイルス対策ソフトを全てのサーバに導入していますか。");
  questions.push_back("貴社の資本金を記入してください。");
  std::size_t compared = 0;
  for (const auto& q : questions) {
    const auto all = index.query(q, index.size());
    for (double min_score : {0.05, 0.12, 0.3, 0.5}) {
      const auto some = index.query(q, index.size(), min_score);
      std::vector<TextMatch> want;
      for (const auto& m : all)
        if (m.score >= min_score) want.push_back(m);
      // A score within float precision of min_score may fall either side.
      auto near = [&](const TextMatch& m) { return std::abs(m.score - min_score) < 1e-5; };
      std::size_t i = 0, j = 0;
      while (i < want.size() || j < some.size()) {
        if (i < want.size() && near(want[i]) && (j == some.size() || want[i].document != some[j].document)) {
          ++i;
          continue;
        }
        if (j < some.size() && near(some[j]) && (i == want.size() || want[i].document != some[j].document)) {
          ++j;
          continue;
        }
        ASSERT_LT(i, want.size()) << q << " min_score " << min_score;
        ASSERT_LT(j, some.size()) << q << " min_score " << min_score;
        // The same document, or one whose score equals it up to float noise
        // (equal scores may swap places).
        EXPECT_NEAR(some[j].score, want[i].score, 1e-5) << q;
        ++i, ++j, ++compared;
      }
    }
  }
  EXPECT_GT(compared, 100u);  // the test compared something
}

TEST(TextIndex, QuestionsFindTheirPlaceInTheBuiltinIsmapCatalog) {
  // Every ismap-2024 node (title + 管理目的 + text), as the app would index
  // it; vendor-style questions land on a node of the right category.
  const auto* bundle = app::builtin_bundle().value();
  const Catalog* ismap = bundle->find("ismap-2024");
  ASSERT_NE(ismap, nullptr);
  TextIndex index;
  for (const auto& n : ismap->nodes) index.add(n.title + "\n" + n.objective + "\n" + n.text);
  index.build();

  struct Pair {
    const char* question;
    const char* category;
  };
  const Pair pairs[] = {
      {"マルウェア対策ソフトを導入していますか。", "12.2"},
      {"データのバックアップを定期的に取得し、復元テストを実施していますか。", "12.3"},
      {"従業員に対して情報セキュリティ教育を定期的に実施していますか。", "7.2"},
      {"採用時に経歴などの確認を行っていますか。", "7.1"},
      {"各サーバの時刻は信頼できる時刻源と同期していますか。", "12.4"},
      {"USBメモリなど取外し可能な媒体の利用を制限していますか。", "8.3"},
      {"開発環境・試験環境と本番環境を分離していますか。", "12.1"},
      {"ソースコードへのアクセスを制限していますか。", "9.4"},
      {"ISMAPクラウドサービスリストに掲載されていますか。マルウェアからの保護はどうしていますか。", "12.2"},
  };
  for (const auto& p : pairs) {
    const auto found = index.query(p.question, 1);
    ASSERT_EQ(found.size(), 1u) << p.question;
    const std::string ref = ismap->nodes[found[0].document].ref;
    const std::string category = p.category;
    EXPECT_TRUE(ref == category || ref.rfind(category + ".", 0) == 0) << p.question << " -> " << ref;
  }
}

}  // namespace mamori::domain
