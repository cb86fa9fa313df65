// Reading the numbers of a Parley JSON document that may be uncertain (docs/uncertainty.md): a
// plain number, a range or distribution ({"uniform": [lo, hi]}, {"triangular": [lo, mode, hi]},
// {"normal": {"mean": m, "sd": s}}, each with an optional "estimate"), or {"variable": name}
// naming an entry of the document's top-level "variables". The readers of parley_json_read.cc
// and multi_track_json.cc call UncertainReader at every place a number may be uncertain and
// PlainNumber where it may not.
#ifndef PARLEY_IO_UNCERTAIN_NUMBER_READ_H_
#define PARLEY_IO_UNCERTAIN_NUMBER_READ_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/json_node.h"
#include "parley/uncertainty.h"

namespace parley::internal {

// One place a number is read from, with what its name is made of (UncertainNumber::name).
struct NumberSite {
  NumberPlace::Kind kind = NumberPlace::Kind::kIssueWeight;
  std::size_t party = 0, issue = 0, position = 0;
  std::string_view party_name;
  std::string_view key;    // issue, track or event name
  std::string_view value;  // kValueUtility: the value as written
};

// The number at `node`, which must be plain: an object there is refused with a message that
// says where uncertain numbers are allowed.
double PlainNumber(const Node& node, std::string_view what = "a number");
// The same refusal for places read with Node::Integer.
void RefuseUncertain(const Node& node);

// Reads the numbers that may be uncertain, in one of two modes. Collecting (the default
// constructor): every range is checked and recorded, and the estimate is returned. Re-reading
// (the world constructor): the same document is read again and each uncertain number, found by
// the address of its JSON value, is given its value of the world. Not thread-safe; one reader
// per reading of a document.
class UncertainReader {
 public:
  UncertainReader() = default;
  // `places` maps the address of every uncertain place's JSON value (in the document being
  // read again) to its number's index, sorted by address; `values` holds one value per number.
  UncertainReader(const std::vector<std::pair<const Json*, std::size_t>>* places, std::span<const double> values)
      : world_places_(places), world_values_(values) {}

  // Reads the top-level "variables" of `root`, if any (collecting only).
  void ReadVariables(const Node& root);
  // Numbers read from now on belong to track `index` (names then start with "<name>/").
  void SetTrack(std::size_t index, std::string_view name);
  // The weights of a linear-additive profile of the current track, as written, at the estimates.
  void RecordRawWeights(std::size_t party, const std::vector<double>& weights);

  struct Read {
    double value = 0.0;            // the estimate, or the world's value
    double low = 0.0, high = 0.0;  // support (value, value for a plain number)
    bool uncertain = false;
  };
  Read ReadNumber(const Node& node, const NumberSite& site);
  double Number(const Node& node, const NumberSite& site) { return ReadNumber(node, site).value; }

  // Checks what only the whole document shows: every variable used, names distinct.
  void Finish(const Node& root);

  std::vector<UncertainNumber>& numbers() { return numbers_; }
  // Sorted by address, for the world constructor.
  std::vector<std::pair<const Json*, std::size_t>> PlacesByAddress() const;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<double>>& raw_weights() { return raw_weights_; }

 private:
  bool collecting() const { return world_places_ == nullptr; }
  std::string NameOf(const NumberSite& site) const;
  NumberPlace PlaceOf(const Node& node, const NumberSite& site) const;
  Read UseVariable(const Node& node, const NumberSite& site);

  const std::vector<std::pair<const Json*, std::size_t>>* world_places_ = nullptr;
  std::span<const double> world_values_;

  std::vector<UncertainNumber> numbers_;
  // name -> (index in numbers_, declaration)
  std::map<std::string, std::pair<std::size_t, const Json*>, std::less<>> variables_;
  std::vector<std::pair<const Json*, std::size_t>> addresses_;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> raw_weights_;  // (track, party)
  bool has_track_ = false;
  std::size_t track_ = 0;
  std::string track_name_;
};

}  // namespace parley::internal

#endif  // PARLEY_IO_UNCERTAIN_NUMBER_READ_H_
