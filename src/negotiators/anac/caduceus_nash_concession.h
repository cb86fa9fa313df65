// The agent inside GENIUS's Caduceus portfolio that shares the portfolio's name
// (agents.anac.y2016.caduceus.agents.Caduceus.Caduceus): it offers its best bid until 0.83 d of
// the deadline, then a bid on the line from its best bid towards the Nash bid of its frequency
// models of the others, and accepts when the last offer beats that bid by 0.2. Only the caduceus
// portfolio uses it; it is not registered. See caduceus_nash_concession.cc.
#ifndef PARLEY_NEGOTIATORS_ANAC_CADUCEUS_NASH_CONCESSION_H_
#define PARLEY_NEGOTIATORS_ANAC_CADUCEUS_NASH_CONCESSION_H_

#include <memory>

#include "parley/negotiator.h"

namespace parley {

std::unique_ptr<Negotiator> MakeCaduceusNashConcession();

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_CADUCEUS_NASH_CONCESSION_H_
