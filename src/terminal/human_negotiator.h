// A person in a party's seat, playing at the terminal: the `human` negotiator. On each of the
// party's turns it shows the round, the offer on the table with the person's own utility of it
// and their reservation value now, then reads one move per line; it shows the other parties'
// actions as they happen and, at the end, the outcome and the person's utility. It shows nothing
// of another party's preferences. The moves are a browser seat's (docs/studio.md): accept, walk
// away, or an offer; docs/strategies.md#human lists the commands.
//
// It lives above the protocols because it reads the NegotiationResult it is shown at the end.
// Not thread-safe. The streams must outlive the negotiator. What the person types never throws
// nor faults: an invalid line is answered with a one-line error and the prompt repeats, and the
// end of input walks away.
#ifndef PARLEY_TERMINAL_HUMAN_NEGOTIATOR_H_
#define PARLEY_TERMINAL_HUMAN_NEGOTIATOR_H_

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "parley/negotiator.h"
#include "parley/utility.h"

namespace parley {

class HumanNegotiator final : public Negotiator {
 public:
  // Reads moves from `in` and writes everything it shows to `out`. The registered `human` reads
  // std::cin and writes std::cerr, so that standard output stays the program's result.
  HumanNegotiator(std::istream& in, std::ostream& out);

  void Begin(const NegotiatorContext& context) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Observe(const ObservedAction& action) override;
  void Finish(const NegotiationResult& result) override;

 private:
  // "you", "party 2" (1-based, in turn order) or "mediator 1".
  std::string PartyName(std::size_t party) const;
  // "0.8123 to you" and, when the profile discounts, the discounted utility at `time`.
  std::string Worth(double utility, double time) const;
  void ShowTurn(const TurnState& state) const;
  void ShowValues() const;
  void ShowHelp() const;
  // Reads one value per issue from `line` into `offer`; false with a one-line `error` otherwise.
  bool ParseOffer(std::string_view line, Outcome& offer, std::string& error) const;
  bool ParseValue(std::size_t issue, std::string_view text, double& value, std::string& error) const;
  // Writes `offer` into `proposal` and remembers it as the person's last offer.
  ActionType Propose(const Outcome& offer, double time, Outcome& proposal);

  std::istream& in_;
  std::ostream& out_;
  NegotiatorContext context_;
  // The person's utility function when it is linear additive, for each value's contribution.
  const LinearAdditiveUtility* additive_ = nullptr;
  std::optional<Outcome> last_offer_;
  bool input_ended_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace parley

#endif  // PARLEY_TERMINAL_HUMAN_NEGOTIATOR_H_
