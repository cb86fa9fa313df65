// `parley tournament` under mpirun (built with -DPARLEY_WITH_MPI=ON): each MPI rank runs its share
// of the tournament and rank 0 merges the shares into the files one process writes. Compiled only
// when the build has MPI (the PARLEY_WITH_MPI definition). See docs/tournaments.md, "Across
// machines with MPI".
#ifndef PARLEY_CLI_TOURNAMENT_MPI_H_
#define PARLEY_CLI_TOURNAMENT_MPI_H_

#include <functional>

#include "parley/tournament.h"

namespace parley::cli {

// True when mpirun (OpenMPI's, or an MPICH/PMI launcher) started this process; `parley
// tournament` started any other way never initialises MPI.
bool StartedByMpirun();

// Runs `config` as one rank of the MPI job. With one rank this is the in-process run; with N
// ranks, rank R runs the negotiations whose id % N == R into results.part-R-of-N.jsonl (resuming
// it with config.resume), all ranks wait for each other, and rank 0 merges the parts into the
// final files. Without --threads, each rank runs as many threads as its machine has cores divided
// by the ranks on that machine. `progress` is shown by rank 0 only; `report` is called on rank 0
// only, with the merged result and the seconds the whole run took. An error on any rank prints
// "parley: error: rank R: ..." and aborts the whole job with a non-zero status (MPI_Abort).
void RunTournamentUnderMpi(TournamentConfig config, const TournamentProgressCallback& progress,
                           const std::function<void(const TournamentResult&, double)>& report);

}  // namespace parley::cli

#endif  // PARLEY_CLI_TOURNAMENT_MPI_H_
