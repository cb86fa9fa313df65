// The "none" opponent model: knows nothing, so bidding strategies behave as without a model.
#include "parley/boa.h"

namespace parley {
namespace {

class NoModel final : public OpponentModel {
 public:
  void Begin(const NegotiatorContext& context) override { BeginCommon(context); }
  void Update(std::size_t, const Outcome&, double) override {}
  double EstimatedUtility(std::size_t, const Outcome&) const override { return 0.5; }
  bool informative() const override { return false; }
};

const bool kRegistered = OpponentModelRegistry::Add(
    {"none", "No opponent model: every outcome is estimated at 0.5 for every opponent.", {}, [](const Spec&) {
       return std::make_unique<NoModel>();
     }});

}  // namespace
}  // namespace parley
