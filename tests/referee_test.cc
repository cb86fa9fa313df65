// Tests of the referees of the mediated protocols (tests/conformance_referee.cc) on traces written
// here by hand from the rules of docs/mediation.md: what each referee derives, the shuttle
// referee's readings of offers that were forwarded or withheld (which leave no entry), and what it
// reports as broken. The runs of the protocols are checked against the referees by the
// conformance suites; these show that the referees can tell a wrong ending.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "conformance.h"
#include "fixtures.h"
#include "parley/protocol.h"

namespace parley {
namespace {

constexpr std::size_t kA = 0, kB = 1, kC = 2;

// A trace over SmallScenario's three issues: each entry (who, what, outcome or none), one step each
// unless `same_step` (a shuttle package, recorded at its offer's step).
struct Entry {
  std::size_t party;
  ActionType action;
  std::optional<Outcome> offer;
  bool same_step = false;
};

NegotiationResult WithTrace(std::size_t parties, const std::vector<Entry>& entries) {
  NegotiationResult result;
  result.trace.Reset(3, parties, entries.size());
  const std::vector<double> utilities(parties, 0.5);
  std::uint64_t step = 0;
  for (const Entry& entry : entries) {
    if (entry.same_step) --step;
    result.trace.Add({step, step / parties, 0.1, entry.party, entry.action}, entry.offer ? &*entry.offer : nullptr,
                     entry.offer ? utilities.data() : nullptr);
    ++step;
  }
  return result;
}

const Outcome kX({0, 1, 0.5});
const Outcome kY({1, 2, 0.25});
const Outcome kZ({2, 3, 0.75});

std::optional<conformance::RefereeVerdict> Judge(std::string_view protocol, std::size_t parties,
                                                 const std::vector<Entry>& entries) {
  return conformance::RefereeOf(protocol, testing::SmallScenario(parties), WithTrace(parties, entries));
}

constexpr ActionType kOffer = ActionType::kOffer;
constexpr ActionType kAccept = ActionType::kAccept;
constexpr ActionType kEnd = ActionType::kEndNegotiation;

TEST(ShuttleReferee, AForwardedOfferIsAgreedWhenTheOthersAcceptIt) {
  const auto verdict = Judge("shuttle", 3, {{kA, kOffer, kX}, {kB, kAccept, kX}, {kC, kAccept, kX}});
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->violations.empty());
  EXPECT_EQ(verdict->agreement, kX);
  // One acceptance short: no agreement.
  const auto short_one = Judge("shuttle", 3, {{kA, kOffer, kX}, {kB, kAccept, kX}});
  ASSERT_TRUE(short_one);
  EXPECT_EQ(short_one->agreement, std::nullopt);
}

TEST(ShuttleReferee, AnAcceptanceOfTheOldOfferShowsTheNewOneWasWithheld) {
  // C's y was withheld (A then accepts x, which its table could not show had y been forwarded);
  // A's acceptance of its own offer adds nothing, C's is the second: x agreed.
  const auto verdict = Judge(
      "shuttle", 3,
      {{kA, kOffer, kX}, {kB, kAccept, kX}, {kC, kOffer, kY}, {kA, kAccept, kX}, {kB, kAccept, kX}, {kC, kAccept, kX}});
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->violations.empty());
  EXPECT_EQ(verdict->agreement, kX);
}

TEST(ShuttleReferee, APackageNeedsEveryPartysAcceptance) {
  const std::vector<Entry> two_of_three = {
      {kA, kOffer, kX}, {3, kOffer, kZ, true}, {kB, kAccept, kZ}, {kC, kAccept, kZ}};
  auto verdict = Judge("shuttle", 3, two_of_three);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->agreement, std::nullopt);
  std::vector<Entry> all = two_of_three;
  all.push_back({kA, kAccept, kZ});
  verdict = Judge("shuttle", 3, all);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->agreement, kZ);
}

TEST(ShuttleReferee, TheTraceMustEndAtTheAgreement) {
  // x is agreed at entry 2, so nothing may follow it.
  const auto verdict = Judge("shuttle", 3, {{kA, kOffer, kX}, {kB, kAccept, kX}, {kC, kAccept, kX}, {kA, kAccept, kX}});
  ASSERT_TRUE(verdict);
  ASSERT_EQ(verdict->violations.size(), 1u);
  EXPECT_EQ(verdict->violations[0],
            "recorded entry 2, an acceptance that agrees in every reading, but the trace goes on");
}

TEST(ShuttleReferee, JudgesNothingWhenTheReadingsEndDifferently) {
  // C offers x again: withheld, A's x stays live with B's acceptance and A's own adds nothing (no
  // agreement); forwarded, C's x is live and A and B accept it (agreed). The trace cannot tell.
  const auto verdict = Judge(
      "shuttle", 3, {{kA, kOffer, kX}, {kB, kAccept, kX}, {kC, kOffer, kX}, {kA, kAccept, kX}, {kB, kAccept, kX}});
  EXPECT_FALSE(verdict);
}

TEST(ShuttleReferee, AWalkAwayEndsWithoutAgreementAndStrayEntriesAreReported) {
  auto verdict = Judge("shuttle", 2, {{kA, kOffer, kX}, {kB, kEnd, std::nullopt}});
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->agreement, std::nullopt);
  verdict = Judge("shuttle", 2, {{kA, kOffer, kX}, {kB, kAccept, kY}});
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->violations.size(), 1u);
  verdict = Judge("shuttle", 2, {{2, kOffer, kZ}});
  ASSERT_TRUE(verdict);
  ASSERT_EQ(verdict->violations.size(), 1u);
  EXPECT_EQ(verdict->violations[0], "recorded entry 0 a package that replaces no offer");
}

TEST(SingleTextReferee, TheLastTextEveryPartyAcceptedIsTheAgreement) {
  // Text x: B vetoes. Text y: both accept (stands). Text z: A vetoes; y still stands.
  const std::vector<Entry> rounds = {{2, kOffer, kX}, {kA, kAccept, kX},          {kB, kOffer, std::nullopt},
                                     {2, kOffer, kY}, {kA, kAccept, kY},          {kB, kAccept, kY},
                                     {2, kOffer, kZ}, {kA, kOffer, std::nullopt}, {kB, kAccept, kZ}};
  auto verdict = Judge("single-text", 2, rounds);
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->violations.empty());
  EXPECT_EQ(verdict->agreement, kY);
  // Before y: nothing stands.
  verdict = Judge("single-text", 2, std::vector<Entry>(rounds.begin(), rounds.begin() + 5));
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->agreement, std::nullopt);
  // A walk-away ends it without agreement, y standing or not.
  std::vector<Entry> walked = rounds;
  walked.push_back({3, kOffer, kX});
  walked.push_back({kA, kEnd, std::nullopt});
  verdict = Judge("single-text", 2, walked);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->agreement, std::nullopt);
}

TEST(SingleTextReferee, ReportsAnswersOutOfOrderAndAcceptancesOfAnotherText) {
  auto verdict = Judge("single-text", 2, {{2, kOffer, kX}, {kB, kAccept, kX}});
  ASSERT_TRUE(verdict);
  ASSERT_EQ(verdict->violations.size(), 1u);
  EXPECT_EQ(verdict->violations[0], "recorded entry 1 an answer of party 1 where party 0 answers");
  verdict = Judge("single-text", 2, {{2, kOffer, kX}, {kA, kAccept, kY}});
  ASSERT_TRUE(verdict);
  ASSERT_EQ(verdict->violations.size(), 1u);
  EXPECT_EQ(verdict->violations[0], "recorded entry 1 an acceptance of something else than the text");
  verdict = Judge("single-text", 2, {{2, kOffer, kX}, {kA, kAccept, kX}, {2, kOffer, kY}});
  ASSERT_TRUE(verdict);
  ASSERT_EQ(verdict->violations.size(), 1u);
  EXPECT_EQ(verdict->violations[0], "recorded entry 2 a text where party 1 should answer");
}

}  // namespace
}  // namespace parley
