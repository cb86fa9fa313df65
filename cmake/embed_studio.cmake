# Writes a C++ source holding Parley Studio's page (web/studio/index.html) with its style sheet and
# script put inline, for parley::studio::StudioPage(): the page needs no other request, so every
# request can carry the token, and the studio works offline.
file(READ ${SOURCE}/index.html page)
file(READ ${SOURCE}/studio.css style)
file(READ ${SOURCE}/studio.js script)
foreach(marker IN ITEMS "<link rel=\"stylesheet\" href=\"studio.css\">" "<script src=\"studio.js\"></script>")
  string(FIND "${page}" "${marker}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${SOURCE}/index.html: the line ${marker} is missing; it is where the build puts the file inline")
  endif()
endforeach()
string(REPLACE "<link rel=\"stylesheet\" href=\"studio.css\">" "<style>\n${style}</style>" page "${page}")
string(REPLACE "<script src=\"studio.js\"></script>" "<script>\n${script}</script>" page "${page}")
file(WRITE ${OUTPUT}.html "${page}")
file(READ ${OUTPUT}.html bytes HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${bytes}")
file(WRITE ${OUTPUT} "// Generated from web/studio by cmake/embed_studio.cmake. Do not edit.\n"
  "#include <string>\n\nnamespace parley::studio {\n\n"
  "const std::string& StudioPage() {\n"
  "  static const std::string page(\"${escaped}\", sizeof(\"${escaped}\") - 1);\n"
  "  return page;\n}\n\n}  // namespace parley::studio\n")
