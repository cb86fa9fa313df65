// Test-only shared library that is not a Parley plugin: it lacks the entry point.
extern "C" __attribute__((visibility("default"))) int parley_something_else() { return 0; }
