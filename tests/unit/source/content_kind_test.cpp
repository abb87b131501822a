#define BOOST_TEST_MODULE content_kind
#include "source/content_kind.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "compress.hpp"
#include "temp_file.hpp"

using namespace errscope;
using namespace std::string_literals;

BOOST_AUTO_TEST_CASE(log_text_is_text_whatever_it_holds) {
  BOOST_TEST((sniff_content("") == ContentKind::text));
  BOOST_TEST((sniff_content("2026-11-01 09:00:00 INFO ok\n") == ContentKind::text));
  // Colours, a bell, a stray NUL and invalid UTF-8 in otherwise ordinary lines.
  const std::string noisy = "\x1b[31mERROR\x1b[0m a\0b errcode=40014 \x07 \xff\xfe\n"s +
                            std::string(200, 'x') + "\n";
  BOOST_TEST((sniff_content(noisy) == ContentKind::text));
  // A short line with two NUL bytes: a tenth of the file, but too few to call it binary.
  BOOST_TEST((sniff_content("a\0b errcode=40014\nplain\0line\n"s) == ContentKind::text));
  // Text that merely starts like a signature.
  BOOST_TEST((sniff_content("MZ-42 order shipped\nBZh done\n") == ContentKind::text));
}

BOOST_AUTO_TEST_CASE(zero_padding_from_a_crash_or_copytruncate_keeps_a_log_text) {
  const std::string padded = std::string(40'000, '\0') + "2026-11-01 09:00:00 errcode=40014\n";
  BOOST_TEST((sniff_content(padded) == ContentKind::text));
  const std::string tail_padded = "2026-11-01 09:00:00 BackMsg_16\n" + std::string(8'000, '\0');
  BOOST_TEST((sniff_content(tail_padded) == ContentKind::text));
}

BOOST_AUTO_TEST_CASE(executables_images_and_archives_are_binary) {
  BOOST_TEST((sniff_content("\x7f" "ELF\x02\x01\x01"s + std::string(100, 'a')) ==
              ContentKind::binary));
  BOOST_TEST((sniff_content("\x89PNG\r\n\x1a\n rest") == ContentKind::binary));
  BOOST_TEST((sniff_content("PK\x03\x04 rest") == ContentKind::binary));
  BOOST_TEST((sniff_content("MZ\x90\x00\x03\x00"s) == ContentKind::binary));
  // No signature, but dense control bytes in short runs: a struct dump, a database page.
  std::string dump;
  for (int i = 0; i < 4096; ++i) dump += static_cast<char>(i % 7 == 0 ? 'a' : i % 5);
  BOOST_TEST((sniff_content(dump) == ContentKind::binary));
}

BOOST_AUTO_TEST_CASE(a_real_executable_is_binary) {
  std::ifstream in("/proc/self/exe", std::ios::binary);
  const std::string head(std::istreambuf_iterator<char>(in), {});
  BOOST_TEST((sniff_content(head) == ContentKind::binary));
}

BOOST_AUTO_TEST_CASE(only_the_first_64_KiB_decide) {
  const std::string late = std::string(k_sniff_bytes, 'x') + std::string(100'000, '\x01');
  BOOST_TEST((sniff_content(late) == ContentKind::text));
}

// A compressed log is sniffed decoded: an .xz or .bz2 of text is text, never skipped as binary;
// a compressed executable is binary.
BOOST_AUTO_TEST_CASE(compressed_logs_are_sniffed_decoded) {
  const std::string text = "2026-11-01 09:00:00 ERROR errcode=40014\n";
  const std::string elf = "\x7f" "ELF\x02\x01\x01"s + std::string(100, '\0') + text;
  for (const auto& [file_text, program] :
       {std::pair{test::xz(text), test::xz(elf)}, std::pair{test::bzip2(text), test::bzip2(elf)}}) {
    BOOST_TEST((sniff_file(test::TempFile(file_text).path()) == ContentKind::text));
    BOOST_TEST((sniff_file(test::TempFile(program).path()) == ContentKind::binary));
  }
  const test::TempFile file(test::gzip(text));
  BOOST_TEST((sniff_file(file.path()) == ContentKind::text));
}

// Decoded bytes that start with xz's or bzip2's magic are not binary for it: only the other bytes
// count (a log line "BZh91AY&SY" is text).
BOOST_AUTO_TEST_CASE(xz_and_bzip2_magic_is_no_binary_signature) {
  BOOST_TEST((sniff_content("\xfd" "7zXZ\0 then a log line\n"s) == ContentKind::text));
  BOOST_TEST((sniff_content("BZh91AY&SY\x01 a log line\n") == ContentKind::text));
}
