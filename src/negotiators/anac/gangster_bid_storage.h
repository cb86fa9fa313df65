// The bid store of Gangster (ANAC 2014; agents.anac.y2014.Gangster.BidStorage in GENIUS 9.1.10),
// for the port in gangster.cc. It keeps the bids the searches found: those above the target
// utility ordered by their distance to the nearest opponent offer and by their distance to the
// nearest bid it offered itself (its "diversity"), the others by utility until the target falls
// below them; and the opponent's offers in a hundred time buckets, from which it picks an offer to
// propose back and the best offer of a recent window.
// Orders and ties are the original's: Java TreeSets ordered by those keys and then by the bid's
// text (Bid.toString), and a TreeSet of offers that holds one offer per utility value.
// Not thread-safe.
#ifndef PARLEY_NEGOTIATORS_ANAC_GANGSTER_BID_STORAGE_H_
#define PARLEY_NEGOTIATORS_ANAC_GANGSTER_BID_STORAGE_H_

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "negotiators/anac/gangster_search.h"
#include "negotiators/anac/genius_priority_queue.h"
#include "parley/outcome_space.h"

namespace parley {

// An opponent offer as stored: its worth to us and when it came.
struct GangsterOffer {
  Outcome bid;
  double utility = 0.0;
  double time = 0.0;
};

class GangsterBidStorage {
 public:
  void Reset(const OutcomeSpace& space);

  void AddOpponentOffer(const GangsterOffer& offer);
  void AddOwnOffer(const Outcome& bid);
  // Moves the stored bids now above `target` among the selfish ones.
  void SetTarget(double target);
  void AddAll(const std::vector<GangsterSample>& samples);
  bool HasSelfishBids() const { return !by_diversity_.empty(); }

  // The selfish bid to offer next, as an index for Bid() and Remove(); nullopt when none.
  std::optional<std::size_t> Next(int max_distance) const;
  const Outcome& Bid(std::size_t id) const { return pool_[id].bid; }
  void Remove(std::size_t id);

  // The best opponent offer of the last `window` of time worth at least `target`, taken out of the
  // store; nullopt when the best is worth less.
  std::optional<GangsterOffer> TakeOfferToRepeat(double time, double target, double window);
  // The utility of the best opponent offer of the last `window` of time, 0 when none.
  double BestOfferedUtility(double time, double window) const;

 private:
  struct Stored {
    Outcome bid;
    double utility = 0.0;
    std::string text;   // Bid.toString, the tie-breaker of every order
    int distance = 0;   // to the nearest opponent offer
    int diversity = 0;  // to the nearest bid of ours
  };
  struct Order {
    const std::vector<Stored>* pool;
    int key;  // 0: distance, 1: diversity, 2: utility, 3: text only
    bool operator()(std::size_t a, std::size_t b) const;
  };
  struct ByUtility {  // BidDetails' natural order: the best first
    int operator()(const GangsterOffer& a, const GangsterOffer& b) const {
      return a.utility < b.utility ? 1 : (a.utility > b.utility ? -1 : 0);
    }
  };
  using Bucket = GeniusPriorityQueue<GangsterOffer, ByUtility>;

  std::string Text(const Outcome& bid) const;
  void MeasureAgainstHistory(Stored& stored) const;
  void CleanUp();
  void CleanUpNotSelfish();
  static std::size_t BucketOf(double time);

  const OutcomeSpace* space_ = nullptr;
  std::vector<Stored> pool_;
  std::set<std::size_t, Order> by_distance_{Order{&pool_, 0}};
  std::set<std::size_t, Order> by_diversity_{Order{&pool_, 1}};
  std::set<std::size_t, Order> not_selfish_{Order{&pool_, 2}};
  std::vector<Outcome> opponent_offers_;
  std::vector<Outcome> own_offers_;
  std::array<std::optional<Bucket>, 100> buckets_;
  // One offer per utility value, the best first (a TreeSet ordered by utility alone).
  std::map<double, GangsterOffer, std::greater<double>> best_of_buckets_;
  std::size_t first_live_bucket_ = 0;
  double target_ = 0.0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GANGSTER_BID_STORAGE_H_
