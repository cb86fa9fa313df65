// Tests of `kakesoba` against GENIUS's agents.anac.y2019.kakesoba.KakeSoba. GENIUS recorded no
// session of it, so its score function is checked by hand and its estimation and whole sessions
// against runs of the original class: GENIUS 9.1.10's classes driven directly on ANAC 2012's CarA
// from ../shared/scenarios (party 0's profile as GENIUS's CarA session of YXAgent names it, skipped
// without the traces), its user model (when it has one) GENIUS's ComparisonGenerator ranking of 11
// bids with seed 314, the party seed given to GENIUS for its generator, a 200-round
// DiscreteTimeline, an opponent that repeats a fixed list of bids (given to it as receiveMessage
// after each of its turns), and its chooseAction each round. Two changes to the original's
// surroundings make a run comparable with the port, each where the port documents a difference:
// with full information the profile file had each issue's evaluations divided by the largest (the
// numbers Parley keeps, which the original reads in its frequency error), and for the estimation
// the original's map of neighbours was an insertion-ordered one (the port's order; the original's
// identity-keyed order is the JVM's). The tables below are what that class did and estimated.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genius_estimating_agents.h"
#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "negotiators/anac/genius_additive_estimate.h"
#include "negotiators/anac/kakesoba.h"
#include "parley/partial_preferences.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

using testing::CarABidOfLetters;

// Two issues {a1, a2} x {b1, b2}, weights 0.5 and 0.5, numbers a1 1, a2 0.5, b1 1, b2 0.5: utilities
// a1b1 1, a1b2 0.75, a2b1 0.75, a2b2 0.5. Ranking worst first a2b2, a1b2, a2b1, a1b1 (low 0.4, high
// 0.9): sorted estimates 0.5, 0.75, 0.75, 1; each bid's estimated rank is the first index of its
// utility, 0, 1, 1, 3, against 0, 1, 2, 3: squared errors 1, Spearman 1 - 6 / (4^3 - 4) = 0.9;
// 10 * 0.9 + (1 - 0.1) + (1 - 0.1). (SAGA's dense ranks give 9.8 on the same case.)
TEST(GeniusKakeSoba, ScoreByHand) {
  const GeniusAdditiveEstimate estimate = testing::TwoIssueEstimate();
  const GeniusBidRanking ranking = testing::TwoIssueRanking();
  EXPECT_NEAR(KakeSobaScore(estimate, ranking), 10.8, 1e-12);
}

// The estimate of the original (neighbours in creation order) with party seed 42, every number as
// Java printed it: 5000 moves of 36 neighbours each, the same draws in the same order.
TEST(GeniusKakeSoba, EstimateIsTheOriginalsInCreationOrder) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.0, 1.0);
  JavaRandom random(42);
  const GeniusAdditiveEstimate estimate =
      KakeSobaEstimate(scenario.space(), testing::CarAUserModelRanking(scenario.space()), random);
  testing::ExpectEstimate(
      estimate,
      {
          {0.08220361714890792, {1.0, 0.4175664021513412, 0.268864431541746, 0.6500831678402974, 0.2872938194403844}},
          {0.2393489480731256, {1.0, 0.957241175187015, 0.9976846795634248, 0.9994283204715445, 0.15300652539161186}},
          {0.022101192151416326,
           {0.5144788573539635, 1.0, 0.27579214250691325, 0.06722758043994381, 0.7242718653697153}},
          {0.13863961811327663, {0.9887251563488614, 0.3950201533900064, 0.867543885897578, 1.0, 0.21494075154881911}},
          {0.10818712738682865, {1.0, 0.5265421813668332, 0.6780123041056811, 0.07233172048922504, 0.7877103598515398}},
          {0.4095194971264448,
           {0.9272973961928161, 0.6463378192192603, 1.0, 0.001988557372520266, 0.46552842801087885}},
      });
}

// Full information, no reservation value or discount, the opponent repeating all "none" (worth 0)
// and all "meager": it opens with its best bid, then each round offers the bid worth 0.85 to 1 that
// brings its offers' value frequencies closest to its evaluations; it never accepts.
TEST(GeniusKakeSoba, FullInformationSessionIsTheOriginals) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.0, 1.0);
  testing::OpponentScript() = {CarABidOfLetters("nnnnnn"), CarABidOfLetters("mmmmmm")};
  const std::vector<std::string> kOriginal = {
      "gggggg", "ffffff", "ssssss", "ggmmmm", "mmgggg", "ffffff", "ssssss", "ggmmmm", "mmgggg", "ffffff", "ssssss",
      "ggmmmm", "mmgggg", "ffffff", "ssssss", "ggmmmm", "fmgggg", "mfffff", "ssssss", "ggmmmm", "ffgggg", "smffff",
      "msssss", "ggmmmm", "ffgggg", "smffff", "msssss", "ggmmgg", "ffggff", "ssffss", "gmssmm", "fgmggg", "mfgfff",
      "ssfmss", "gmssmm", "fggggg", "mfffff", "sssmss", "ggmsmm", "ffgggg", "mmffff", "gssmss", "sgmsgg", "ffggff",
      "smffmm", "gssmss", "mgmsgg", "ffggff", "smffmm", "gsssss", "fggggg", "mffmff", "gmmfss", "sgssmm", "fsgggg",
      "mfffff", "gsmmss", "sgssgg", "ffggff", "smffmm", "gssmss", "mgmsgg", "ffggff", "gmffmm", "fssmss", "sgmggg",
      "mfgfff", "gmfsmm", "fgsmss", "sfgggg", "msffff", "gmmsmm", "fgsmgg", "sfggss", "gsffff", "mmmsss", "fgssgg",
      "sfggmm", "gsfmff", "fgmfmm", "mfssgg", "smggss", "gsffff", "fgmmss", "mfsggg", "gmgfff", "ssfmmm", "fgmsgg",
      "sfggss", "gssfff", "mgfmmm", "fmssgg", "sfggff", "gsffss", "mgmsmm", "fmsmgg", "gfggff", "ssffss", "fgmsss",
      "mfsggg", "gmgmff", "ssffmm", "fgmsgg", "gfggff", "mmsmss", "sgffmm", "fsmsgg", "gfggff", "smsfss", "mgfmmm",
      "fsmsgg", "gfggff", "sssfss", "fgfmss", "gmsggg", "mfgsmm", "ssmfff", "fgfmgg", "gfsgff", "mmgfmm", "sgfsss",
      "fsmmgg", "gfggff", "mmsfmm", "fgfsss", "gfmmgg", "ssggff", "fmffss", "mgssmm", "gfmsgg", "ssggff", "fsfmss",
      "sgsfgg", "gmmgmm", "mfgfff", "fgfmss", "gfssgg", "smggff", "msmfmm", "fgfmss", "gfssgg", "smggff", "msffmm",
      "fgmsgg", "gfsmss", "ssggff", "fgffmm", "gmssgg", "mfmgss", "ssgmff", "fgffmm", "gmssgg", "sfmgss", "msgmff",
      "fgffmm", "gmssgg", "sfggss", "msmmff", "ggffgg", "ffssss", "smggff", "fgmfmm", "gsfmgg", "mfsgss", "smgsff",
      "fgffmm", "gsmmgg", "mfsgss", "smgsff", "ggffss", "fsmmgg", "mfggmm", "sgssff", "gsffgg", "fmmmss", "sfggmm",
      "fgssff", "gsffgg", "mfssss", "smggff", "ggmmmm", "fsffgg", "mfsgss", "smgmff", "ggmsmm", "fsffgg", "mfsgff",
      "gggsss", "fmffgg", "sfmmmm", "ssggff", "ggsfss", "fmfsgg", "mfmmmf", "fsggfm", "ggsfss", "sffsgg", "mmmgff",
      "gsgmmm", "fgsfss",
  };
  const NegotiationResult result = testing::RunAgainstScriptWithPartySeed(scenario, "kakesoba", 42);
  testing::ExpectActions(scenario.space(), result, kOriginal);
  EXPECT_FALSE(result.agreement.has_value());
}

// With GENIUS's user model of CarA (10 comparisons), party seed 42, the opponent repeating all
// "none" and all "meager": on the estimate of EstimateIsTheOriginalsInCreationOrder it offers, round
// by round, what the original did with that estimate (neighbours in creation order).
TEST(GeniusKakeSoba, SessionWithUserModelIsTheOriginalsInCreationOrder) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.0, 1.0);
  testing::OpponentScript() = {CarABidOfLetters("nnnnnn"), CarABidOfLetters("mmmmmm")};
  const std::vector<std::string> kOriginal = {
      "ggfmgs", "mmngng", "gsfsss", "gfgfgg", "fgsmfs", "mmngng", "nsfsss", "sfgmgg", "ggfgfs", "fmnsng", "msgngs",
      "gffmsg", "ngngns", "mmffgg", "gsssfs", "sfnmsg", "ggfggf", "fmgsns", "msmmfg", "gffgms", "mgnfgg", "gmfnss",
      "fsgsng", "nfnmgs", "ggfgsg", "smssns", "gsfmgf", "mfngfg", "fggsss", "gmfmgf", "msngng", "gffffs", "nggmgs",
      "smsgng", "msfsss", "gfnfgg", "fggmns", "gmfggf", "msnsfg", "nffmss", "ggngng", "fmssgs", "msfmsg", "gfggfs",
      "sgnsgg", "gmfnns", "msgmsg", "fffggs", "ggnfng", "nmmsfs", "gsfmgf", "mfsgsg", "sgnsns", "gmfmgf", "fsggfg",
      "mffngs", "ggnfng", "nmgmss", "msfgms", "gfnsfg", "ggfmgf", "fmsgng", "msnsss", "sffmgs", "ggggng", "fmnsss",
      "gsffgg", "mfgmfs", "ngfgng", "gmnsgs", "mssmsg", "gffgns", "fggsgg", "smfmfs", "gsngsg", "mfnfgs", "ggfnns",
      "fmgmfg", "nsfsgg", "mfsgss", "ggnfng", "smfmgs", "msgssg", "gffgns", "fgnmgg", "gmmgfs", "nsssng", "mffngs",
      "ggnmss", "fmggfg", "gsfsgs", "mfnmng", "ggfggf", "smgsss", "msfmng", "gfnfgs", "ngsgsg", "fmfsfs", "gsgmmg",
      "mffgns", "ggnfgg", "smnsfs", "msfmsg", "gfgggs", "fgfsng", "nmnmss", "gsfggf", "mfgsng", "ggsngs", "fmfmfg",
      "msngss", "gfnfns", "sgfmgg", "nmgsfs", "gsfgng", "mfnmgg", "ggsgss", "fmfsfs", "gsgfgg", "mffmns", "sgngsg",
      "gmgngs", "fsfsng", "mfnmss", "ggfggf", "nmssng", "msnmfs", "gfffgg", "fgggss", "gmfmgf", "msnsng", "sfmgfs",
      "gggngg", "nmfsss", "fsnmng", "gffgms", "mgnfgg", "gmsmfs", "msfssg", "sfggns", "ggfmgf", "fmnsng", "nsgggs",
      "gffmsg", "mgngfs", "gmsfns", "msfsgg", "ffgmss", "ggfggf", "nmnsng", "ssnmfs", "gffgsg", "mggngs", "gmffng",
      "fssmfs", "mfnsgg", "ggfgss", "nmgmng", "ssfsgs", "gfngfg", "mgmfgs", "gmsmsg", "fsfsns", "mfngfg", "ggfmgf",
      "fmgsss", "gsfggf", "mfnmng", "gggnns", "nmfssg", "ssnggs", "ggsmfg", "mmffns", "fsnggg", "gffsss", "mggmms",
      "nmnggg", "gsfsns", "ffgmfg", "ggfggf", "mmnsss", "sssmng", "gfffgs", "mgggsg", "gmfnns", "fsnmgg", "nfnsfs",
      "ggfgsg", "mmgfgs", "ssfmng", "gfnsfs", "fgsggg", "mmfmss", "gsgsng", "nffggs", "ggnmfg", "mmgfns", "gsfggf",
      "ffnssg", "sgfmfs",
  };
  const PartialPreferences known = GeniusUserModel(scenario.profile(0), 10);
  const NegotiationResult result = testing::RunAgainstScriptKnowing(scenario, "kakesoba", 42, known);
  testing::ExpectActions(scenario.space(), result, kOriginal);
}

}  // namespace
}  // namespace parley
