// Errors raised at Parley's API boundary.
//
// The library never prints or exits: every failure the caller can do something about is thrown
// as one of these, with a message that names the file or object, the place in it and what was
// expected. Programs (the `parley` CLI, the tests) turn them into a message and an exit status.
#ifndef PARLEY_ERROR_H_
#define PARLEY_ERROR_H_

#include <stdexcept>
#include <string>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// Base of every error Parley throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A scenario, profile, configuration or other input file is unreadable or does not say what it
// must. The message starts with the file path.
class InputError : public Error {
 public:
  using Error::Error;
};

// The caller asked for something the object cannot do (an unknown registered name, an outcome of
// the wrong shape, an enumeration of a space too large to enumerate, ...).
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_ERROR_H_
