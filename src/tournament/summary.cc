// The summary of a tournament: per negotiator (over all scenarios and per scenario) the mean and
// 95% confidence interval of its utility, advantage, the welfare and agreement rate of its
// negotiations and their distances to the Pareto frontier and the Nash point, and a ranking by
// mean utility; as a table for people and as CSV and JSON files.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "common/json_fields.h"
#include "parley/error.h"
#include "parley/tournament.h"
#include "tournament/tournament_fields.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;

// Unsigned integers of 64-bit limbs, least significant first, for the exact sums of
// StatisticAccumulator.
__extension__ typedef unsigned __int128 U128;
__extension__ typedef __int128 I128;
using Limbs = std::array<std::uint64_t, 4>;

U128 Load128(const std::uint64_t* limbs) { return (static_cast<U128>(limbs[1]) << 64) | limbs[0]; }
void Store128(U128 value, std::uint64_t* limbs) {
  limbs[0] = static_cast<std::uint64_t>(value);
  limbs[1] = static_cast<std::uint64_t>(value >> 64);
}

// limbs += addend (the first `count` limbs; the carry out of the last is dropped).
void AddTo(std::uint64_t* limbs, std::size_t count, std::initializer_list<std::uint64_t> addend) {
  U128 carry = 0;
  std::size_t i = 0;
  auto it = addend.begin();
  for (; i < count; ++i) {
    const U128 sum = static_cast<U128>(limbs[i]) + (it != addend.end() ? *it++ : 0) + carry;
    limbs[i] = static_cast<std::uint64_t>(sum);
    carry = sum >> 64;
  }
}

Limbs Times(const Limbs& a, std::uint64_t factor) {
  Limbs product{};
  U128 carry = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const U128 p = static_cast<U128>(a[i]) * factor + carry;
    product[i] = static_cast<std::uint64_t>(p);
    carry = p >> 64;
  }
  return product;
}

Limbs Square(U128 x) {
  const std::uint64_t lo = static_cast<std::uint64_t>(x), hi = static_cast<std::uint64_t>(x >> 64);
  Limbs result{};
  const U128 ll = static_cast<U128>(lo) * lo, lh = static_cast<U128>(lo) * hi, hh = static_cast<U128>(hi) * hi;
  result[0] = static_cast<std::uint64_t>(ll);
  result[1] = static_cast<std::uint64_t>(ll >> 64);
  result[2] = static_cast<std::uint64_t>(hh);
  result[3] = static_cast<std::uint64_t>(hh >> 64);
  for (int twice = 0; twice < 2; ++twice) {  // + 2 * lh * 2^64
    AddTo(result.data(), 4, {0, static_cast<std::uint64_t>(lh), static_cast<std::uint64_t>(lh >> 64)});
  }
  return result;
}

// a -= b, for a >= b.
void Subtract(Limbs& a, const Limbs& b) {
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const U128 subtrahend = static_cast<U128>(b[i]) + borrow;
    borrow = static_cast<U128>(a[i]) < subtrahend;
    a[i] = static_cast<std::uint64_t>(static_cast<U128>(a[i]) - subtrahend);
  }
}

// Ranked statistics: best mean utility first; equal means share the better rank ("1, 2, 2, 4")
// and keep the configuration order.
std::vector<NegotiatorStatistics> Rank(std::vector<NegotiatorStatistics> stats) {
  std::stable_sort(stats.begin(), stats.end(), [](const NegotiatorStatistics& a, const NegotiatorStatistics& b) {
    return a.utility.mean > b.utility.mean;
  });
  for (std::size_t i = 0; i < stats.size(); ++i) {
    stats[i].rank = (i > 0 && stats[i].utility.mean == stats[i - 1].utility.mean) ? stats[i - 1].rank : i + 1;
  }
  return stats;
}

// A line of summary.csv, or with Row::kHeader its header: the scope ("all" or a scenario), then
// the negotiator's statistics.
std::string CsvRow(internal::CsvFieldWriter::Row row, const std::string& scope, const NegotiatorStatistics& s) {
  internal::CsvFieldWriter writer(row);
  writer.Cell("scope", scope);
  VisitFields(s, writer);
  return writer.text() + "\n";
}

std::string CsvLines(const std::string& scope, const std::vector<NegotiatorStatistics>& stats) {
  std::string text;
  for (const auto& s : stats) text += CsvRow(internal::CsvFieldWriter::Row::kLine, scope, s);
  return text;
}

std::string Cell(const Statistic& s, int decimals) {
  if (s.n == 0) return "-";
  if (s.n < 2) return fmt::format("{:.{}f}", s.mean, decimals);
  return fmt::format("{:.{}f} ± {:.{}f}", s.mean, decimals, s.half_width, decimals);
}

// Display width of UTF-8 text (the ± sign is one column, two bytes).
std::size_t Width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

std::string Table(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Width(row[c]));
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = widths[c] - Width(row[c]);
      // Names left-aligned, numbers right-aligned.
      line += c == 1 ? row[c] + std::string(pad, ' ') : std::string(pad, ' ') + row[c];
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  return text;
}

}  // namespace

double StudentT975(std::size_t degrees) {
  static constexpr double kTable[] = {0,        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624,
                                      2.306004, 2.262157,  2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450,
                                      2.119905, 2.109816,  2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
                                      2.063899, 2.059539,  2.055529, 2.051831, 2.048407, 2.045230, 2.042272};
  if (degrees == 0) return 0.0;
  if (degrees <= 30) return kTable[degrees];
  // Cornish–Fisher expansion around the normal quantile; error below 1e-6 from 30 degrees on.
  const double z = 1.959963984540054;
  const double v = static_cast<double>(degrees);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v) +
         (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
}

Statistic Summarize(const std::vector<double>& sample) {
  StatisticAccumulator accumulator;
  for (double x : sample) accumulator.Add(x);
  return accumulator.Result();
}

// Fixed point: value * 2^40 as a 64-bit integer needs |value| < 2^23.
constexpr double kScale = 1099511627776.0;  // 2^40
constexpr double kLimit = 8388608.0;        // 2^23

void StatisticAccumulator::Add(double value) {
  ++n_;
  if (!(std::fabs(value) < kLimit)) {
    out_of_range_ = true;
    return;
  }
  const std::int64_t q = std::llround(value * kScale);
  const auto sum = static_cast<U128>(Load128(sum_)) + static_cast<U128>(static_cast<I128>(q));
  Store128(sum, sum_);
  const U128 magnitude = static_cast<U128>(q < 0 ? -static_cast<I128>(q) : static_cast<I128>(q));
  AddTo(squares_, 3,
        {static_cast<std::uint64_t>(magnitude * magnitude), static_cast<std::uint64_t>((magnitude * magnitude) >> 64)});
}

void StatisticAccumulator::Merge(const StatisticAccumulator& other) {
  n_ += other.n_;
  Store128(Load128(sum_) + Load128(other.sum_), sum_);
  AddTo(squares_, 3, {other.squares_[0], other.squares_[1], other.squares_[2]});
  out_of_range_ = out_of_range_ || other.out_of_range_;
}

Statistic StatisticAccumulator::Result() const {
  Statistic s;
  s.n = n_;
  if (n_ == 0) return s;
  if (out_of_range_) {
    s.mean = s.half_width = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  const I128 sum = static_cast<I128>(Load128(sum_));
  const long double n = static_cast<long double>(n_);
  s.mean = static_cast<double>(static_cast<long double>(sum) / n / kScale);
  if (n_ < 2) return s;
  // n * (sum of squares) - sum^2 = n (n - 1) variance, exactly, in 256 bits.
  const U128 magnitude = static_cast<U128>(sum < 0 ? -sum : sum);
  Limbs numerator = Times(Limbs{squares_[0], squares_[1], squares_[2], 0}, n_);
  Subtract(numerator, Square(magnitude));
  long double value = 0;
  for (int limb = 3; limb >= 0; --limb) value = value * 18446744073709551616.0L + numerator[limb];
  const long double variance = value / (n * (n - 1)) / kScale / kScale;
  const double sd = static_cast<double>(std::sqrt(variance));
  s.half_width = StudentT975(n_ - 1) * sd / std::sqrt(static_cast<double>(n_));
  return s;
}

void TournamentSummarizer::Accumulators::Merge(const Accumulators& other) {
  utility.Merge(other.utility);
  advantage.Merge(other.advantage);
  welfare.Merge(other.welfare);
  agreement.Merge(other.agreement);
  distance_to_pareto.Merge(other.distance_to_pareto);
  distance_to_nash.Merge(other.distance_to_nash);
  faults += other.faults;
  elicitation_cost.Merge(other.elicitation_cost);
  elicited = elicited || other.elicited;
}

TournamentSummarizer::TournamentSummarizer(const TournamentPlan& plan)
    : negotiators_(plan.config.negotiators),
      scenario_ids_(plan.scenario_ids),
      overall_(negotiators_.size()),
      by_scenario_(scenario_ids_.size(), std::vector<Accumulators>(negotiators_.size())),
      scenario_negotiations_(scenario_ids_.size(), 0) {
  for (std::size_t s = 0; s < scenario_ids_.size(); ++s) scenario_index_.emplace(scenario_ids_[s], s);
}

// Every role a negotiator played is one sample of its statistics.
void TournamentSummarizer::AddTo(const TournamentRow& row, std::vector<Accumulators>& accumulators) {
  for (std::size_t p = 0; p < row.assignment.size(); ++p) {
    if (row.assignment[p] >= accumulators.size()) continue;
    Accumulators& a = accumulators[row.assignment[p]];
    // A party's score is its utility net of what it paid to learn its preferences.
    double utility = row.utilities[p];
    if (row.elicitation_costs) {
      utility -= (*row.elicitation_costs)[p];
      a.elicitation_cost.Add((*row.elicitation_costs)[p]);
      a.elicited = true;
    }
    a.utility.Add(utility);
    a.advantage.Add(utility - row.reservation_values[p]);
    if (row.social_welfare) a.welfare.Add(*row.social_welfare);
    a.agreement.Add(row.agreement ? 1.0 : 0.0);
    if (row.distance_to_pareto) a.distance_to_pareto.Add(*row.distance_to_pareto);
    if (row.distance_to_nash) a.distance_to_nash.Add(*row.distance_to_nash);
    if (row.fault_party && *row.fault_party == p) ++a.faults;
  }
}

void TournamentSummarizer::Add(const TournamentRow& row) {
  ++negotiations_;
  agreements_ += row.agreement;
  faults_ += !row.fault.empty();
  AddTo(row, overall_);
  const auto it = scenario_index_.find(row.scenario);
  if (it == scenario_index_.end()) return;
  AddTo(row, by_scenario_[it->second]);
  ++scenario_negotiations_[it->second];
}

void TournamentSummarizer::Merge(const TournamentSummarizer& other) {
  if (other.negotiators_ != negotiators_ || other.scenario_ids_ != scenario_ids_) {
    throw UsageError("cannot merge the summaries of different tournaments");
  }
  negotiations_ += other.negotiations_;
  agreements_ += other.agreements_;
  faults_ += other.faults_;
  for (std::size_t j = 0; j < overall_.size(); ++j) overall_[j].Merge(other.overall_[j]);
  for (std::size_t s = 0; s < by_scenario_.size(); ++s) {
    scenario_negotiations_[s] += other.scenario_negotiations_[s];
    for (std::size_t j = 0; j < overall_.size(); ++j) by_scenario_[s][j].Merge(other.by_scenario_[s][j]);
  }
}

TournamentSummary TournamentSummarizer::Summary() const {
  auto statistics = [&](const std::vector<Accumulators>& accumulators) {
    std::vector<NegotiatorStatistics> stats;
    for (std::size_t j = 0; j < negotiators_.size(); ++j) {
      const Accumulators& a = accumulators[j];
      NegotiatorStatistics s;
      s.negotiator = negotiators_[j];
      s.utility = a.utility.Result();
      s.advantage = a.advantage.Result();
      s.welfare = a.welfare.Result();
      s.agreement = a.agreement.Result();
      s.distance_to_pareto = a.distance_to_pareto.Result();
      s.distance_to_nash = a.distance_to_nash.Result();
      s.faults = a.faults;
      if (a.elicited) s.elicitation_cost = a.elicitation_cost.Result();
      stats.push_back(std::move(s));
    }
    return Rank(std::move(stats));
  };
  TournamentSummary summary;
  summary.negotiations = negotiations_;
  summary.agreements = agreements_;
  summary.faults = faults_;
  summary.negotiators = statistics(overall_);
  for (std::size_t s = 0; s < scenario_ids_.size(); ++s) {
    summary.scenarios.push_back({scenario_ids_[s], scenario_negotiations_[s], statistics(by_scenario_[s])});
  }
  return summary;
}

TournamentSummary SummarizeTournament(const TournamentPlan& plan, const std::vector<TournamentRow>& rows) {
  TournamentSummarizer summarizer(plan);
  for (const auto& row : rows) summarizer.Add(row);
  return summarizer.Summary();
}

std::string SummaryToCsv(const TournamentSummary& summary) {
  NegotiatorStatistics columns;
  if (!summary.negotiators.empty()) columns.elicitation_cost = summary.negotiators.front().elicitation_cost;
  std::string text = CsvRow(internal::CsvFieldWriter::Row::kHeader, "", columns);
  text += CsvLines("all", summary.negotiators);
  for (const auto& scenario : summary.scenarios) text += CsvLines(scenario.scenario, scenario.negotiators);
  return text;
}

std::string SummaryToJson(const TournamentSummary& summary) {
  Json json = Json::object();
  json["negotiations"] = summary.negotiations;
  json["agreements"] = summary.agreements;
  json["faults"] = summary.faults;
  json["confidence_intervals"] = "95%, Student's t with n - 1 degrees of freedom; ci95 is the half-width";
  json["negotiators"] = Json::array();
  for (const auto& s : summary.negotiators) json["negotiators"].push_back(internal::ToJson(s));
  json["scenarios"] = Json::array();
  for (const auto& scenario : summary.scenarios) {
    Json entry = Json::object();
    entry["scenario"] = scenario.scenario;
    entry["negotiations"] = scenario.negotiations;
    entry["negotiators"] = Json::array();
    for (const auto& s : scenario.negotiators) entry["negotiators"].push_back(internal::ToJson(s));
    json["scenarios"].push_back(std::move(entry));
  }
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string SummaryTable(const TournamentSummary& summary) {
  std::string text = fmt::format(
      "{} negotiations, {} agreements ({:.1f}%), {} faults; means ± 95% confidence "
      "half-widths\n\n",
      summary.negotiations, summary.agreements,
      summary.negotiations ? 100.0 * summary.agreements / summary.negotiations : 0.0, summary.faults);
  std::vector<std::vector<std::string>> rows = {{"Rank", "Negotiator", "n", "Utility", "Advantage", "Welfare",
                                                 "Agreement", "Pareto dist.", "Nash dist.", "Faults"}};
  // Under elicitation the utility is net of the costs, which get a column of their own.
  const bool elicited = !summary.negotiators.empty() && summary.negotiators.front().elicitation_cost;
  if (elicited) rows.front().insert(rows.front().begin() + 4, "Elicitation cost");
  for (const auto& s : summary.negotiators) {
    rows.push_back({fmt::format("{}", s.rank), s.negotiator, fmt::format("{}", s.utility.n), Cell(s.utility, 3),
                    Cell(s.advantage, 3), Cell(s.welfare, 3), Cell(s.agreement, 2), Cell(s.distance_to_pareto, 3),
                    Cell(s.distance_to_nash, 3), fmt::format("{}", s.faults)});
    if (s.elicitation_cost) rows.back().insert(rows.back().begin() + 4, Cell(*s.elicitation_cost, 3));
  }
  text += Table(rows, "");
  text += "\nBy scenario\n";
  for (const auto& scenario : summary.scenarios) {
    text += fmt::format("\n  {} ({} negotiations)\n", scenario.scenario, scenario.negotiations);
    std::vector<std::vector<std::string>> lines = {{"Rank", "Negotiator", "n", "Utility", "Advantage", "Agreement"}};
    for (const auto& s : scenario.negotiators) {
      lines.push_back({fmt::format("{}", s.rank), s.negotiator, fmt::format("{}", s.utility.n), Cell(s.utility, 3),
                       Cell(s.advantage, 3), Cell(s.agreement, 2)});
    }
    text += Table(lines, "  ");
  }
  return text;
}

}  // namespace parley
