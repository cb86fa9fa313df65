// Tests of the HTML reports (parley/report.h). Each report is read back with an XML parser (the
// reports are well-formed XML as well as HTML) and its plotted elements are counted against
// numbers derived here: the Pareto frontier by brute-force dominance checks, offers from the
// trace, zones by testing every package against the fallbacks, the head-to-head means from the
// tournament's rows. tests/browser/report_test.mjs opens the same reports in Chromium.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "fixtures.h"
#include "html_checks.h"
#include "parley/analysis.h"
#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/protocol.h"
#include "parley/report.h"
#include "parley/scenario_format.h"
#include "parley/tournament.h"
#include "report/markup.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::Count;
using testing::Find;
using testing::Parse;
using testing::RandomLinearScenario;

// Outcomes no other outcome dominates, by comparing every pair (utilities rounded as the
// analysis defines: UtilityKey).
std::size_t BruteForceFrontierSize(const Scenario& scenario) {
  std::vector<std::vector<std::int64_t>> keys;
  for (OutcomeIndex i = 0; i < *scenario.space().cardinality(); ++i) {
    const Outcome outcome = scenario.space().OutcomeAt(i);
    std::vector<std::int64_t> key;
    for (const auto& profile : scenario.profiles()) key.push_back(UtilityKey(profile.Utility(outcome)));
    keys.push_back(std::move(key));
  }
  std::size_t frontier = 0;
  for (const auto& a : keys) {
    bool dominated = false;
    for (const auto& b : keys) {
      bool at_least = true, better = false;
      for (std::size_t p = 0; p < a.size(); ++p) {
        at_least = at_least && b[p] >= a[p];
        better = better || b[p] > a[p];
      }
      if (at_least && better) {
        dominated = true;
        break;
      }
    }
    frontier += !dominated;
  }
  return frontier;
}

std::size_t TraceOffers(const NegotiationResult& result, std::optional<std::size_t> party = std::nullopt) {
  std::size_t offers = 0;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    offers += step.action == ActionType::kOffer && result.trace.has_offer(i) && (!party || step.party == *party);
  }
  return offers;
}

NegotiationResult Negotiate(const Scenario& scenario, std::uint64_t rounds = 60) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = 3;
  std::vector<std::string> specs(scenario.party_count(), "absolute-tft");
  specs.front() = "boulware";
  return RunNegotiation(scenario, specs, options);
}

TEST(Report, EscapesTextForHtmlAndXml) {
  EXPECT_EQ(report::Escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(report::Escape(std::string("a\x01z\tb", 5)), "a\xEF\xBF\xBDz\tb");
  EXPECT_EQ(report::Escape("caf\xC3\xA9"), "caf\xC3\xA9");  // UTF-8 passes through
  EXPECT_EQ(report::Shorten("abcdef", 4), "abc\xE2\x80\xA6");
  EXPECT_EQ(report::Shorten("abcd", 4), "abcd");
}

TEST(Report, TwoPartyNegotiationDrawsEveryOutcomeTheFrontierAndTheOffers) {
  const Scenario scenario = RandomLinearScenario(5, 2, 3);
  const NegotiationResult result = Negotiate(scenario);
  ASSERT_GT(TraceOffers(result), 0u);
  const auto page = Parse(NegotiationReportHtml(scenario, result, {"saop", 60, 0.0, 3}));
  const auto panels = Find(page->html, "figure", "utility-space");
  ASSERT_EQ(panels.size(), 1u);
  EXPECT_EQ(Count(panels[0], "circle", "outcome"), *scenario.space().cardinality());
  EXPECT_EQ(Count(panels[0], "circle", "frontier"), BruteForceFrontierSize(scenario));
  EXPECT_EQ(Count(panels[0], "circle", "offer"), TraceOffers(result));
  for (std::size_t p = 0; p < 2; ++p) {
    std::size_t drawn = 0;
    for (const auto& offer : Find(panels[0], "circle", "offer")) drawn += offer.attribute("data-actor").as_uint() == p;
    EXPECT_EQ(drawn, TraceOffers(result, p)) << "party " << p;
  }
  EXPECT_EQ(Count(panels[0], "", "agreement"), result.agreement ? 1u : 0u);
  EXPECT_EQ(Count(panels[0], "line", "reservation"), 2u);
  EXPECT_EQ(Count(page->html, "figure", "over-time"), 2u);
  // One offer path per party that offered, and no other data classes in the legend.
  EXPECT_EQ(Count(page->html, "polyline", "offer-path"), 2u);
  EXPECT_EQ(Count(page->html, "circle", "frontier"), BruteForceFrontierSize(scenario));
}

TEST(Report, OfferPointsSitAtTheirUtilities) {
  const Scenario scenario = RandomLinearScenario(8, 2, 3);
  const NegotiationResult result = Negotiate(scenario);
  const auto page = Parse(NegotiationReportHtml(scenario, result, {}));
  const auto offers = Find(page->html, "circle", "offer");
  // The offers of party 0 are drawn first, in trace order.
  std::vector<std::pair<double, double>> expected;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (result.trace.step(i).party == 0 && result.trace.has_offer(i) &&
        result.trace.step(i).action == ActionType::kOffer) {
      expected.emplace_back(result.trace.utility(i, 0), result.trace.utility(i, 1));
    }
  }
  ASSERT_GE(offers.size(), expected.size());
  // Pixels are an increasing affine map of utilities on each axis: find it from the axes' ticks.
  const auto panel = Find(page->html, "figure", "utility-space").front();
  const auto frame = Find(panel, "rect", "frame").front();
  const double left = frame.attribute("x").as_double(), top = frame.attribute("y").as_double();
  const double width = frame.attribute("width").as_double(), height = frame.attribute("height").as_double();
  // Utilities are within [0, 1] for linear additive scenarios with non-negative reservation values.
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const double x = offers[k].attribute("cx").as_double(), y = offers[k].attribute("cy").as_double();
    EXPECT_NEAR(x, left + expected[k].first * width, 0.06) << "offer " << k;
    EXPECT_NEAR(y, top + height - expected[k].second * height, 0.06) << "offer " << k;
  }
}

TEST(Report, ThreePartiesGetOnePanelPerPair) {
  const Scenario scenario = RandomLinearScenario(9, 3, 3);
  const NegotiationResult result = Negotiate(scenario);
  const auto page = Parse(NegotiationReportHtml(scenario, result, {}));
  const auto panels = Find(page->html, "figure", "utility-space");
  ASSERT_EQ(panels.size(), 3u);
  std::set<std::pair<std::string, std::string>> pairs;
  const std::size_t frontier = BruteForceFrontierSize(scenario);
  for (const auto& panel : panels) {
    pairs.insert({panel.attribute("data-x").value(), panel.attribute("data-y").value()});
    EXPECT_EQ(Count(panel, "circle", "frontier"), frontier);
    EXPECT_EQ(Count(panel, "circle", "offer"), TraceOffers(result));
  }
  EXPECT_EQ(pairs, (std::set<std::pair<std::string, std::string>>{{"0", "1"}, {"0", "2"}, {"1", "2"}}));
  EXPECT_EQ(Count(page->html, "figure", "over-time"), 3u);
}

TEST(Report, LargeSpacesAreSampledAndLongNegotiationsThinnedWithANote) {
  const Scenario scenario = LoadScenario((testing::ShippedScenarios() / "genius" / "10issues").string());
  const NegotiationResult result = Negotiate(scenario, 200);
  ReportOptions options;
  options.max_outcome_points = 500;
  options.max_offer_points = 10;
  const std::string html = NegotiationReportHtml(scenario, result, {}, options);
  const auto page = Parse(html);
  EXPECT_EQ(Count(page->html, "circle", "outcome"), 500u);
  EXPECT_EQ(Count(page->html, "circle", "offer"), 20u);
  EXPECT_NE(html.find("500 of them, drawn uniformly at random"), std::string::npos);
  EXPECT_NE(html.find(fmt::format("made {} offers; 10 of them", TraceOffers(result, 0))), std::string::npos);
}

TEST(Report, TheCommandLineSetsHowMuchTheReportDraws) {
  const auto folder = testing::TemporaryFolder("parley-report");
  const auto path = folder / "report.html";
  const std::string scenario = (testing::ShippedScenarios() / "genius" / "10issues").string();
  const auto run = testing::RunCli("negotiate --scenario '" + scenario +
                                   "' --negotiators boulware,conceder --rounds 200 "
                                   "--report '" +
                                   path.string() +
                                   "' --report-outcomes 300 --report-offers 7 "
                                   "--report-frontier 4");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto page = Parse(testing::ReadFile(path));
  EXPECT_EQ(Count(page->html, "circle", "outcome"), 300u);
  EXPECT_EQ(Count(page->html, "circle", "offer"), 14u);  // each party made far more than 7
  EXPECT_EQ(Count(page->html, "circle", "frontier"), 4u);
  const auto refused = testing::RunCli("negotiate --report-outcomes 0");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("--report-outcomes"), std::string::npos) << refused.err;
  std::filesystem::remove_all(folder);
}

TEST(Report, HostileNamesAreTextNotMarkup) {
  const std::string hostile = "<script>alert(\"x\")</script>";
  const std::string closing = "</svg></title>' onload='alert(1)";
  auto space =
      std::make_shared<OutcomeSpace>(hostile, std::vector<Issue>{Issue::Discrete(closing, {"<b>a</b>", "&amp;", "c"})});
  std::vector<Profile> profiles;
  for (const std::string& name : {hostile, closing}) {
    std::vector<double> values =
        name == hostile ? std::vector<double>{1.0, 0.5, 0.0} : std::vector<double>{0.0, 0.5, 1.0};
    auto utility = std::make_shared<LinearAdditiveUtility>(space, std::vector<double>{1.0},
                                                           std::vector<ValueFunction>{ValueFunction::Table(values)});
    profiles.emplace_back(name, utility, 0.1, 1.0);
  }
  const Scenario scenario(hostile, space, profiles);
  const NegotiationResult result = Negotiate(scenario);
  const auto page = Parse(NegotiationReportHtml(scenario, result, {}));
  EXPECT_EQ(Count(page->html, "script", ""), 0u);
  EXPECT_EQ(Count(page->html, "b", ""), 0u);
  EXPECT_EQ(std::string(page->html.child("body").child("main").child("header").child("h1").text().get()),
            "Negotiation: " + hostile);
  for (const auto& node : Find(page->html, "", "")) {
    for (const auto& attribute : node.attributes()) EXPECT_NE(std::string(attribute.name()), "onload");
  }
}

TEST(Report, PartialAgreementListsEachCoalitionWithItsDeal) {
  const Scenario scenario = testing::TwoCampsScenario();
  NegotiationOptions options;
  options.rounds = 20;
  const NegotiationResult result = RunNegotiation(scenario, std::vector<std::string>(4, "boulware"), options, "mopac");
  ASSERT_EQ(result.end_reason, EndReason::kPartialAgreement);
  // Each camp on its own best option.
  ASSERT_EQ(result.coalitions.size(), 2u);
  const auto page = Parse(NegotiationReportHtml(scenario, result, {"mopac", 20, 0.0, 0}));
  const auto cards = Find(page->html, "div", "card");
  ASSERT_FALSE(cards.empty());
  EXPECT_STREQ(cards[0].child("div").next_sibling("div").text().get(), "Partial agreement");
  const auto tables = Find(page->html, "table", "coalitions");
  ASSERT_EQ(tables.size(), 1u);
  std::set<std::pair<std::string, std::string>> shown;
  for (const auto& row : tables[0].child("tbody").children("tr")) {
    const pugi::xml_node parties = row.child("td").next_sibling("td");
    shown.insert({parties.text().get(), parties.next_sibling("td").text().get()});
  }
  EXPECT_EQ(shown, (std::set<std::pair<std::string, std::string>>{{"A, C", "option=a"}, {"B, D", "option=c"}}));
}

TEST(Report, MultiTrackNegotiationHasASectionPerTrack) {
  const MultiTrackScenario scenario = LoadMultiTrackScenario("ceasefire-2024");
  MultiTrackOptions options;
  options.record_trace = true;
  const MultiTrackResult result = RunMultiTrack(scenario, options);
  const auto page = Parse(MultiTrackReportHtml(scenario, result, options));
  const auto sections = Find(page->html, "section", "track");
  ASSERT_EQ(sections.size(), scenario.tracks().size());
  for (std::size_t t = 0; t < sections.size(); ++t) {
    const std::size_t participants = scenario.tracks()[t].participants.size();
    EXPECT_EQ(Count(sections[t], "figure", "utility-space"), participants * (participants - 1) / 2);
    std::size_t offers = 0;
    for (const auto& panel : Find(sections[t], "figure", "utility-space")) offers = Count(panel, "circle", "offer");
    EXPECT_EQ(offers, TraceOffers(result.tracks[t])) << scenario.tracks()[t].name;
  }
}

TEST(Report, TournamentHeatMapHoldsTheMeanOfRowAgainstColumn) {
  TournamentConfig config;
  config.negotiators = {"boulware", "absolute-tft", "linear"};
  config.scenarios = {(testing::ShippedScenarios() / "genius" / "IntegerDomain").string(), "ceasefire-2024#rafah"};
  config.repetitions = 2;
  config.rounds = 40;
  config.threads = 1;
  const TournamentResult result = RunTournament(config);
  ASSERT_FALSE(result.rows.empty());
  const auto page = Parse(TournamentReportHtml(result.plan, result.rows, result.summary));
  const std::size_t k = config.negotiators.size();
  std::map<std::pair<std::size_t, std::size_t>, std::pair<double, std::size_t>> cells;
  for (const auto& row : result.rows) {
    for (std::size_t p = 0; p < row.assignment.size(); ++p) {
      for (std::size_t q = 0; q < row.assignment.size(); ++q) {
        if (p == q) continue;
        auto& cell = cells[{row.assignment[p], row.assignment[q]}];
        cell.first += row.utilities[p];
        ++cell.second;
      }
    }
  }
  const auto drawn = Find(page->html, "rect", "cell");
  ASSERT_EQ(drawn.size(), k * k);
  for (const auto& cell : drawn) {
    const auto key = std::make_pair<std::size_t, std::size_t>(cell.attribute("data-row").as_uint(),
                                                              cell.attribute("data-column").as_uint());
    ASSERT_TRUE(cells.count(key));
    EXPECT_NEAR(cell.attribute("data-value").as_double(), cells[key].first / cells[key].second, 1e-6);
  }
  EXPECT_EQ(Count(page->html, "circle", "mean"), k);
  EXPECT_EQ(Count(page->html, "line", "ci"), k);
  EXPECT_EQ(Count(page->html, "rect", "scenario-cell"), k * config.scenarios.size());
}

TEST(Report, MediationShowsTheZoneAndTheProposedPackages) {
  const MultiTrackScenario scenario = LoadMultiTrackScenario("ceasefire-2024");
  const MediationReport answers = AssistMediation(scenario);
  const auto page = Parse(MediationReportHtml(scenario, answers));
  const auto sections = Find(page->html, "section", "subject");
  ASSERT_EQ(sections.size(), answers.tracks.size() + (answers.joint ? 1 : 0));
  for (std::size_t t = 0; t < answers.tracks.size(); ++t) {
    const MediationSubject& subject = answers.tracks[t];
    const MediationMoment& now = subject.moments.front();
    // The zone now: every package of the track that each of the subject's parties prefers to its fallback.
    const Scenario& stakes = scenario.tracks()[subject.tracks.front()].stakes;
    std::size_t zone = 0;
    for (OutcomeIndex i = 0; i < *stakes.space().cardinality(); ++i) {
      bool inside = true;
      for (std::size_t p = 0; p < subject.parties.size(); ++p) {
        const double utility =
            stakes.profile(*stakes.FindParty(subject.parties[p])).Utility(stakes.space().OutcomeAt(i));
        inside = inside && UtilityKey(utility) > UtilityKey(now.fallbacks[p]);
      }
      zone += inside;
    }
    const auto panels = Find(sections[t], "figure", "zone-panel");
    ASSERT_EQ(panels.size(), 1u) << subject.name;
    EXPECT_EQ(Count(panels[0], "circle", "zone"), zone) << subject.name;
    EXPECT_EQ(Count(panels[0], "circle", "outcome"), *stakes.space().cardinality()) << subject.name;
    EXPECT_EQ(Count(panels[0], "circle", "package"), now.best.size()) << subject.name;
    EXPECT_EQ(Count(sections[t], "circle", "fallback-point"), subject.moments.size() * subject.parties.size());
  }
}

TEST(Report, IsWrittenToAFile) {
  const auto folder = testing::TemporaryFolder("parley-report");
  const auto path = folder / "sub" / "report.html";
  WriteReportFile(path, "<!DOCTYPE html><html></html>");
  EXPECT_EQ(testing::ReadFile(path), "<!DOCTYPE html><html></html>");
}

}  // namespace
}  // namespace parley
