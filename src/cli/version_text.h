// The text `parley --version` prints: the program's version and the git revision it was built
// from ("parley 0.1.0 (git abc1234)", or "(git unknown)" outside a git checkout). Defined in a
// source the build writes (cmake/write_version_source.cmake), so that a new revision recompiles
// that one file and relinks the program, and nothing else.
#ifndef PARLEY_CLI_VERSION_TEXT_H_
#define PARLEY_CLI_VERSION_TEXT_H_

namespace parley::cli {

extern const char kVersionText[];

}  // namespace parley::cli

#endif  // PARLEY_CLI_VERSION_TEXT_H_
