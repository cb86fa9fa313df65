// `parley serve` refuses what it cannot do with one line and a non-zero exit, before listening:
// a port another program holds, a token too short to guard anything, a root that is not a folder.
// (What it answers once listening: studio_api_test.cc in-process, tests/load/ and tests/browser/
// over HTTP.)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "test_support.h"

namespace parley {
namespace {

// Lines of `text` (the last one need not end in a newline).
std::size_t LineCount(const std::string& text) {
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n';
  return lines + (!text.empty() && text.back() != '\n');
}

TEST(StudioServe, RefusesAPortInUse) {
  // A port of loopback held by this test.
  const int holder = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(holder, 1), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const int port = ntohs(address.sin_port);
  const auto result = testing::RunCli("serve --port " + std::to_string(port));
  close(holder);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_EQ(result.err, "parley: error: cannot listen on port " + std::to_string(port) +
                            " of 127.0.0.1: Address already in use (choose another with --port)\n");
  EXPECT_EQ(result.out, "");
}

TEST(StudioServe, RefusesAShortTokenAndARootThatIsNotAFolder) {
  const auto short_token = testing::RunCli("serve --port 0 --token abc");
  EXPECT_NE(short_token.exit_code, 0);
  EXPECT_EQ(LineCount(short_token.err), 1u) << short_token.err;
  EXPECT_NE(short_token.err.find("at least 16 characters"), std::string::npos) << short_token.err;
  const auto missing_root = testing::RunCli("serve --port 0 --root /no/such/folder");
  EXPECT_NE(missing_root.exit_code, 0);
  EXPECT_NE(missing_root.err.find("/no/such/folder"), std::string::npos) << missing_root.err;
  EXPECT_EQ(missing_root.out, "");
}

}  // namespace
}  // namespace parley
