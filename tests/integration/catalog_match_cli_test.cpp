// `mamori catalog match` as a script uses it: one question per input line,
// one JSON object per output line, in the same order.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/process.h"

namespace mamori {

namespace {

using nlohmann::json;

test::ProcessResult mamori(std::vector<std::string> args, const std::string& input) {
  args.insert(args.begin(), MAMORI_BINARY);
  return test::run(args, input);
}

std::vector<json> lines_of(const std::string& out) {
  std::vector<json> objects;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) objects.push_back(json::parse(line));
  return objects;
}

TEST(CatalogMatch, AnswersEachLineInOrderWithTheIsmapCategoryFirst) {
  const std::string input =
      "マルウェア対策ソフトを導入し、定義ファイルを最新に保っていますか。\n"
      "データのバックアップを定期的に取得し、復元テストを実施していますか。\n"
      "\n"
      "情報資産の目録を作成し、維持していますか。\n";
  auto r = mamori({"catalog", "match", "ismap-2024", "--top", "3", "--json"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 4u) << r.out;
  EXPECT_EQ(out[0]["query"], "マルウェア対策ソフトを導入し、定義ファイルを最新に保っていますか。");
  EXPECT_EQ(out[0]["matches"][0]["ref"], "12.2");
  EXPECT_EQ(out[0]["matches"][0]["title"], "マルウェアからの保護");
  EXPECT_EQ(out[1]["matches"][0]["ref"], "12.3");
  EXPECT_TRUE(out[2]["matches"].empty()) << "a blank line matches nothing but keeps its place";
  EXPECT_EQ(out[3]["matches"][0]["ref"], "8.1");
  for (const auto& o : out) {
    EXPECT_LE(o["matches"].size(), 3u);
    double previous = 1.0;
    for (const auto& m : o["matches"]) {
      const double score = m["score"];
      EXPECT_GT(score, 0.0);
      EXPECT_LE(score, previous) << "best first";
      previous = score;
    }
  }
}

TEST(CatalogMatch, LevelZeroRanksSingleItems) {
  auto r = mamori({"catalog", "match", "ismap-2024", "--level", "0", "--top", "1", "--json"},
                  "マルウェアに対する検出、予防及び回復の管理策\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 1u);
  const std::string ref = out[0]["matches"][0]["ref"];
  EXPECT_EQ(ref.rfind("12.2.1", 0), 0u) << ref << ": an item below the category, not the category";
}

TEST(CatalogMatch, BadInputIsAnErrorWithTheLine) {
  auto unknown = mamori({"catalog", "match", "no-such-catalog", "--json"}, "x\n");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no-such-catalog"), std::string::npos) << unknown.err;

  auto binary = mamori({"catalog", "match", "ismap-2024", "--json"}, "ok\n\xff\xfe broken\n");
  EXPECT_EQ(binary.exit_code, 2);
  EXPECT_NE(binary.err.find("stdin"), std::string::npos) << binary.err;
  EXPECT_NE(binary.err.find("2"), std::string::npos) << binary.err;

  auto huge = mamori({"catalog", "match", "ismap-2024"}, std::string(100 * 1024, 'a') + "\n");
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_NE(huge.err.find("64 KiB"), std::string::npos) << huge.err;
}

}  // namespace

}  // namespace mamori
