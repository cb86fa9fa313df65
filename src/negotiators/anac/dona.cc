// DoNA (ANAC 2014), as GENIUS 9.1.10 runs it: agents.anac.y2014.DoNA.DoNA with its
// ClearDefaultStrategy and OpponentBidHistory.
// Docs: docs/strategies.md#dona--dona-anac-2014
//
// Two agents in one. On spaces of fewer than a million bids it plays its "clear default
// strategy": with a discount factor of at least 0.75 it holds its best bid until its estimate of
// the opponent's response time says the end is near, then walks down GENIUS's sorted outcome
// space towards bids the opponent's time-weighted value counts favour, and accepts the opponent's
// last offer in the last rounds unless it is worth less than the reservation value. On larger
// (nonlinear) spaces it samples 100000 random bids at the start, offers from the best of them
// and explores with more random bids near a threshold of mean + 2.4 standard deviations.
//
// Reproduces the original step for step on small spaces (tests/genius_dona_test.cc replays
// GENIUS's traces). Deliberate differences, where Parley cannot do what GENIUS does:
//  - The large-space strategy draws from java.util.Random where the original makes unseeded
//    `new Random()`s and calls Math.random(): here one JavaRandom seeded from context.seed
//    serves every draw, so runs are reproducible (and cannot equal any particular GENIUS run).
//  - Where the original throws out of chooseAction (its "clean" end of negotiation calls
//    Random.nextInt with a negative bound, and an index can run to -1), GENIUS aborts the
//    session; the port ends the negotiation instead. Where the original catches such a throw,
//    the port takes the same fallback.
//  - Real issues (none in the ANAC domains) are cut into 10 steps where the original asks the
//    issue for its discretisation.
//  - With several opponents every other party's offer counts as the opponent's (the original is
//    bilateral).
//  - Voting on an offer (amop, majority, tau), it decides as if that offer were the last it
//    received (VoteOn); the original, bilateral, only ever decides on the last offer received.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "common/java_random.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

// Where the original throws; caught where it catches, and at the top of a turn.
struct Thrown {};

constexpr int kRealSteps = 10;

// The opponent's distinct offers, the best of them for this agent, and per issue a weight for
// each value (OpponentBidHistory): every offer adds its time weight to each of its values.
class DonaOpponent {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    distinct_.clear();
    has_best_ = false;
    weights_.assign(space.issue_count(), {});
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      weights_[i].assign(issue.countable() ? issue.cardinality() : kRealSteps, 0.0);
    }
  }

  void Add(const Outcome& bid, double utility, double weight) {
    if (std::find(distinct_.begin(), distinct_.end(), bid) == distinct_.end()) distinct_.push_back(bid);
    // The first distinct offer, then any strictly better one (a repeat is compared too).
    if (distinct_.size() == 1) {
      best_ = distinct_.front();
      best_utility_ = utility;  // of the first offer: the one just received
      has_best_ = true;
    } else if (utility > best_utility_) {
      best_ = bid;
      best_utility_ = utility;
    }
    for (std::size_t i = 0; i < bid.size(); ++i) weights_[i][Slot(i, bid[i])] += weight;
  }

  std::size_t distinct() const { return distinct_.size(); }
  bool has_best() const { return has_best_; }
  const Outcome& best() const { return best_; }
  double best_utility() const { return best_utility_; }

  // ChooseBid's score of a bid given by its value positions (countable spaces).
  double Score(const std::uint32_t* positions) const {
    double total = 0.0;
    for (std::size_t i = 0; i < weights_.size(); ++i) total += weights_[i][positions[i]];
    return total;
  }

 private:
  std::size_t Slot(std::size_t i, double value) const {
    const Issue& issue = space_->issue(i);
    if (issue.countable()) return static_cast<std::size_t>(issue.PositionOf(value));
    // The first step whose closed interval holds the value, else the last.
    const double step = (issue.upper() - issue.lower()) / kRealSteps;
    double first = issue.lower(), last = issue.lower() + step;
    for (std::size_t k = 0; k < weights_[i].size(); ++k) {
      if (value >= first && value <= last) return k;
      first = last;
      last += step;
    }
    return weights_[i].size() - 1;
  }

  const OutcomeSpace* space_ = nullptr;
  std::vector<Outcome> distinct_;
  Outcome best_;
  double best_utility_ = 0.0;
  bool has_best_ = false;
  std::vector<std::vector<double>> weights_;
};

// A decision: an action, and for an offer where the bid comes from.
struct Move {
  ActionType type = ActionType::kEndNegotiation;
  const Outcome* bid = nullptr;  // kOffer from a stored bid
  std::size_t sorted = 0;        // kOffer from the sorted outcomes when bid is null
};

// ClearDefaultStrategy: spaces of 2 to 999999 bids.
// The last offer a strategy received, which DoNA::VoteOn replaces for the length of a vote.
struct ReceivedOffer {
  Outcome offer;
  double utility = 0.0;
  bool any = false;      // an offer was received
  bool acted = false;    // the partner has acted (the large-space strategy's)
  bool offered = false;  // the partner's last action was an offer (the large-space strategy's)
};

class ClearDefault {
 public:
  void Begin(const NegotiatorContext& context) {
    profile_ = context.profile;
    const double rv = profile_->reservation_value(), d = profile_->discount_factor();
    ready_ = (rv > 0 && rv < 1 && d < 1) ? std::sqrt(std::sqrt(1 - rv) * std::sqrt(d)) : 1.0;
    rounds_ = 0;
    response_time_ = 0.0;
    const OutcomeRanking& ranking = profile_->utility_function().ranking();
    max_bid_ = Outcome(context.space->issue_count());
    max_utility_ = GeniusMaxUtilityBid(ranking, max_bid_);
    min_utility_ = ranking.worst_utility();
    range_ = max_utility_ - min_utility_;
    opponent_.Reset(*context.space);
    sorted_ = GeniusSortedOutcomes::Shared(profile_->shared_utility_function());
    count_bid_ = 0;
    has_last_ = false;
  }

  void Observe(const ObservedAction& action) {
    last_ = *action.offer;
    last_utility_ = action.offer_utility;
    has_last_ = true;
    opponent_.Add(last_, last_utility_, (ready_ - action.time) * 100);
    ++rounds_;
    response_time_ = action.time / rounds_;
  }

  Move Act(double time) {
    time_ = time;
    try {
      const double rv = profile_->reservation_value(), d = profile_->discount_factor();
      const double scaled = time / (ready_ / 1.2);
      const double next = SortedUtility(count_bid_);
      if (d >= 0.75) return LastMoment(0.75, time);
      if (rv >= 0.75) return End();
      if (rv <= 0.25) return Fast();
      if (scaled <= 0.25 && next >= 0.95) return FastWithoutEnd(0.95);
      if (scaled <= 0.5 && next >= 0.85) return FastLastMomentWithoutEnd(1, 0.85, scaled * 2);
      if (scaled > 0.75) return LastMoment(0.65, scaled);
      return OneStep();
    } catch (const Thrown&) {
      return ExceptionStrategy();
    }
  }

  const GeniusSortedOutcomes& sorted() const { return *sorted_; }
  const Outcome& max_bid() const { return max_bid_; }
  ReceivedOffer received() const { return {last_, last_utility_, has_last_, has_last_, has_last_}; }
  void set_received(const ReceivedOffer& received) {
    last_ = received.offer;
    last_utility_ = received.utility;
    has_last_ = received.any;
  }

 private:
  static Move End() { return {ActionType::kEndNegotiation}; }
  static Move Accept() { return {ActionType::kAccept}; }
  static Move OfferBid(const Outcome& bid) { return {ActionType::kOffer, &bid}; }
  static Move OfferSorted(std::size_t index) { return {ActionType::kOffer, nullptr, index}; }

  double SortedUtility(std::size_t index) const {
    if (index >= sorted_->size()) throw Thrown{};
    return sorted_->utility(index);
  }
  double LastUtility() const {
    if (!has_last_) throw Thrown{};
    return last_utility_;
  }
  double BestUtility() const {
    if (!opponent_.has_best()) throw Thrown{};
    return opponent_.best_utility();
  }

  // ChooseBid over the sorted bids worth `lower` to 1: the first with the highest positive
  // score, or nullopt.
  std::optional<std::size_t> Choose(double lower) const {
    const auto span = sorted_->BidsInRange(lower, 1.0);
    if (!span) throw Thrown{};
    std::optional<std::size_t> chosen;
    double best = 0.0;
    for (std::size_t k = span->first; k < span->first + span->count; ++k) {
      const double score = opponent_.Score(sorted_->positions(k));
      if (score > best) best = score, chosen = k;
    }
    return chosen;
  }

  // EndNegotiationOrAcceptOrNewOfferr: whichever of walking away, the last offer, the best offer
  // received and `mine` is worth most, in that order of preference among equals.
  Move BestOfFour(Move mine, double mine_utility) const {
    const double last = has_last_ ? last_utility_ : 0.0;
    const double best = opponent_.has_best() ? opponent_.best_utility() : min_utility_;
    const double rv = profile_->reservation_value();
    if (rv >= mine_utility && rv >= best && rv >= last) return End();
    if (last >= best && last >= mine_utility && last >= rv) return Accept();
    if (best >= last && best >= mine_utility && best >= rv) return OfferBid(opponent_.best());
    return mine;
  }

  Move Fast() {
    const std::size_t index = count_bid_++;
    if (index >= sorted_->size()) return End();
    return BestOfFour(OfferSorted(index), sorted_->utility(index));
  }

  Move OneStep() {
    const std::size_t index = opponent_.distinct();
    if (index >= sorted_->size()) return ExceptionStrategy();
    return BestOfFour(OfferSorted(index), sorted_->utility(index));
  }

  // What it does where a strategy throws: the ladder below at the true time.
  Move ExceptionStrategy() { return FastLastMomentWithoutEnd(1, 0, time_); }

  Move FastWithoutEnd(double virtual_reservation) {
    try {
      const double last = has_last_ ? last_utility_ : 0.0;
      offered_utility_ = SortedUtility(count_bid_);
      const double best = BestUtility();
      const double vr = virtual_reservation, mine = offered_utility_;
      if (last >= best && last >= mine && last >= vr) return Accept();
      if (best >= last && best >= mine && best >= vr) return OfferBid(opponent_.best());
      if (vr >= mine && vr >= best && vr >= last) {
        const std::optional<std::size_t> chosen = Choose(mine);
        if (!chosen) return BestOfFour(OfferSorted(count_bid_), mine);
        return OfferSorted(*chosen);
      }
      const std::size_t index = count_bid_++;
      return OfferSorted(index);
    } catch (const Thrown&) {
      return Fast();
    }
  }

  // The response-time ladder with factor 1: the closer the end, the nearer `min` the virtual
  // reservation value.
  Move FastLastMomentWithoutEnd(double start, double min, double at) {
    const double delta = (start - min) / 11;
    const double a = response_time_;
    if (at >= 1 - 4.0 * a) return FastWithoutEnd(min);
    for (int k = 3; k <= 12; ++k) {
      if (at >= 1 - std::ldexp(1.0, k) * a) return FastWithoutEnd(min + (k - 2) * delta);
    }
    return FastWithoutEnd(start);
  }

  // middleBid: a target between its best bid and the opponent's best offer, the larger
  // `rounds_left` the nearer its own best; the opponent's favourite bid above it.
  std::size_t Middle(int rounds_left, double min) const {
    const double best = BestUtility();
    const double weight = range_ * (rounds_left / 12.0) + min;
    const double target = weight * max_utility_ + (1 - weight) * best;
    const std::optional<std::size_t> chosen = Choose(target);
    return chosen ? *chosen : sorted_->IndexNearUtility(target);
  }

  Move LastMoment(double min, double at) {
    try {
      const double a = response_time_;
      const double rv = profile_->reservation_value();
      if (at >= 1 - 2 * a) return rv > LastUtility() ? End() : Accept();
      if (at >= 1 - 4.0 * a) {
        const double last = LastUtility(), best = BestUtility();
        if (rv > best && rv > last) return End();
        if (last >= best) return Accept();
        return OfferBid(opponent_.best());
      }
      if (at >= 1 - 8.0 * a || at >= 1 - 16.0 * a) return Fast();
      std::optional<std::size_t> bid;
      for (int k = 4; k <= 12 && !bid; ++k) {
        if (at >= 1 - std::ldexp(2.0, k) * a) bid = Middle(k - 1, min);
      }
      if (!bid) return rv > max_utility_ ? End() : OfferBid(max_bid_);
      const double last = LastUtility(), mine = sorted_->utility(*bid);
      if (rv > mine && rv > last) return End();
      if (last > mine) return Accept();
      return OfferSorted(*bid);
    } catch (const Thrown&) {
      return ExceptionStrategy();
    }
  }

  const Profile* profile_ = nullptr;
  std::shared_ptr<const GeniusSortedOutcomes> sorted_;
  DonaOpponent opponent_;
  Outcome max_bid_;
  double max_utility_ = 0.0, min_utility_ = 0.0, range_ = 0.0;
  double ready_ = 1.0;
  double time_ = 0.0;  // of the current turn
  int rounds_ = 0;
  double response_time_ = 0.0;
  std::size_t count_bid_ = 0;
  double offered_utility_ = 2.0;
  Outcome last_;
  double last_utility_ = 0.0;
  bool has_last_ = false;
};

// Sampled bids keyed by their utility, the last sample of each utility kept (HashMap<Double,Bid>).
using BidsByUtility = std::map<double, Outcome>;

// DoNA's own strategy: spaces of a million bids or more (and spaces with real issues).
class Sampler {
 public:
  void Begin(const NegotiatorContext& context) {
    profile_ = context.profile;
    space_ = context.space;
    random_ = std::make_unique<JavaRandom>(static_cast<std::int64_t>(context.seed));
    time_ = context.max_rounds > 0 ? 1.0 / static_cast<double>(context.max_rounds + 1) : 0.0;
    r_ = profile_->reservation_value();
    d_ = profile_->discount_factor();
    high_reservation_ = r_ >= 0.8;
    const bool mid_reservation = r_ < 0.8 && r_ > 0.2;
    high_discount_ = d_ >= 0.8;
    low_discount_ = d_ <= 0.2;
    quit_ = high_reservation_ || (mid_reservation && low_discount_);
    if (quit_) return;
    opponent_.Reset(*space_);
    has_last_ = false;
    partner_acted_ = partner_offered_ = false;
    samples_.clear();
    bids_.clear();
    others_.clear();
    other_bids_.clear();
    alternatives_.clear();
    alternative_bids_.clear();
    min_util_ = 0.0;
    stia_ = 0.0;
    explored_ = false;
    constexpr int kSamples = 100000;
    double sum = 0.0;
    for (int i = 0; i < kSamples; ++i) {
      Outcome bid = RandomBid(0.0);
      const double u = Own(bid);
      sum += u;
      bids_[u] = std::move(bid);
      samples_.push_back(u);
    }
    const double average = sum / kSamples;
    double squares = 0.0;
    for (double u : samples_) squares += std::pow(u - average, 2);
    stia_ = std::pow(squares / kSamples, 0.5);
    min_util_ = 2.4 * stia_ + average * 1.2;
    std::sort(samples_.begin(), samples_.end());
    min_util_ = std::min(min_util_, Own(bids_.at(samples_[samples_.size() - 10])));
    min_util_ = std::max(min_util_, Own(bids_.at(samples_[samples_.size() - 100])));
    my_min_util_ = profile_->Utility(bids_.at(samples_.back()));
    count_offer_ = static_cast<long>(samples_.size()) - 1;
    offered_utility_ = 2.0;
    time_index_ = 0;
    not_first_time_ = false;
    response_time_ = response_spread_ = 0.0;
    motivation_ = min_util_ - r_;
    utility_factor_ = (1 - (d_ - 0.2) * 5 / 3) * 0.1 + 0.05;
    const double end_factor = (1 - r_ * 5 / 4) / (1 / (min_util_ - r_));
    time_factor_ = 1 / (((d_ - 0.2) / 0.6) * (1 - end_factor) + end_factor);
  }

  ReceivedOffer received() const { return {last_, last_utility_, has_last_, partner_acted_, partner_offered_}; }
  void set_received(const ReceivedOffer& received) {
    last_ = received.offer;
    last_utility_ = received.utility;
    has_last_ = received.any;
    partner_acted_ = received.acted;
    partner_offered_ = received.offered;
  }

  void Observe(const ObservedAction& action) {
    if (quit_) return;
    partner_acted_ = true;
    partner_offered_ = action.type == ActionType::kOffer;
    if (!partner_offered_) return;
    last_ = *action.offer;
    last_utility_ = action.offer_utility;
    has_last_ = true;
    opponent_.Add(last_, last_utility_, action.time * 100);
    times_[time_index_++] = action.time;
    if (time_index_ == kTimes) {
      time_index_ = 0;
      response_time_ = (times_[kTimes - 1] - times_[0]) / (kTimes - 1);
      double squares = 0.0;
      for (int i = 1; i < kTimes; ++i) squares += std::pow(times_[i] - times_[i - 1] - response_time_, 2);
      response_spread_ = std::pow(squares / (kTimes - 1), 0.5);
      not_first_time_ = true;
    }
  }

  // The decision of a turn; the bid of an offer in `out`.
  ActionType Act(double time, Outcome& out) {
    time_ = time;
    try {
      return Decide(out);
    } catch (const Thrown&) {
      return ActionType::kEndNegotiation;  // GENIUS aborts the session here
    }
  }

 private:
  static constexpr int kTimes = 12;

  // Agent.getUtility: discounted at the current time.
  double Own(const Outcome& bid) const { return profile_->Discount(profile_->Utility(bid), time_); }
  double LastUtility() const { return has_last_ ? profile_->Utility(last_) : 0.0; }
  const Outcome& Sample(long index) const {
    if (index < 0 || index >= static_cast<long>(samples_.size())) throw Thrown{};
    return bids_.at(samples_[static_cast<std::size_t>(index)]);
  }
  // Offer `bid` into `out`.
  static ActionType Offer(const Outcome& bid, Outcome& out) {
    out = bid;
    return ActionType::kOffer;
  }
  // The original's walk-away draws Random.nextInt with a negative bound, which throws.
  [[noreturn]] static ActionType CleanEnd() { throw Thrown{}; }
  ActionType AcceptLast() {
    if (r_ > profile_->Discount(profile_->Utility(last_), time_)) CleanEnd();
    return ActionType::kAccept;
  }

  ActionType Decide(Outcome& out) {
    if (quit_ || motivation_ <= 0.1) CleanEnd();
    const double last = LastUtility();
    if ((last > min_util_ || last > my_min_util_) && last > r_) return AcceptLast();
    double t = time_;
    if (partner_acted_) {
      if (!partner_offered_) throw Thrown{};  // the bid of an Accept is null there
      Outcome neighbour = BestNeighbour(last_);
      const double u = Own(neighbour);
      if (u > min_util_ && t < 0.9) {
        alternative_bids_[u] = std::move(neighbour);
        alternatives_.push_back(u);
        std::sort(alternatives_.begin(), alternatives_.end());
      }
    }
    double start, min;
    if (high_discount_) {
      start = min_util_ + 0.25 * stia_;
      min = min_util_;
    } else if (low_discount_) {
      return Fast(out);
    } else {
      start = min_util_ - utility_factor_ + 0.25 * stia_;
      min = min_util_ - utility_factor_;
    }
    if (!not_first_time_) return CleanOffer(Sample(count_offer_), last, out);
    if (!high_discount_) t = time_ * time_factor_;
    const double best = opponent_.best_utility();
    if (t >= 1 - (response_time_ + 2 * response_spread_)) {
      if (r_ > last) CleanEnd();
      return AcceptLast();
    }
    if (t >= 1 - 2.0 * response_time_) {
      if (r_ > best && r_ > last) CleanEnd();
      if (last >= best) return AcceptLast();
      return Offer(opponent_.best(), out);
    }
    return FastWithoutEnd(t >= 1 - 100 * response_time_ ? min : start, out);
  }

  // getRandomBid: random bids until one reaches a threshold falling with time, keeping every bid
  // above the agent's minimum aside; the best bid kept aside, if any.
  Outcome RandomBid(double min_util) {
    Outcome bid(space_->issue_count());
    double u = 0.0, threshold = 0.0;
    int times = 0;
    do {
      ++times;
      threshold = min_util - (time_ / 0.01) * 0.01 * stia_ * 0.5;
      for (std::size_t i = 0; i < space_->issue_count(); ++i) {
        const Issue& issue = space_->issue(i);
        switch (issue.kind()) {
          case IssueKind::kDiscrete: bid[i] = random_->NextInt(static_cast<std::int32_t>(issue.cardinality())); break;
          case IssueKind::kInteger:
            bid[i] = issue.lower() + random_->NextInt(static_cast<std::int32_t>(issue.upper() - issue.lower()));
            break;
          case IssueKind::kReal:
            bid[i] = issue.lower() + (issue.upper() - issue.lower()) * random_->NextInt(kRealSteps - 1) / kRealSteps;
            break;
        }
      }
      u = Own(bid);
      if (u >= min_util_) {
        other_bids_[u] = bid;
        others_.push_back(u);
      }
      if (times >= 150000) explored_ = true;
    } while (u < threshold && others_.size() < 500 && !explored_);
    if (!others_.empty()) return TakeBestOther();
    if (u < threshold) return bids_.at(samples_.back());
    return bid;
  }

  // The best bid kept aside, removed from the store (a bid whose key a later sample replaced
  // comes back empty, as the original's HashMap gives null).
  Outcome TakeBestOther() {
    std::sort(others_.begin(), others_.end());
    const double u = others_.back();
    others_.erase(std::find(others_.begin(), others_.end(), u));
    const auto it = other_bids_.find(u);
    if (it == other_bids_.end()) throw Thrown{};
    Outcome bid = std::move(it->second);
    other_bids_.erase(it);
    return bid;
  }

  // getBestNigberBid(bid, 0): the best bid one value away (the bid itself counts), or the
  // second best when the best is the bid itself; later equals win.
  Outcome BestNeighbour(const Outcome& current) const {
    double best = 0.0, second = 0.0;
    std::optional<Outcome> best_bid, second_bid;
    Outcome bid = current;
    for (std::size_t i = 0; i < space_->issue_count(); ++i) {
      const Issue& issue = space_->issue(i);
      const auto consider = [&](double value) {
        bid = current;
        bid[i] = value;
        const double u = Own(bid);
        if (u >= best) {
          second = best;
          best = u;
          second_bid = std::move(best_bid);
          best_bid = bid;
        } else if (u >= second) {
          second = u;
          second_bid = bid;
        }
      };
      switch (issue.kind()) {
        case IssueKind::kDiscrete:
          for (std::uint64_t k = 0; k < issue.cardinality(); ++k) consider(static_cast<double>(k));
          break;
        case IssueKind::kInteger:
          // From the lower bound up to (not including) upper - lower, as the original counts.
          for (double v = issue.lower(); v < issue.upper() - issue.lower(); ++v) consider(v);
          break;
        case IssueKind::kReal:
          for (int k = 0; k < kRealSteps - 1; ++k)
            consider(issue.lower() + (issue.upper() - issue.lower()) * k / kRealSteps);
          break;
      }
    }
    if (!best_bid) throw Thrown{};
    if (*best_bid == current) {
      if (!second_bid) throw Thrown{};
      return *second_bid;
    }
    return *best_bid;
  }

  ActionType Fast(Outcome& out) {
    const long index = count_offer_--;
    const Outcome bid = Sample(index);
    try {
      return BestOfFour(bid, out);
    } catch (const Thrown&) {
      CleanEnd();
    }
  }

  ActionType BestOfFour(const Outcome& mine, Outcome& out) {
    const double last = LastUtility();
    const double offered = profile_->Utility(mine);
    const double best = opponent_.has_best() ? opponent_.best_utility() : profile_->Utility(bids_.at(samples_.front()));
    if (r_ >= offered && r_ >= best && r_ >= last) CleanEnd();
    if (last >= best && last >= offered && last >= r_) return AcceptLast();
    if (best >= last && best >= offered && best >= r_) {
      if (!opponent_.has_best()) throw Thrown{};
      return Offer(opponent_.best(), out);
    }
    return CleanOffer(mine, last, out);
  }

  ActionType FastWithoutEnd(double virtual_reservation, Outcome& out) {
    my_min_util_ = std::min(my_min_util_, virtual_reservation);
    try {
      const double last = LastUtility();
      Outcome mine = Sample(count_offer_);
      Outcome planned(space_->issue_count());
      CleanOffer(mine, last, planned);  // sets offered_utility_ and the sample index
      if (!opponent_.has_best()) throw Thrown{};
      const double best = opponent_.best_utility();
      if ((last > offered_utility_ || last >= virtual_reservation) && last > r_) return AcceptLast();
      if (best > offered_utility_ || best >= virtual_reservation) return Offer(opponent_.best(), out);
      ActionType action;
      if (virtual_reservation > offered_utility_) {
        if (!explored_ && time_ < 0.90) {
          action = RandomAction(virtual_reservation, out);
        } else {
          std::optional<Outcome> bid;
          if (!others_.empty()) {
            std::sort(others_.begin(), others_.end());
            const double u = others_.back();
            others_.erase(std::find(others_.begin(), others_.end(), u));
            if (const auto it = other_bids_.find(u); it != other_bids_.end()) {
              bid = std::move(it->second);
              other_bids_.erase(it);
            }
          }
          if (!bid) {
            const long spread = static_cast<long>(samples_.size()) - count_offer_;
            bid = Sample(static_cast<long>(random_->NextDouble() * static_cast<double>(spread)) + count_offer_);
          }
          action = CleanOffer(*bid, last, out);
        }
      } else {
        --count_offer_;
        action = CleanOffer(mine, last, out);
      }
      offered_utility_ = profile_->Utility(out);
      return action;
    } catch (const Thrown&) {
      return Fast(out);
    }
  }

  // chooseRandomBidAction: a random bid near `min_util`, made clean.
  ActionType RandomAction(double min_util, Outcome& out) {
    const double last = LastUtility();
    std::optional<Outcome> bid;
    try {
      bid = RandomBid(min_util);
    } catch (const Thrown&) {
    }
    if (!bid) return CleanOffer(bids_.at(samples_.back()), last, out);
    if (!has_last_) return Offer(*bid, out);
    return CleanOffer(*bid, last, out);
  }

  // cleanOffer: `bid`, or the next sample down while it is not better than the opponent's last
  // offer (the samples then listed once per utility), never below the agent's minimum; the best
  // alternative found next to the opponent's offers where that fails.
  ActionType CleanOffer(Outcome bid, double last, Outcome& out) {
    try {
      offered_utility_ = profile_->Utility(bid);
      bool stepped = false;
      while (offered_utility_ <= last) {
        stepped = true;
        if (--count_offer_ == -1) break;
        bid = Sample(count_offer_);
        offered_utility_ = profile_->Utility(bid);
      }
      if (stepped) {
        const long below = static_cast<long>(samples_.size()) - 1 - count_offer_;
        samples_.clear();
        for (const auto& entry : bids_) samples_.push_back(entry.first);
        count_offer_ = static_cast<long>(samples_.size()) - 1 - below;
        bid = Sample(count_offer_);
        offered_utility_ = profile_->Utility(bid);
      }
      if (offered_utility_ < min_util_) {
        bid = Sample(--count_offer_);
        offered_utility_ = profile_->Utility(bid);
      }
      if (offered_utility_ <= last || offered_utility_ < r_) CleanEnd();
    } catch (const Thrown&) {
      return BestAlternative(out);
    }
    offered_utility_ = profile_->Utility(bid);
    return Offer(bid, out);
  }

  // bestFromOpponent: the best neighbour of the opponent's offers, removed from the store.
  ActionType BestAlternative(Outcome& out) {
    if (alternatives_.empty()) throw Thrown{};
    const double u = alternatives_.back();
    const auto it = alternative_bids_.find(u);
    std::optional<Outcome> bid;
    if (it != alternative_bids_.end()) {
      bid = std::move(it->second);
      alternative_bids_.erase(it);
    }
    alternatives_.erase(std::find(alternatives_.begin(), alternatives_.end(), u));
    if (!bid || r_ > profile_->Discount(profile_->Utility(*bid), time_)) CleanEnd();
    return Offer(*bid, out);
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::unique_ptr<JavaRandom> random_;
  double time_ = 0.0;
  double r_ = 0.0, d_ = 1.0;
  bool high_reservation_ = false, high_discount_ = false, low_discount_ = false, quit_ = false;
  DonaOpponent opponent_;
  Outcome last_;
  double last_utility_ = 0.0;
  bool has_last_ = false, partner_acted_ = false, partner_offered_ = false;
  std::vector<double> samples_;  // arrSamples
  BidsByUtility bids_;
  std::vector<double> others_;  // bids above the minimum met while exploring
  BidsByUtility other_bids_;
  std::vector<double> alternatives_;  // best neighbours of the opponent's offers
  BidsByUtility alternative_bids_;
  double min_util_ = 0.0, my_min_util_ = 1.0, stia_ = 0.0;
  bool explored_ = false;
  long count_offer_ = 0;
  double offered_utility_ = 2.0;
  double times_[kTimes] = {};
  int time_index_ = 0;
  bool not_first_time_ = false;
  double response_time_ = 0.0, response_spread_ = 0.0;
  double motivation_ = 0.0, utility_factor_ = 0.0, time_factor_ = 1.0;
};

class DoNA final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    party_ = context.party;
    const auto size = context.space->cardinality();
    small_ = size && *size > 1 && *size < 1000000;
    if (small_) {
      clear_.Begin(context);
    } else {
      sampler_.Begin(context);
    }
  }

  void Observe(const ObservedAction& action) override {
    if (action.party == party_) return;
    if (!small_) return sampler_.Observe(action);
    if (action.type == ActionType::kOffer && action.offer) clear_.Observe(action);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    ActionType type;
    if (small_) {
      const Move move = clear_.Act(state.time);
      type = move.type;
      if (type == ActionType::kOffer) {
        if (move.bid) {
          proposal = *move.bid;
        } else {
          clear_.sorted().CopyOutcome(move.sorted, proposal);
        }
      }
    } else {
      type = sampler_.Act(state.time, proposal);
    }
    // The original may accept before any offer exists (never on GENIUS's first turn, which
    // forbids it); Parley has nothing to accept then, so it walks away as the original's
    // alternative would.
    if (type == ActionType::kAccept && !state.current_offer) return ActionType::kEndNegotiation;
    return type;
  }

  // The default vote asks Act about the offer put to the vote, but both strategies decide on the
  // last offer they received (under SAOP always the offer on the table), which under the voting
  // protocols is another party's bid: for the vote, the ballot is that offer. Its opponent model
  // does not count it again, and what it received is restored afterwards.
  Vote VoteOn(const VoteRequest& request, Outcome& scratch) override {
    if (request.turn.offerer == party_) return Negotiator::VoteOn(request, scratch);
    const ReceivedOffer before = small_ ? clear_.received() : sampler_.received();
    const ReceivedOffer ballot{*request.turn.current_offer, request.turn.current_offer_utility, true, true, true};
    if (small_) {
      clear_.set_received(ballot);
    } else {
      sampler_.set_received(ballot);
    }
    const Vote vote = Negotiator::VoteOn(request, scratch);
    if (small_) {
      clear_.set_received(before);
    } else {
      sampler_.set_received(before);
    }
    return vote;
  }

 private:
  std::size_t party_ = 0;
  bool small_ = true;
  ClearDefault clear_;
  Sampler sampler_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"dona",
     "DoNA (ANAC 2014) as GENIUS runs it: on small spaces holds its best bid until the opponent's response time "
     "says the end is near, then walks down its sorted bids towards the opponent's favourite values; on large "
     "spaces offers from 100000 random samples.",
     {},
     [](const Spec&) { return std::make_unique<DoNA>(); }});

}  // namespace
}  // namespace parley
