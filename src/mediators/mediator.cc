#include "parley/mediator.h"

#include "parley/error.h"

namespace parley {

std::string_view FeedbackName(Feedback feedback) {
  switch (feedback) {
    case Feedback::kBetter: return "better";
    case Feedback::kSame: return "same";
    case Feedback::kWorse: return "worse";
  }
  return "unknown";
}

bool Mediator::ProposeText(const TextState& /*state*/, Outcome& /*text*/) {
  throw UsageError("this mediator does not run single-text negotiations");
}

RelayDecision Mediator::Relay(const RelayState& /*state*/, const Outcome& /*offer*/, Outcome& /*replacement*/) {
  return RelayDecision::kForward;
}

}  // namespace parley
