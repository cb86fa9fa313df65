// java.util.PriorityQueue's order (src/negotiators/anac/genius_priority_queue.h): which of equal
// elements Java polls first, after adds, polls and removals. The expected orders were printed by
// OpenJDK 17 running the same script on java.util.PriorityQueue; the first is also worked by hand
// in the comment.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_priority_queue.h"

namespace parley {
namespace {

struct Element {
  int key = 0;
  int id = 0;
};
struct ByKey {
  int operator()(const Element& a, const Element& b) const { return a.key < b.key ? -1 : (a.key > b.key ? 1 : 0); }
};
using Queue = GeniusPriorityQueue<Element, ByKey>;

TEST(GeniusPriorityQueue, PollsTiesInJavasOrder) {
  // Keys 2, 1, 2, 1, 0 added as ids 0..4 leave the heap [4, 1, 2, 0, 3]; polling 4 moves 3 to the
  // root, where it stays (equal to 1), so 3 comes before 1; then 0 sinks below 1, and 2 stays above
  // 0 when 1 is polled.
  Queue queue;
  const std::vector<int> keys = {2, 1, 2, 1, 0};
  for (int id = 0; id < 5; ++id) queue.Add({keys[static_cast<std::size_t>(id)], id});
  std::vector<int> polled;
  while (!queue.empty()) polled.push_back(queue.Poll().id);
  EXPECT_EQ(polled, (std::vector<int>{4, 3, 1, 2, 0}));
}

TEST(GeniusPriorityQueue, AddsPollsAndRemovalsFollowJava) {
  // 400 steps drawn from new Random(5): nextInt(6) < 4 (or an empty queue) adds id n with key
  // nextInt(4); 4 polls; 5 removes the live id at nextInt(live count) (live ids in order of
  // adding). Then everything left is polled. "p<id>" is a poll, "r<id>" a removal.
  const std::string expected =
      "p0 r1 p4 r5 p9 r11 p13 r7 p17 r18 p8 r20 p6 r15 p23 p22 p10 p27 r28 r24 p31 p36 p37 p38 r14 p40 p43 "
      "r51 r54 r46 r52 p50 p62 p64 r73 p72 p56 r48 p58 p78 p79 r65 r2 p82 r80 p86 r47 r55 p98 p34 p63 p66 "
      "p67 p61 r93 p106 r85 p107 p108 p111 p112 r42 p84 p104 p116 p121 r45 p122 p123 p124 r75 r126 r117 "
      "p125 r60 p128 p131 r130 p136 p141 r140 p90 r21 p150 r118 r68 p144 r39 r148 p95 r127 r132 p161 r74 "
      "p165 p166 p170 p171 r164 r87 p174 p153 r110 r88 p183 r26 r177 p186 r109 r172 p187 r96 p189 r191 "
      "p195 p197 p203 p204 p207 p208 p209 p212 p215 r16 r138 r188 r3 r185 r92 p217 r134 r105 p219 r77 p220 "
      "r169 p222 r199 p227 r59 p230 r100 p231 p154 p242 p156 r57 p173 p249 p229 p250 p248 p224 p178 p184 "
      "p163 p205 p200 p162 p238 p30 p102 p225 p226 p89 p233 p135 p53 p246 p119 p239 p139 p241 p101 p146 "
      "p143 p155 p94 p232 p237 p12 p160 p168 p180 p69 p176 p198 p234 p190 p19 p114 p81 p99 p201 p245 p33 "
      "p240 p145 p216 p214 p113 p210 p206 p137 p133 p193 p97 p221 p235 p152 p223 p76 p244 p182 p35 p70 "
      "p142 p194 p181 p218 p147 p103 p91 p29 p192 p228 p202 p151 p120 p32 p129 p149 p213 p44 p243 p167 "
      "p175 p71 p211 p49 p25 p196 p115 p159 p41 p158 p247 p179 p157 p236 p83 ";
  ;
  JavaRandom random(5);
  Queue queue;
  std::vector<int> live;
  std::string events;
  int next = 0;
  for (int step = 0; step < 400; ++step) {
    const int op = random.NextInt(6);
    if (op < 4 || queue.empty()) {
      queue.Add({random.NextInt(4), next});
      live.push_back(next++);
    } else if (op == 4) {
      const int id = queue.Poll().id;
      events += "p" + std::to_string(id) + " ";
      live.erase(std::find(live.begin(), live.end(), id));
    } else {
      const auto at = static_cast<std::size_t>(random.NextInt(static_cast<std::int32_t>(live.size())));
      const int id = live[at];
      EXPECT_TRUE(queue.RemoveFirst([id](const Element& e) { return e.id == id; }));
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
      events += "r" + std::to_string(id) + " ";
    }
  }
  while (!queue.empty()) events += "p" + std::to_string(queue.Poll().id) + " ";
  EXPECT_EQ(events, expected);
  EXPECT_FALSE(queue.RemoveFirst([](const Element&) { return true; }));
}

}  // namespace
}  // namespace parley
