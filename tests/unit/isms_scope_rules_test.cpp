// The rules of cloud services in scope (domain/cloud_service.h): roles and
// the supply chain (JIP-ISMS517 4.1), cycles, and data countries.
#include <gtest/gtest.h>

#include "domain/cloud_service.h"
#include "domain/country_code.h"

namespace mamori::domain {

namespace {

CloudService svc(std::string id, std::string name, ServiceRole role, std::vector<ServiceDependency> runs_on = {}) {
  CloudService s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.role = role;
  s.runs_on = std::move(runs_on);
  return s;
}

ServiceDependency own(std::string id) { return {std::move(id), "", false}; }
ServiceDependency external(std::string name, bool ismap = false) { return {"", std::move(name), ismap}; }

std::string failing_field(CloudService s, const std::vector<CloudService>& others = {}) {
  auto r = check_cloud_service(s, others);
  return r ? "" : r.error().where.field + "/" + r.error().reason;
}

}  // namespace

TEST(ServiceRoleTest, NamesRoundTrip) {
  for (auto r : {ServiceRole::customer, ServiceRole::provider, ServiceRole::both})
    EXPECT_EQ(parse_service_role(to_string(r)), r);
  EXPECT_FALSE(parse_service_role("Both"));
  EXPECT_TRUE(provides(ServiceRole::both));
  EXPECT_FALSE(provides(ServiceRole::customer));
  EXPECT_TRUE(consumes(ServiceRole::both));
  EXPECT_FALSE(consumes(ServiceRole::provider));
  for (auto m : {ServiceModel::iaas, ServiceModel::paas, ServiceModel::saas, ServiceModel::other})
    EXPECT_EQ(parse_service_model(to_string(m)), m);
  EXPECT_FALSE(parse_service_model("faas"));
}

TEST(CloudServiceRulesTest, ASaasOnAnExternalIaasIsBoth) {
  EXPECT_EQ(failing_field(svc("a", "文書SaaS", ServiceRole::both, {external("AWS 東京リージョン (IaaS)", true)})), "");
  // JIP-ISMS517 4.1: the customer side is in scope too.
  EXPECT_EQ(failing_field(svc("a", "文書SaaS", ServiceRole::provider, {external("AWS")})), "role/needs_both");
  // both without another provider's service is just provider.
  EXPECT_EQ(failing_field(svc("a", "文書SaaS", ServiceRole::both)), "role/both_without_supplier");
  EXPECT_EQ(failing_field(svc("a", "文書SaaS", ServiceRole::provider)), "");
  // A service the organisation only uses may name who provides it.
  EXPECT_EQ(failing_field(svc("a", "業務メール", ServiceRole::customer, {external("メール事業者")})), "");
}

TEST(CloudServiceRulesTest, RunningOnTheOrganisationsOwnServices) {
  const std::vector<CloudService> others = {svc("iaas", "自社IaaS", ServiceRole::provider),
                                            svc("aws", "AWS", ServiceRole::customer)};
  // On its own IaaS a SaaS is simply provided (seed 003 4.1 pattern a).
  EXPECT_EQ(failing_field(svc("saas", "SaaS", ServiceRole::provider, {own("iaas")}), others), "");
  EXPECT_EQ(failing_field(svc("saas", "SaaS", ServiceRole::both, {own("iaas")}), others), "role/both_without_supplier");
  // On a service the organisation is a customer of: both.
  EXPECT_EQ(failing_field(svc("saas", "SaaS", ServiceRole::provider, {own("aws")}), others), "role/needs_both");
  EXPECT_EQ(failing_field(svc("saas", "SaaS", ServiceRole::both, {own("aws")}), others), "");
  EXPECT_TRUE(runs_on_other_provider(svc("saas", "SaaS", ServiceRole::both, {own("aws")}), others));
}

TEST(CloudServiceRulesTest, NoSelfNoCycleNoUnknownNoRepeat) {
  std::vector<CloudService> others = {svc("a", "A", ServiceRole::provider),
                                      svc("b", "B", ServiceRole::provider, {own("a")}),
                                      svc("c", "C", ServiceRole::provider, {own("b")})};
  EXPECT_EQ(failing_field(svc("a", "A", ServiceRole::provider, {own("a")}), others), "runs_on/self");
  // a -> c -> b -> a
  EXPECT_EQ(failing_field(svc("a", "A", ServiceRole::provider, {own("c")}), others), "runs_on/cycle");
  EXPECT_EQ(failing_field(svc("d", "D", ServiceRole::provider, {own("c")}), others), "");
  EXPECT_EQ(failing_field(svc("d", "D", ServiceRole::provider, {own("zzz")}), others), "runs_on/unknown_service");
  EXPECT_EQ(failing_field(svc("d", "D", ServiceRole::provider, {own("a"), own("a")}), others), "runs_on/duplicate");
  EXPECT_EQ(failing_field(svc("d", "D", ServiceRole::both, {external("AWS"), external(" aws ")}), others),
            "runs_on/duplicate");
  EXPECT_EQ(failing_field(svc("d", "D", ServiceRole::provider, {{"a", "", true}}), others), "runs_on/invalid");
  EXPECT_EQ(failing_field(svc("d", "D", ServiceRole::provider, {{"a", "AWS", false}}), others), "runs_on/invalid");
  EXPECT_EQ(dependants_of("a", others), std::vector<std::string>{"b"});
  EXPECT_TRUE(dependants_of("c", others).empty());
}

TEST(CloudServiceRulesTest, NamesAreRequiredAndUnique) {
  const std::vector<CloudService> others = {svc("a", "文書ＳａａＳ", ServiceRole::provider)};
  EXPECT_EQ(failing_field(svc("b", "  ", ServiceRole::provider), others), "name/required");
  EXPECT_EQ(failing_field(svc("b", "文書saas", ServiceRole::provider), others), "name/duplicate");
  EXPECT_EQ(failing_field(svc("a", "文書saas", ServiceRole::provider), others), "");  // itself
  EXPECT_EQ(failing_field(svc("b", std::string(201, 'x'), ServiceRole::provider), others), "name/too_long");
  CloudService s = svc("b", "  新サービス ", ServiceRole::provider);
  ASSERT_TRUE(check_cloud_service(s, others));
  EXPECT_EQ(s.name, "新サービス");
}

TEST(CloudServiceRulesTest, DataCountriesAreIsoCodes) {
  CloudService s = svc("a", "A", ServiceRole::provider);
  s.data_countries = {"jp", "ＵＳ"};
  ASSERT_TRUE(check_cloud_service(s, {}));
  EXPECT_EQ(s.data_countries, (std::vector<std::string>{"JP", "US"}));
  s.data_countries = {"JA"};
  EXPECT_EQ(failing_field(s), "data_countries/invalid_country");
  s.data_countries = {"JP", "jp"};
  EXPECT_EQ(failing_field(s), "data_countries/duplicate");
}

TEST(CloudServiceRulesTest, RunsOnFromTheApiLists) {
  auto deps = dependencies_from_lists({"s1"}, {"AWS 東京リージョン (IaaS)", "メール事業者"}, {"aws 東京リージョン (iaas)"});
  ASSERT_TRUE(deps);
  EXPECT_EQ(deps.value(), (std::vector<ServiceDependency>{own("s1"), external("AWS 東京リージョン (IaaS)", true),
                                                           external("メール事業者", false)}));
  auto bad = dependencies_from_lists({}, {"AWS"}, {"GCP"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where.field, "ismap_registered_external");
}

TEST(CountryCodeTest, OnlyAssignedCodes) {
  EXPECT_TRUE(is_country_code("JP"));
  EXPECT_TRUE(is_country_code("ZW"));
  EXPECT_TRUE(is_country_code("AD"));
  EXPECT_FALSE(is_country_code("jp"));
  EXPECT_FALSE(is_country_code("EU"));  // reserved, not a country
  EXPECT_FALSE(is_country_code("JPN"));
  EXPECT_FALSE(is_country_code(""));
  EXPECT_EQ(normalise_country_code(" sg "), "SG");
  EXPECT_EQ(normalise_country_code("ｊｐ"), "JP");
  EXPECT_FALSE(normalise_country_code("XX"));
}

}  // namespace mamori::domain
