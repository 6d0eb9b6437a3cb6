#include "domain/sheet_template.h"

namespace mamori::domain {

bool is_required_ismap_item(const Node& node) {
  if (node.kind == "item" || node.kind == "objective") return true;
  return node.kind == "detail" && node.has_flag("B");
}

Catalog derive_detailed_sheet(const Catalog& ismap) {
  Catalog sheet;
  auto& info = sheet.info;
  info.id = kDetailedSheetId;
  info.version = ismap.info.version;
  info.title = "クラウドサービス要件確認 (チェックシート詳細版)";
  info.title_en = "Cloud service requirement check sheet (detailed)";
  info.publisher = ismap.info.publisher;
  info.source = "generated from " + ismap.info.id + " " + ismap.info.version +
                ": one question per governance item, management item, 3-digit 統制目標 and .B/.PB 詳細管理策";
  info.kinds = {"group", "question"};
  info.flags = ismap.info.flags;
  sheet.file = "(derived from " + ismap.file + ")";

  const CatalogIndex index(ismap);
  for (std::size_t root : index.roots()) {
    const Node& group_node = ismap.nodes[root];
    Node group;
    group.ref = group_node.ref;
    group.kind = "group";
    group.title = group_node.title;
    group.title_en = group_node.title_en;

    std::vector<Node> questions;
    // Depth-first in document order: the order of the catalog is the order
    // of the sheet.
    std::vector<std::size_t> stack(index.children(root).rbegin(), index.children(root).rend());
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      const Node& n = ismap.nodes[i];
      if (is_required_ismap_item(n)) {
        Node q;
        q.ref = n.ref;
        q.parent = group.ref;
        q.kind = "question";
        q.title = n.title;
        q.title_en = n.title_en;
        q.text = n.text;
        q.flags = n.flags;
        q.required = true;
        q.refers_to = {ismap.info.id + ":" + n.ref};
        q.answer = AnswerSpec{"conformity", {}, {}};
        questions.push_back(std::move(q));
      }
      const auto& kids = index.children(i);
      stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
    if (questions.empty()) continue;
    sheet.nodes.push_back(std::move(group));
    for (auto& q : questions) sheet.nodes.push_back(std::move(q));
  }
  return sheet;
}

}  // namespace mamori::domain
