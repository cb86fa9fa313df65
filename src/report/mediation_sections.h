// Parts of the mediator's assistant's page (mediation_report.cc) that the page of its answers
// under uncertainty (uncertain_mediation_report.cc) draws as well: the estimate's answers there
// are the same sections, not a second drawing of them.
#ifndef PARLEY_REPORT_MEDIATION_SECTIONS_H_
#define PARLEY_REPORT_MEDIATION_SECTIONS_H_

#include <string>

#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/report.h"
#include "report/markup.h"

namespace parley::report {

// The scenario's tracks, parties, answer times and events, and what the zone and the proposals
// mean: two paragraphs.
std::string MediationIntro(const MultiTrackScenario& scenario, const MediationReport& report);
// The summary cards and one section per subject (class "subject"; element ids start with "m" and
// "joint"), or the note saying why the joint package was not analysed.
std::string MediationSections(const MultiTrackScenario& scenario, const MediationReport& report,
                              const ReportOptions& options);
// A dashed vertical line and a label at each of the scenario's events, for charts over time.
std::string EventLines(const MultiTrackScenario& scenario, const Plot& plot);

}  // namespace parley::report

#endif  // PARLEY_REPORT_MEDIATION_SECTIONS_H_
