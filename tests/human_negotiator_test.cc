// The `human` negotiator driven in-process: a person's lines from a string, what they are shown
// captured, on a three-issue scenario whose utilities are worked out by hand below. The program
// run with a person's lines on standard input is in human_terminal_test.cc.
#include "terminal/human_negotiator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "conformance.h"
#include "fixtures.h"
#include "parley/protocol.h"

namespace parley {
namespace {

using testing::ScriptedNegotiator;

// Issues: price {low, mid, high}, colour {dark red, blue} (a name with a space), seats 2..4.
// The buyer (party 1, played by the person) weighs them 5:3:2, i.e. 0.5, 0.3, 0.2, with values
// price 1, 0.6, 0; colour 0.2, 1; seats 0, 0.5, 1; reservation value 0.3, discount factor 0.9.
// The seller weighs them equally, with price 0, 0.5, 1; colour 1, 0; seats 1, 0.5, 0.
Scenario CarScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "car", std::vector<Issue>{Issue::Discrete("price", {"low", "mid", "high"}),
                                Issue::Discrete("colour", {"dark red", "blue"}), Issue::Integer("seats", 2, 4)});
  auto buyer = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{5, 3, 2},
      std::vector<ValueFunction>{ValueFunction::Table({1, 0.6, 0}), ValueFunction::Table({0.2, 1}),
                                 ValueFunction::Table({0, 0.5, 1})});
  auto seller = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1, 1, 1},
      std::vector<ValueFunction>{ValueFunction::Table({0, 0.5, 1}), ValueFunction::Table({1, 0}),
                                 ValueFunction::Table({1, 0.5, 0})});
  return Scenario("car", space, {Profile("buyer", buyer, 0.3, 0.9), Profile("seller", seller, 0.0, 1.0)});
}

// Plays the person's `lines` as the buyer against the scripted seller under saop, 10 rounds:
// round r (1-based) is at t = r / 11. Returns what the person was shown.
std::string Play(const std::string& lines, ScriptedNegotiator& seller, NegotiationResult* result = nullptr) {
  const Scenario scenario = CarScenario();
  std::istringstream in(lines);
  std::ostringstream out;
  HumanNegotiator person(in, out);
  NegotiationOptions options;
  options.rounds = 10;
  NegotiationResult played = ProtocolRegistry::Create("saop")->Run(scenario, {&person, &seller}, options);
  if (result) *result = std::move(played);
  return out.str();
}

void ExpectShown(const std::string& shown, const std::string& text) {
  EXPECT_NE(shown.find(text), std::string::npos) << "not shown: " << text << "\n--- shown:\n" << shown;
}

TEST(HumanNegotiator, InvalidLinesRepromptAndValuesAreTakenByNameAndNumber) {
  // The seller offers (high, dark red, 2) twice, then accepts what is on the table.
  ScriptedNegotiator seller(
      {ScriptedNegotiator::Offer({2, 0, 2}), ScriptedNegotiator::Offer({2, 0, 2}), ScriptedNegotiator::Accept()});
  const std::string lines =
      "a\n"                 // round 1: nothing to accept yet
      "mid, dark red, 3\n"  // by name, with commas because of "dark red"
      "foo\n"               // round 2: not a move
      "2 2\n"               // two values for three issues
      "mid blue 9\n"        // seats out of range
      "cheap blue 2\n"      // no such price
      "\n"                  // nothing
      "2 2 2\n"             // by number: mid, blue; seats 2 is the integer itself
      "s\n";                // round 3: the same again; the seller accepts it
  NegotiationResult result;
  const std::string shown = Play(lines, seller, &result);

  ASSERT_EQ(result.end_reason, EndReason::kAgreement) << shown;
  ASSERT_TRUE(result.agreement.has_value());
  EXPECT_EQ(*result.agreement, Outcome({1, 1, 2}));
  // Every invalid line is answered with one line, and the prompt comes back: 2 prompts in round 1,
  // 6 in round 2, 1 in round 3.
  std::size_t prompts = 0;
  for (std::size_t at = shown.find("Your move"); at != std::string::npos; at = shown.find("Your move", at + 1)) {
    ++prompts;
  }
  EXPECT_EQ(prompts, 9u) << shown;
  ExpectShown(shown, "There is no offer on the table to accept: make an offer (? for help).\n");
  ExpectShown(shown, "unknown move 'foo': expected a, w, v, b, s, ? or an offer of 3 values, one per issue\n");
  ExpectShown(shown, "expected 3 values, one per issue, separated by spaces or commas; found 2\n");
  ExpectShown(shown, "issue 'seats': expected an integer from 2 to 4, found '9'\n");
  ExpectShown(shown,
              "issue 'price': expected one of its values' names or a number from 1 to 3 (v lists them), found "
              "'cheap'\n");
  ExpectShown(shown, "Expected a move: a, w, v, b, s, ? or an offer (? for help).\n");

  // (mid, dark red, 3): 0.5 * 0.6 + 0.3 * 0.2 + 0.2 * 0.5 = 0.46; at t = 1/11 discounted by
  // 0.9^(1/11) = 0.990467: 0.455615.
  ExpectShown(shown,
              "You offer price=mid, colour=dark red, seats=3 (worth 0.4600 to you, 0.4556 discounted at "
              "t = 0.091).\n");
  // The seller's (high, dark red, 2): 0 + 0.06 + 0 = 0.06; on the table in round 2 (t = 2/11,
  // 0.9^(2/11) = 0.981026): 0.058862.
  ExpectShown(shown,
              "Round 1: party 2 offers price=high, colour=dark red, seats=2 (worth 0.0600 to you, 0.0594 "
              "discounted at t = 0.091).\n");
  ExpectShown(shown,
              "Round 2 of 10 (t = 0.182)\nOn the table: party 2's offer\n  price   high\n  colour  dark red\n"
              "  seats   2\n  worth 0.0600 to you, 0.0589 discounted at t = 0.182\n"
              "Your reservation value now: 0.3000\n");
  // (mid, blue, 2): 0.3 + 0.3 + 0 = 0.6; 0.6 * 0.981026 = 0.588616 at t = 2/11, and
  // 0.6 * 0.9^(3/11) = 0.6 * 0.971674 = 0.583005 at t = 3/11.
  ExpectShown(shown,
              "You offer price=mid, colour=blue, seats=2 (worth 0.6000 to you, 0.5886 discounted at t = 0.182).\n");
  ExpectShown(shown,
              "You offer price=mid, colour=blue, seats=2 (worth 0.6000 to you, 0.5830 discounted at t = 0.273).\n");
  ExpectShown(shown,
              "The negotiation is over: agreement in round 3 (t = 0.273) on price=mid, colour=blue, seats=2.\n"
              "Your utility: 0.5830 (undiscounted 0.6000).\n");
  // Never the seller's utilities: (high, dark red, 2) is worth 1 to it, (mid, dark red, 3)
  // (0.5 + 1 + 0.5) / 3 = 0.6667 and (mid, blue, 2) (0.5 + 0 + 1) / 3 = 0.5.
  for (const char* theirs : {"1.0000", "0.6667", "0.5000"}) {
    EXPECT_EQ(shown.find(theirs), std::string::npos) << theirs << " shown:\n" << shown;
  }
}

TEST(HumanNegotiator, ValuesBestAndTheEndOfInput) {
  ScriptedNegotiator seller({ScriptedNegotiator::Offer({2, 0, 2})});
  NegotiationResult result;
  const std::string shown = Play("s\nv\nb\n", seller, &result);

  ExpectShown(shown, "You have made no offer yet: make one (? for help).\n");
  // What each value adds: weight times value, e.g. colour blue 0.3 * 1 = 0.3, seats 3 0.2 * 0.5.
  ExpectShown(shown,
              "price (what each value adds to your utility):\n    1  low   0.5000\n    2  mid   0.3000\n"
              "    3  high  0.0000\n");
  ExpectShown(shown,
              "colour (what each value adds to your utility):\n    1  dark red  0.0600\n"
              "    2  blue      0.3000\n");
  ExpectShown(shown,
              "seats (what each value adds to your utility):\n       2  0.0000\n       3  0.1000\n"
              "       4  0.2000\n");
  // The best outcome is each issue's best value: (low, blue, 4), 0.5 + 0.3 + 0.2 = 1; at
  // t = 1/11: 0.990467.
  ExpectShown(shown,
              "You offer price=low, colour=blue, seats=4 (worth 1.0000 to you, 0.9905 discounted at t = 0.091).\n");
  // Round 2 reads the end of input: the person walks away at t = 2/11 and gets the reservation
  // value discounted, 0.3 * 0.981026 = 0.294308.
  ExpectShown(shown, "End of input: you walk away.\n");
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty) << shown;
  ExpectShown(shown, "Your utility: 0.2943 (undiscounted 0.3000), your reservation value.\n");
  ASSERT_EQ(seller.turns().size(), 1u);
}

TEST(HumanNegotiator, ShowsTheOtherPartiesMovesOneLineEach) {
  // The seller accepts the person's first offer: the person is shown the acceptance.
  ScriptedNegotiator seller({ScriptedNegotiator::Accept()});
  const std::string shown = Play("1 1 2\n", seller);
  // (low, dark red, 2): 0.5 + 0.06 + 0 = 0.56; 0.56 * 0.990467 = 0.554662 at t = 1/11.
  ExpectShown(shown,
              "Round 1: party 2 accepts price=low, colour=dark red, seats=2 (worth 0.5600 to you, 0.5547 "
              "discounted at t = 0.091).\n");
  ExpectShown(shown, "Your utility: 0.5547 (undiscounted 0.5600).\n");

  ScriptedNegotiator leaver({ScriptedNegotiator::End()});
  ExpectShown(Play("b\n", leaver), "Round 1: party 2 walks away.\n");
}

TEST(HumanNegotiator, IsRegisteredAsInteractiveAndLeftOutOfUnattendedRuns) {
  ASSERT_TRUE(NegotiatorRegistry::Has("human"));
  EXPECT_TRUE(NegotiatorRegistry::Find("human").interactive);
  EXPECT_FALSE(NegotiatorRegistry::Find("boulware").interactive);
  const auto names = conformance::RegisteredNames<Negotiator>();
  EXPECT_EQ(std::count(names.begin(), names.end(), "human"), 0);
  EXPECT_EQ(std::count(names.begin(), names.end(), "boulware"), 1);
  const auto variants = conformance::RegisteredVariants<Negotiator>();
  EXPECT_EQ(std::count(variants.begin(), variants.end(), "human"), 0);
}

}  // namespace
}  // namespace parley
