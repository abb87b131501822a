#define BOOST_TEST_MODULE report_stream
#include "report/report_stream.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace errscope;

namespace {

// Feeds `text` to a stream `piece` bytes at a time; the documents, or the first error's reason
// with its line and column.
struct Fed {
  std::vector<std::string> documents;
  std::string error;
  std::size_t line = 0;
  std::size_t column = 0;
};

Fed feed(std::string_view text, std::size_t piece, std::size_t max = 1 << 20) {
  ReportStream stream("stdin", max);
  Fed fed;
  const auto failed = [&fed](const Diagnostic& error) {
    fed.error = error.reason;
    fed.line = error.where.line;
    fed.column = error.where.column;
    return fed;
  };
  for (std::size_t at = 0; at < text.size(); at += piece) {
    stream.append(text.substr(at, piece));
    for (;;) {
      auto next = stream.next();
      if (!next.ok()) return failed(next.error());
      if (!*next) break;
      fed.documents.emplace_back(**next);
    }
  }
  if (auto end = stream.finish(); !end.ok()) return failed(end.error());
  return fed;
}

}  // namespace

BOOST_AUTO_TEST_CASE(documents_come_whole_whatever_the_pieces) {
  const std::string a = R"({"schema":"x","s":"a } \" { [","n":[1,{"b":2}]})";
  const std::string b = "{\n  \"pretty\": [\n    \"\\\\\"\n  ]\n}";
  const std::string text = a + "\n" + b + "\t\r\n" + a;
  for (std::size_t piece : {1u, 2u, 3u, 7u, 64u, 4096u}) {
    const Fed fed = feed(text, piece);
    BOOST_TEST(fed.error == "", piece);
    BOOST_TEST_REQUIRE(fed.documents.size() == 3u, piece);
    BOOST_TEST(fed.documents[0] == a);
    BOOST_TEST(fed.documents[1] == b);
    BOOST_TEST(fed.documents[2] == a);
  }
}

BOOST_AUTO_TEST_CASE(a_stream_cut_inside_a_report_is_refused_after_the_whole_ones) {
  const std::string a = R"({"a":1})";
  const Fed fed = feed(a + "\n" + a + "\n{\"a\":", 3);
  BOOST_TEST(fed.documents.size() == 2u);
  BOOST_TEST(fed.error.find("the last report is cut off (5 bytes)") == 0u, fed.error);
  BOOST_TEST(fed.line == 3u);
  BOOST_TEST(fed.column == 1u);
}

BOOST_AUTO_TEST_CASE(bytes_that_start_no_report_are_refused_where_they_are) {
  const Fed fed = feed("{\"a\":1}\n{\"b\":2}\nerror: ssh refused\n", 5);
  BOOST_TEST(fed.documents.size() == 2u);
  BOOST_TEST(fed.error.find("not a report") == 0u, fed.error);
  BOOST_TEST(fed.line == 3u);
  BOOST_TEST(fed.column == 1u);
  BOOST_TEST(feed("  \n", 1).error == "no report in it");
  BOOST_TEST(feed("", 1).error == "no report in it");
}

BOOST_AUTO_TEST_CASE(memory_stays_one_report_and_a_piece_and_huge_reports_are_refused) {
  std::string text;
  const std::string a = R"({"a":"0123456789012345678901234567890123456789"})";
  for (int i = 0; i < 10'000; ++i) text += a + "\n";
  ReportStream stream("stdin", 1 << 20);
  std::size_t documents = 0;
  for (std::size_t at = 0; at < text.size(); at += 1000) {
    stream.append(std::string_view(text).substr(at, 1000));
    for (auto next = stream.next(); next.ok() && *next; next = stream.next()) ++documents;
  }
  BOOST_TEST(documents == 10'000u);
  BOOST_TEST(stream.finish().ok());
  const Fed huge = feed("{\"a\":\"" + std::string(5000, 'x') + "\"}", 100, 1000);
  BOOST_TEST(huge.error.find("a report larger than") == 0u, huge.error);
}
