#define BOOST_TEST_MODULE progress
#include "util/progress.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

#include "util/utf8.hpp"

using namespace errscope;

namespace {

constexpr std::uint64_t k_mib = 1 << 20;

ProgressSnapshot snapshot(std::uint64_t read, std::optional<std::uint64_t> total, double seconds,
                          std::string_view current) {
  ProgressSnapshot made;
  made.read = read;
  made.total = total;
  made.elapsed_seconds = seconds;
  made.current = current;
  return made;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bytes_in_binary_units) {
  BOOST_TEST(format_bytes(0) == "0 B");
  BOOST_TEST(format_bytes(1023) == "1023 B");
  BOOST_TEST(format_bytes(1024) == "1.0 KiB");
  BOOST_TEST(format_bytes(310 * k_mib) == "310 MiB");
  BOOST_TEST(format_bytes(1288490189) == "1.2 GiB");
  BOOST_TEST(format_bytes(1024 * 1024 - 1) == "1.0 MiB");  // not "1024 KiB"
}

BOOST_AUTO_TEST_CASE(rate_and_eta) {
  BOOST_TEST(!progress_rate(0, 1.0));
  BOOST_TEST(!progress_rate(100, 0.0));
  BOOST_TEST(*progress_rate(300, 2.0) == 150.0);
  BOOST_TEST(!progress_eta(10, std::nullopt, 5.0));  // a pipe: no total, no ETA
  BOOST_TEST(!progress_eta(10, 100, std::nullopt));
  BOOST_TEST(*progress_eta(40, 100, 10.0) == 6.0);
  BOOST_TEST(*progress_eta(120, 100, 10.0) == 0.0);  // a file that grew
  BOOST_TEST(format_eta(5.2) == "6s");
  BOOST_TEST(format_eta(245) == "4m05s");
  BOOST_TEST(format_eta(7380) == "2h03m");
}

BOOST_AUTO_TEST_CASE(the_whole_line) {
  const std::uint64_t total = 3ull << 30;
  const std::uint64_t read = total * 2 / 5 + 1;  // just past 40%
  BOOST_TEST(format_progress_line(snapshot(read, total, read / (310.0 * k_mib), "app.log.zst"),
                                  120) ==
             "errscope: 1.2 GiB of 3.0 GiB (40%) 310 MiB/s ETA 6s app.log.zst");
  // Standard input: the bytes and the rate only.
  BOOST_TEST(format_progress_line(snapshot(2 * k_mib, std::nullopt, 2.0, "standard input"), 80) ==
             "errscope: 2.0 MiB 1.0 MiB/s standard input");
  // Before any time has passed: no rate.
  BOOST_TEST(format_progress_line(snapshot(0, 100, 0.0, "a.log"), 80) ==
             "errscope: 0 B of 100 B (0%) a.log");
}

BOOST_AUTO_TEST_CASE(long_names_lose_their_start) {
  const std::string name = "/var/log/very/deep/folder/app-2026-11-01.log.zst";
  const std::string line = format_progress_line(snapshot(0, 100, 0.0, name), 50);
  BOOST_TEST(display_width(line) <= 50u);
  BOOST_TEST(line.find("\xE2\x80\xA6") != std::string::npos);
  BOOST_TEST(line.ends_with("11-01.log.zst"));
  // Wide characters count two columns each.
  const std::string wide = format_progress_line(snapshot(0, 100, 0.0, "日志日志日志日志日志.log"), 40);
  BOOST_TEST(display_width(wide) <= 40u);
  // Too narrow for the figures: they are cut, the name left out.
  BOOST_TEST(format_progress_line(snapshot(0, 100, 0.0, name), 12) == "errscope: 0 ");
}

BOOST_AUTO_TEST_CASE(names_are_made_visible) {
  const std::string line = format_progress_line(snapshot(0, 100, 0.0, "\x1b[31mevil\a.log"), 80);
  BOOST_TEST(line.find('\x1b') == std::string::npos);
  BOOST_TEST(line.find('\a') == std::string::npos);
  BOOST_TEST(line.ends_with("\\x1b[31mevil\\x07.log"));
}

BOOST_AUTO_TEST_CASE(threads_count_into_one_counter) {
  ReadProgress progress;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&progress] {
      for (int i = 0; i < 1000; ++i) progress.add_read(7);
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(progress.read() == 28000u);
  progress.set_current("b.log");
  BOOST_TEST(progress.current() == "b.log");
}
