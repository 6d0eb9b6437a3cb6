// The starter list of cloud-specific risk sources of seed 003 4.2.1
// (ISMS クラウドセキュリティ認証の手引き: (1) the risks that come with using
// and providing cloud services, (2) operational risks), in the seed's
// wording, each with the JIS Q 27017 clause the seed points to and controls
// of the loaded catalogs that treat it. Offered as proposed risks when a
// cloud service is added: the provider's side, the customer's side, or both
// (a SaaS on an IaaS is both).
#pragma once

#include <string>
#include <vector>

#include "domain/risk_register.h"

namespace mamori::domain {

struct CloudRiskSource {
  std::string key;       // stable: "cloud.backup"
  std::string group_ja;  // (1) 前提となるリスク / (2) 運用上のリスク
  std::string group_en;
  std::string title_ja;  // the seed's heading
  std::string title_en;
  std::string reference;     // 「JIS Q 27017 12.3.1」
  std::string common;        // what the seed says to both parties ("" if nothing)
  std::string for_provider;  // the seed's wording for the provider ("" if none)
  std::string for_customer;  // and for the customer
  std::vector<ControlRef> controls;
};

const std::vector<CloudRiskSource>& cloud_risk_sources();

// One proposed risk: a source seen from one side.
struct StarterRisk {
  std::string source_key;   // "cloud.backup.provider": stored on the risk it becomes
  std::string perspective;  // provider | customer
  std::string title_ja;     // 「情報のバックアップの不備（提供者として）」
  std::string title_en;
  std::string threat;       // the seed's wording: common text, then this side's
  std::string reference;
  std::vector<ControlRef> controls;
};

// The proposals for a service in the given roles, provider side first.
std::vector<StarterRisk> starter_risks(bool as_provider, bool as_customer);

}  // namespace mamori::domain
