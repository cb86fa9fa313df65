// Tests of Spec, the parameterised names negotiators and protocols are created from: parsing
// (nesting, quoting, whitespace), errors that name the position, the canonical text and its round
// trip, typed getters (which treat an absent key as unregistered) and CheckKnown.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/spec.h"

namespace parley {
namespace {

// The message of the UsageError that parsing `text` throws ("" if it does not throw).
std::string ParseError(const std::string& text) {
  try {
    Spec::Parse(text);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(SpecTest, ParsesAPlainName) {
  const Spec spec = Spec::Parse("hardliner");
  EXPECT_EQ(spec.name(), "hardliner");
  EXPECT_TRUE(spec.parameters().empty());
  EXPECT_EQ(Spec::Parse("hardliner()"), spec);
}

TEST(SpecTest, ParsesParameters) {
  const Spec spec = Spec::Parse("time(e=0.2)");
  EXPECT_EQ(spec.name(), "time");
  ASSERT_EQ(spec.parameters().size(), 1u);
  EXPECT_TRUE(spec.has("e"));
  EXPECT_FALSE(spec.has("f"));
  EXPECT_EQ(spec.parameters().at("e").name(), "0.2");
  EXPECT_DOUBLE_EQ(spec.GetDouble("e"), 0.2);
}

TEST(SpecTest, ParsesNestedSpecs) {
  const Spec spec = Spec::Parse("boa(bidding=time(e=0.2),acceptance=next)");
  EXPECT_EQ(spec.name(), "boa");
  ASSERT_EQ(spec.parameters().size(), 2u);
  const Spec& bidding = spec.GetSpec("bidding");
  EXPECT_EQ(bidding.name(), "time");
  EXPECT_DOUBLE_EQ(bidding.GetDouble("e"), 0.2);
  const Spec& acceptance = spec.GetSpec("acceptance");
  EXPECT_EQ(acceptance.name(), "next");
  EXPECT_TRUE(acceptance.parameters().empty());
  EXPECT_THROW(spec.GetSpec("opponent"), UsageError);
}

TEST(SpecTest, IgnoresWhitespaceBetweenTokens) {
  const Spec expected = Spec::Parse("boa(bidding=time(e=0.2),acceptance=next)");
  EXPECT_EQ(Spec::Parse("  boa ( bidding = time ( e = 0.2 ) ,\tacceptance=next )  "), expected);
  EXPECT_EQ(Spec::Parse("boa(\n bidding=time(e=0.2),\n acceptance=next\n)"), expected);
}

TEST(SpecTest, QuotedStringsKeepTheirContent) {
  // Two adjacent quoted strings are not one value.
  EXPECT_THROW(Spec::Parse(R"(f(label='it''s'))"), UsageError);
  const Spec quoted = Spec::Parse(R"(file(path="my scenarios/a,b (1).xml", label='say "hi"'))");
  EXPECT_EQ(quoted.GetString("path"), "my scenarios/a,b (1).xml");
  EXPECT_EQ(quoted.GetString("label"), "say \"hi\"");
  EXPECT_EQ(Spec::Parse(R"(x(v=""))").GetString("v"), "");
}

TEST(SpecTest, ErrorsNameThePosition) {
  // "time(e=0.2" ends after 10 characters; the missing ')' is reported at character 11.
  EXPECT_NE(ParseError("time(e=0.2").find("character 11"), std::string::npos) << ParseError("time(e=0.2");
  // Missing '=': the value "0.2" starts at character 8.
  EXPECT_NE(ParseError("time(e 0.2)").find("character 8"), std::string::npos) << ParseError("time(e 0.2)");
  EXPECT_NE(ParseError("time(e 0.2)").find("'='"), std::string::npos);
  // Trailing text: 'x' is character 11.
  EXPECT_NE(ParseError("time(e=1) x").find("character 11"), std::string::npos) << ParseError("time(e=1) x");
  // An extra ')' is character 10.
  EXPECT_NE(ParseError("time(e=1))").find("character 10"), std::string::npos) << ParseError("time(e=1))");
  // Nothing where a name should be.
  EXPECT_NE(ParseError("(e=1)").find("character 1"), std::string::npos) << ParseError("(e=1)");
  EXPECT_NE(ParseError("").find("character 1"), std::string::npos) << ParseError("");
  // Unterminated quote.
  EXPECT_NE(ParseError("f(p=\"abc").find("character"), std::string::npos);
  // Duplicate key names the key.
  const std::string duplicate = ParseError("time(e=1,e=2)");
  EXPECT_NE(duplicate.find("'e'"), std::string::npos) << duplicate;
  EXPECT_NE(duplicate.find("twice"), std::string::npos) << duplicate;
  // Each message quotes the text.
  EXPECT_NE(ParseError("time(e=0.2").find("time(e=0.2"), std::string::npos);
}

TEST(SpecTest, MalformedTextIsAlwaysAUsageError) {
  for (const char* text : {"time(", "time(e=)", "time(=1)", "time(e=1,)", "time(e=1 f=2)", "time)", "a b",
                           "boa(bidding=time(e=0.2),acceptance=next", "f(p='x)", "time(e=1)(f=2)", "("}) {
    EXPECT_THROW(Spec::Parse(text), UsageError) << text;
  }
}

TEST(SpecTest, ToStringIsCanonicalAndRoundTrips) {
  const Spec spec = Spec::Parse(" boa( acceptance = next, bidding = time( e = 0.2 ) ) ");
  // Parameters sorted by key, no spaces.
  EXPECT_EQ(spec.ToString(), "boa(acceptance=next,bidding=time(e=0.2))");
  EXPECT_EQ(Spec::Parse("z(b=1,a=2,c=x)").ToString(), "z(a=2,b=1,c=x)");
  EXPECT_EQ(Spec::Parse("hardliner()").ToString(), "hardliner");

  for (const char* text : {"hardliner", "time(e=0.2)", "boa(bidding=time(e=0.2,k=-1e-3),acceptance=next)",
                           R"(file(path="my scenarios/a,b (1).xml"))", R"(x(v=""))", R"(x(v='say "hi"'))",
                           "a(b=c(d=e(f=g)))", "path(p=/tmp/x.y:z*)"}) {
    const Spec parsed = Spec::Parse(text);
    const std::string canonical = parsed.ToString();
    EXPECT_EQ(Spec::Parse(canonical), parsed) << text << " -> " << canonical;
    EXPECT_EQ(Spec::Parse(canonical).ToString(), canonical) << text;
  }
}

TEST(SpecTest, BuiltSpecsRoundTrip) {
  Spec spec("agent");
  spec.Set("label", std::string("two words"));
  spec.Set("e", std::string("0.5"));
  Spec inner("inner");
  inner.Set("k", std::string("3"));
  spec.Set("child", inner);
  EXPECT_EQ(Spec::Parse(spec.ToString()), spec) << spec.ToString();
  EXPECT_EQ(spec.GetString("label"), "two words");
  spec.Set("e", std::string("0.7"));  // replaces
  EXPECT_DOUBLE_EQ(spec.GetDouble("e"), 0.7);
}

TEST(SpecTest, TypedGettersReadValues) {
  const Spec spec = Spec::Parse("n(d=-2.5e-1,i=-42,big=9007199254740993,t=true,f=no,one=1,s=word,q='two words')");
  EXPECT_DOUBLE_EQ(spec.GetDouble("d"), -0.25);
  EXPECT_DOUBLE_EQ(spec.GetDouble("i"), -42.0);
  EXPECT_EQ(spec.GetInt("i"), -42);
  EXPECT_EQ(spec.GetInt("big"), 9007199254740993);
  EXPECT_TRUE(spec.GetBool("t"));
  EXPECT_FALSE(spec.GetBool("f"));
  EXPECT_TRUE(spec.GetBool("one"));
  EXPECT_EQ(spec.GetString("s"), "word");
  EXPECT_EQ(spec.GetString("q"), "two words");
  EXPECT_EQ(spec.GetString("i"), "-42");
}

// A factory reads the spec its registry filled in, so an absent key is a parameter that was never
// registered: every getter says so, naming the spec and the key.
TEST(SpecTest, TypedGettersRejectAnAbsentKeyAsUnregistered) {
  const Spec spec = Spec::Parse("n(d=1)");
  const std::string expected =
      "n: parameter 'absent' is not registered, so the spec has no value for it (a factory reads only the parameters "
      "its registration declares, which the registry fills in)";
  const auto message = [](auto&& get) {
    try {
      get();
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no UsageError");
  };
  EXPECT_EQ(message([&] { spec.GetDouble("absent"); }), expected);
  EXPECT_EQ(message([&] { spec.GetInt("absent"); }), expected);
  EXPECT_EQ(message([&] { spec.GetBool("absent"); }), expected);
  EXPECT_EQ(message([&] { spec.GetString("absent"); }), expected);
  EXPECT_EQ(message([&] { spec.GetSpec("absent"); }), expected);
}

TEST(SpecTest, TypedGettersRejectMalformedValues) {
  const Spec spec = Spec::Parse("n(word=abc,frac=2.5,num=1.5x,nested=time(e=1),inf=inf,flag=maybe)");
  EXPECT_THROW(spec.GetDouble("word"), UsageError);
  EXPECT_THROW(spec.GetDouble("num"), UsageError);
  EXPECT_THROW(spec.GetDouble("nested"), UsageError);
  EXPECT_THROW(spec.GetDouble("inf"), UsageError);
  EXPECT_THROW(spec.GetInt("frac"), UsageError);
  EXPECT_THROW(spec.GetInt("word"), UsageError);
  EXPECT_THROW(spec.GetInt("nested"), UsageError);
  EXPECT_THROW(spec.GetBool("flag"), UsageError);
  EXPECT_THROW(spec.GetBool("word"), UsageError);
  EXPECT_THROW(spec.GetString("nested"), UsageError);
  try {
    spec.GetDouble("word");
  } catch (const UsageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("word"), std::string::npos) << message;
    EXPECT_NE(message.find("abc"), std::string::npos) << message;
  }
}

TEST(SpecTest, CheckKnownListsTheKnownParameters) {
  const Spec spec = Spec::Parse("time(e=0.2,k=0.1)");
  EXPECT_NO_THROW(spec.CheckKnown({"e", "k", "unused"}));
  try {
    spec.CheckKnown({"e"});
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'k'"), std::string::npos) << message;
    EXPECT_NE(message.find("e"), std::string::npos) << message;
  }
  EXPECT_THROW(spec.CheckKnown({}), UsageError);
  EXPECT_NO_THROW(Spec::Parse("hardliner").CheckKnown({}));
}

TEST(SpecTest, SplitListSplitsAtTopLevelCommasOnly) {
  EXPECT_EQ(Spec::SplitList("a,b(x=1,y=2),c"), (std::vector<std::string>{"a", "b(x=1,y=2)", "c"}));
  EXPECT_EQ(Spec::SplitList(" a , 'x,y' ,b(c=\"1,2\")"), (std::vector<std::string>{"a", "'x,y'", "b(c=\"1,2\")"}));
  EXPECT_EQ(Spec::SplitList("single"), (std::vector<std::string>{"single"}));
}

}  // namespace
}  // namespace parley
