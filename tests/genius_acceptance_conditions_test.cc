// The GENIUS acceptance conditions of the BOA architecture (genius-const, genius-time,
// genius-previous, genius-gap, genius-combi, genius-combi-max, genius-combi-avg,
// genius-combi-max-in-window) and Parley's "next" against GENIUS itself: each expected row of
// decisions below was printed by GENIUS 9.1.10's own class
// (negotiator.boaframework.acceptanceconditions.other.AC_Const, AC_Time, AC_Previous, AC_Gap,
// AC_Combi, AC_CombiMax, AC_CombiAvg, AC_CombiMaxInWindow, AC_Next) on OpenJDK 17, given the
// same parameters and asked determineAcceptability at each step of the scripted sequences: in
// round r (time r / 21) the opponent offers a bid worth u to us, the condition decides with our
// next bid worth `next`, and that bid then joins our own history whatever was decided.
// 'A' is Accept, 'r' Reject. (GENIUS's AC_Combi, AC_CombiMax and AC_CombiAvg leave their offering
// strategy unset when initialised by name; they were given it as their constructors do.)
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "parley/boa.h"

namespace parley {
namespace {

struct Step {
  int round;
  double offered;  // the opponent's offer, in our utility
  double next;     // our next offer's utility
};

// The opponent's offers and ours: a conceding pair meeting at round 5, 7 and 10, two offers worth 0.
const std::vector<Step> kMeeting = {
    {1, 0.30, 0.95},  {2, 0.35, 0.94},  {3, 0.0, 0.93},   {4, 0.40, 0.92},  {5, 0.91, 0.91},
    {6, 0.50, 0.90},  {7, 0.90, 0.89},  {8, 0.55, 0.88},  {9, 0.60, 0.87},  {10, 0.86, 0.86},
    {11, 0.62, 0.85}, {12, 0.64, 0.84}, {13, 0.58, 0.83}, {14, 0.0, 0.82},  {15, 0.66, 0.81},
    {16, 0.63, 0.80}, {17, 0.61, 0.79}, {18, 0.65, 0.78}, {19, 0.67, 0.77}, {20, 0.60, 0.76},
};
// An opponent climbing slowly towards a stubborn negotiator, with a new best offer late.
const std::vector<Step> kClimbing = {
    {1, 0.20, 0.99},  {2, 0.25, 0.98},  {3, 0.30, 0.97},  {4, 0.0, 0.96},   {5, 0.28, 0.95},
    {6, 0.33, 0.94},  {7, 0.31, 0.93},  {8, 0.35, 0.92},  {9, 0.34, 0.91},  {10, 0.36, 0.90},
    {11, 0.38, 0.89}, {12, 0.37, 0.88}, {13, 0.39, 0.87}, {14, 0.0, 0.86},  {15, 0.41, 0.85},
    {16, 0.40, 0.84}, {17, 0.45, 0.83}, {18, 0.44, 0.82}, {19, 0.46, 0.81}, {20, 0.43, 0.80},
};

struct Row {
  std::string spec;
  std::string meeting;   // decisions on kMeeting, one letter a step
  std::string climbing;  // decisions on kClimbing
};

// clang-format off
const std::vector<Row> kRows = {
      {"next", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"next(a=1.1,b=0.1)", "rrrrArArrArrrrArrAAA", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-const", "rrrrArrrrrrrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-const(c=0.6)", "rrrrArArrAAArrAAAAAr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-time", "rrrrrrrrrrrrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-time(t=0.8)", "rrrrrrrrrrrrrrrrAAAA", "rrrrrrrrrrrrrrrrAAAA"},
      {"genius-previous", "rrrrrrArrrrrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-previous(a=1.1,b=0.02)", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-gap", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-gap(c=0.25)", "rrrrArArrAAArrAAAAAA", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-combi(t=0.9)", "rrrrArArrArrrrrrrrAA", "rrrrrrrrrrrrrrrrrrAA"},
      {"genius-combi(a=1.1,b=0.1,t=0.99)", "rrrrArArrArrrrArrAAA", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-combi-max(t=0.7)", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrArArAr"},
      {"genius-combi-max", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-combi-avg(t=0.7)", "rrrrArArrArrrrrArAAr", "rrrrrrrrrrrrrrAAAAAr"},
      {"genius-combi-avg", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
      {"genius-combi-max-in-window(t=0.7)", "rrrrArArrArrrrrrrrAr", "rrrrrrrrrrrrrrArArAr"},
      {"genius-combi-max-in-window(t=0.5)", "rrrrArArrArrrrrrrrAr", "rrrrrrrrrrArArArArAr"},
      {"genius-combi-max-in-window", "rrrrArArrArrrrrrrrrr", "rrrrrrrrrrrrrrrrrrrr"},
};
// clang-format on

std::string Decisions(const std::string& spec, const std::vector<Step>& steps) {
  auto strategy = AcceptanceStrategyRegistry::Create(spec);
  NegotiatorContext context;
  context.party = 0;
  context.party_count = 2;
  context.max_rounds = 20;
  strategy->Begin(context);
  const Outcome offer{0.0};
  std::string decisions;
  for (const Step& step : steps) {
    const double time = static_cast<double>(step.round) / 21.0;
    ObservedAction theirs;
    theirs.party = 1;
    theirs.offer = &offer;
    theirs.offer_utility = step.offered;
    theirs.time = time;
    strategy->Observe(theirs);
    TurnState state;
    state.time = time;
    state.current_offer = &offer;
    state.offerer = 1;
    state.current_offer_utility = step.offered;
    decisions += strategy->Accept(state, step.next) ? 'A' : 'r';
    ObservedAction mine = theirs;
    mine.party = 0;
    mine.offer_utility = step.next;
    strategy->Observe(mine);
  }
  return decisions;
}

TEST(GeniusAcceptanceConditions, DecideAsGeniusDoesAtEveryStep) {
  for (const Row& row : kRows) {
    EXPECT_EQ(Decisions(row.spec, kMeeting), row.meeting) << row.spec;
    EXPECT_EQ(Decisions(row.spec, kClimbing), row.climbing) << row.spec;
  }
}

}  // namespace
}  // namespace parley
