# Writes a C++ source that holds each input file's text, keyed by its base name without
# extension, for parley::BuiltinScenarioText().
set(content "// Generated from scenarios/builtin by cmake/embed_scenarios.cmake. Do not edit.\n")
string(APPEND content "#include <map>\n#include <string>\n\nnamespace parley::internal {\n\n")
string(APPEND content "const std::map<std::string, std::string>& BuiltinScenarioTexts() {\n")
string(APPEND content "  static const std::map<std::string, std::string> texts = {\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME_WE)
  file(READ ${input} text HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${text}")
  string(APPEND content "    {\"${name}\", std::string(\"${escaped}\", sizeof(\"${escaped}\") - 1)},\n")
endforeach()
string(APPEND content "  };\n  return texts;\n}\n\n}  // namespace parley::internal\n")
file(WRITE ${OUTPUT} "${content}")
