// AgentHerb (ANAC 2018, multilateral; winner of the social-welfare ranking), as GENIUS 10.4's
// agents.anac.y2018.agentherb.AgentHerb runs it inside GENIUS 9.1.10. It models each opponent as
// a logistic regression of "would accept this bid": every bid an opponent offered or accepted is
// a positive example, and the last offer on the table when it made a new offer a negative one. At
// each turn it trains one model per opponent afresh from random weights (one pass over that
// opponent's history), scores every bid as its own utility plus the product of the models'
// chances, and takes the best (the last of equal scores in BidIterator order). It accepts the last
// offer when that is worth at least the chosen bid's utility times its discount factor, and
// otherwise offers the chosen bid. Docs: docs/strategies.md#agentherb--agentherb-anac-2018-multilateral
//
// Why GENIUS's same-seed runs differ from its second turn on: LogisticRegression draws its start
// weights from ThreadLocalRandom.current(), which GENIUS's seed does not reach (it is seeded from
// the clock when the JVM starts). That is the original's only source of variation: its opponents
// are kept in a HashMap keyed by AgentID, whose hash is its name's string hash (a fixed order), and
// it reads no clock. The first turn has no model and does not draw.
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the start weights are drawn with ThreadLocalRandom.nextDouble(-1, 1)'s recipe from
//    a JavaRandom seeded from the seed, so that a Parley run is reproducible. The models are built
//    in the order of the opponents' party positions (the original's HashMap order of AgentIDs has
//    no counterpart in Parley, and decides only which model draws first).
//  - Its search walks every bid at every turn, as the original does; on a space of more than
//    2^18 bids the port walks the first 2^18 in BidIterator order (the original's walk of such a
//    space would take minutes a turn).
//  - GENIUS's persistent data (earlier agreements, which the original adds to every opponent's
//    history as positive examples) does not exist in Parley: every history starts empty, as in
//    GENIUS with persistent data disabled (the recorded sessions).
//  - Its converter throws on a real issue, which the original answers with EndNegotiation at
//    every turn; the port does the same.
//  - Like the original it ignores its reservation value, so the conformance rule on the
//    reservation value spares it.
#include "negotiators/anac/agentherb.h"

#include <cmath>
#include <memory>

#include "negotiators/anac/genius_domain.h"

namespace parley {
namespace {

constexpr std::uint64_t kMostBidsWalked = std::uint64_t{1} << 18;

}  // namespace

AgentHerbLogisticRegression::AgentHerbLogisticRegression(std::size_t size, JavaRandom& random) : weights_(size) {
  for (double& weight : weights_) {
    // r * (bound - origin) + origin, kept below the bound.
    weight = random.NextDouble() * 2.0 + -1.0;
    if (weight >= 1.0) weight = std::nextafter(1.0, 0.0);
  }
}

double AgentHerbLogisticRegression::Classify(const AgentHerbFeature* bid, std::size_t count) const {
  double sum = 0;
  sum += weights_[0] * 1.0;
  for (std::size_t k = 0; k < count; ++k) sum += weights_[bid[k].first] * bid[k].second;
  return 1.0 / (1.0 + std::exp(-sum));
}

void AgentHerbLogisticRegression::Train(const AgentHerbFeature* bid, std::size_t count, int label) {
  const double predicted = Classify(bid, count);
  // The entries left out are zeros, whose weights a step leaves as they are.
  weights_[0] = weights_[0] + kRate * (label - predicted) * 1.0;
  for (std::size_t k = 0; k < count; ++k) {
    double& weight = weights_[bid[k].first];
    weight = weight + kRate * (label - predicted) * bid[k].second;
  }
}

bool AgentHerb::Convert(const Outcome& bid, AgentHerbFeature* out) const {
  for (std::size_t i = 0; i < space_->issue_count(); ++i) {
    const Issue& issue = space_->issue(i);
    const auto index = static_cast<std::uint32_t>(value_offset_[i]);
    switch (issue.kind()) {
      case IssueKind::kReal: return false;
      case IssueKind::kInteger: {
        // (value - lower) / (upper - lower) over ints; 0 / 0 (a single value) is NaN, as in Java.
        const auto lower = static_cast<std::int64_t>(issue.lower());
        const auto upper = static_cast<std::int64_t>(issue.upper());
        out[i] = {index,
                  static_cast<double>(static_cast<std::int64_t>(bid[i]) - lower) / static_cast<double>(upper - lower)};
        break;
      }
      case IssueKind::kDiscrete: out[i] = {static_cast<std::uint32_t>(index + issue.PositionOf(bid[i])), 1.0}; break;
    }
  }
  return true;
}

void AgentHerb::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  discount_factor_ = profile_->discount_factor();
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  histories_.clear();
  last_offered_.reset();
  const std::size_t issues = space_->issue_count();
  value_offset_.assign(issues, 0);
  vector_size_ = 1;
  convertible_ = true;
  for (std::size_t i = 0; i < issues; ++i) {
    const Issue& issue = space_->issue(i);
    value_offset_[i] = vector_size_;
    convertible_ = convertible_ && issue.countable();
    vector_size_ += issue.kind() == IssueKind::kDiscrete ? issue.cardinality() : 1;
  }
  utilities_.clear();
  features_.clear();
  scanned_ = 0;
  if (!convertible_) return;
  Outcome bid;
  scanned_ = ForEachGeniusBid(*space_, kMostBidsWalked, bid, [&](const Outcome& each) {
    utilities_.push_back(profile_->Utility(each));
    features_.resize(features_.size() + issues);
    Convert(each, features_.data() + features_.size() - issues);
  });
}

void AgentHerb::Record(std::size_t party, const Outcome& bid, int label) {
  Labelled entry{std::vector<AgentHerbFeature>(space_->issue_count()), label};
  if (!Convert(bid, entry.bid.data())) return;
  histories_[party].push_back(std::move(entry));
}

void AgentHerb::Observe(const ObservedAction& action) {
  // A vote against an offer (amop, majority) is neither an Accept nor an Offer, which is all the
  // original reads.
  if (action.type == ActionType::kEndNegotiation || action.type == ActionType::kReject || action.offer == nullptr) {
    return;
  }
  // An opponent's history starts at its first offer or accept, even when there is nothing to add.
  histories_.try_emplace(action.party);
  Record(action.party, *action.offer, 1);
  if (action.type != ActionType::kOffer) return;
  if (last_offered_) Record(action.party, *last_offered_, 0);
  last_offered_ = *action.offer;
}

bool AgentHerb::ChooseNextBid(const TurnState& /*state*/, Outcome& next) {
  std::vector<AgentHerbLogisticRegression> models;
  models.reserve(histories_.size());
  for (const auto& [party, history] : histories_) {
    AgentHerbLogisticRegression& model = models.emplace_back(vector_size_, random_);
    for (const Labelled& entry : history) model.Train(entry.bid.data(), entry.bid.size(), entry.label);
  }
  const std::size_t issues = space_->issue_count();
  double best = 0;
  std::optional<std::size_t> chosen;
  for (std::size_t b = 0; b < scanned_; ++b) {
    double chances = 1;
    for (const auto& model : models) chances *= model.Classify(features_.data() + b * issues, issues);
    const double evaluation = utilities_[b] + chances;
    if (evaluation >= best) {
      chosen = b;
      best = evaluation;
    }
  }
  // Every score NaN (an integer issue of one value scales to 0 / 0): the original has no bid and
  // throws, which it answers by walking away.
  if (!chosen) return false;
  // The chosen bid by its position in the walk: the first issue turns fastest.
  std::uint64_t rest = *chosen;
  for (std::size_t i = 0; i < issues; ++i) {
    const Issue& issue = space_->issue(i);
    next[i] = GeniusValueAt(issue, rest % GeniusValueCount(issue));
    rest /= GeniusValueCount(issue);
  }
  return true;
}

ActionType AgentHerb::Act(const TurnState& state, Outcome& proposal) {
  if (!convertible_ || !ChooseNextBid(state, proposal)) return ActionType::kEndNegotiation;
  if (state.current_offer != nullptr && last_offered_ &&
      profile_->Utility(*last_offered_) >= profile_->Utility(proposal) * discount_factor_) {
    return ActionType::kAccept;
  }
  last_offered_ = proposal;
  return ActionType::kOffer;
}

namespace {

const bool kRegistered = NegotiatorRegistry::Add(
    {"agentherb",
     "AgentHerb (ANAC 2018), as GENIUS runs it: per-opponent logistic regressions of acceptance, retrained each "
     "turn; offers the bid maximising own utility plus the product of the modelled chances; accepts an offer worth "
     "that bid's utility times the discount factor.",
     {},
     [](const Spec&) { return std::make_unique<AgentHerb>(); }});

}  // namespace
}  // namespace parley
