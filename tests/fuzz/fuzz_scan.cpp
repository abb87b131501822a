// The scanner through every sink: the text printer (all lines, matches only), NDJSON, the report
// builder, and the report rendered in every format; the same input scanned in memory, streamed
// from a file, and cut into parts on two threads.
//
// Input: two option bytes, then the log text. Byte 0: bits 0-2 the bucket (auto, 1m … 1d),
// bits 3-4 the window (none, --since, --until, both), bits 5-7 the vendors (all, or one built-in).
// Byte 1: the part size for the two-thread runs (32 to 2048 bytes: parts cut lines anywhere,
// while each part still costs a file open and a read buffer).
//
// Oracles: with no vendor the text output is the input byte for byte; with vendors each output
// line is its input line with an annotation before the ending; --matches-only writes a
// subsequence of those lines, and a line per matched line even across two inputs; every NDJSON line is valid JSON and there is one per matched line of
// the report; the report JSON parses, reads back and renders the same; streaming, parts on two
// threads and in-memory give the same output and report; a report merged with itself doubles.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "parallel/parallel_report.hpp"
#include "parallel/parallel_scan.hpp"
#include "render/report_json.hpp"
#include "report/report_builder.hpp"
#include "report/report_json.hpp"
#include "scan/scanner.hpp"
#include "sink/line_printer.hpp"
#include "source/decoder.hpp"
#include "source/file_source.hpp"
#include "time/civil.hpp"

namespace {

using namespace errscope;
using errscope::fuzz::check;

struct Matchers {
  Matcher none = fuzz::compile_or_fail(fuzz::empty_catalog());
  Matcher all = fuzz::compile_or_fail(fuzz::builtin_catalog());
  std::vector<Matcher> single;
  Matchers() {
    for (const VendorSpec& vendor : fuzz::builtin_catalog().vendors()) {
      single.push_back(fuzz::compile_or_fail(fuzz::builtin_catalog(), {vendor.id}));
    }
  }
};

const Matchers& matchers() {
  static const Matchers built;
  return built;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, newline + 1));
    text.remove_prefix(newline + 1);
  }
  return lines;
}

/// The text output of scanning `text`, and then `next` as another input (when given), with one
/// printer.
std::string scan_in_memory(const Matcher& matcher, const PrinterOptions& options,
                           std::string_view name, std::string_view text,
                           std::optional<std::string_view> next = std::nullopt) {
  OutputPart out;
  {
    OutputBuffer buffer(out, KeptBytes::copy);
    LinePrinter printer(options, buffer);
    Scanner scanner(matcher, printer);
    scanner.scan_text(name, text);
    if (next) scanner.scan_text("b", *next);
    buffer.flush();
  }
  return to_string(out);
}

std::string scan_streamed(const Matcher& matcher, const PrinterOptions& options,
                          const std::string& path) {
  OutputPart out;
  {
    OutputBuffer buffer(out, KeptBytes::copy);
    LinePrinter printer(options, buffer);
    Scanner scanner(matcher, printer);
    auto source = FileSource::open(path);
    check(source.ok(), "a memfd does not open");
    check(scanner.scan(*source).ok(), "an uncompressed memfd fails to scan");
    buffer.flush();
  }
  return to_string(out);
}

std::string scan_parallel(const Matcher& matcher, const PrinterOptions& options,
                          const std::string& path, std::size_t chunk) {
  OutputPart out;
  {
    OutputBuffer buffer(out, KeptBytes::copy);
    bool failed = false;
    parallel_scan(matcher, plan_parts({path}, chunk), options, buffer, 2,
                  [&failed](const Diagnostic&) { failed = true; });
    buffer.flush();
    check(!failed, "parallel_scan reports an error on a memfd");
  }
  return to_string(out);
}

/// Line `i` of the text output of a scan with vendors: the input line, an annotation (possibly
/// empty) before its ending.
void check_annotated(std::string_view input, std::string_view output) {
  const auto in = split_lines(input);
  const auto out = split_lines(output);
  check(in.size() == out.size(), "text output has another number of lines than the input");
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::string_view body = in[i];
    std::string_view ending;
    if (body.ends_with("\r\n")) {
      ending = "\r\n";
    } else if (body.ends_with('\n')) {
      ending = "\n";
    }
    body.remove_suffix(ending.size());
    check(out[i].starts_with(body), "an output line does not start with its input line", out[i]);
    check(out[i].ends_with(ending), "an output line lost its line ending", out[i]);
  }
}

/// Every line of `part` appears in `whole`, in the same order (--matches-only ends a last line
/// that had no newline with one, as grep).
void check_subsequence(std::string_view part, std::string_view whole) {
  const auto without_newline = [](std::string_view line) {
    if (line.ends_with('\n')) line.remove_suffix(1);
    return line;
  };
  const auto lines = split_lines(whole);
  std::size_t at = 0;
  for (std::string_view line : split_lines(part)) {
    while (at < lines.size() && without_newline(lines[at]) != without_newline(line)) ++at;
    check(at < lines.size(), "--matches-only wrote a line the full output does not hold", line);
    ++at;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t options = data[0];
  const std::size_t chunk = 32 * (1 + static_cast<std::size_t>(data[1] % 64));
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  // Compressed input is decoded by the file paths and scanned as it is in memory, so the two
  // disagree by design; the decoders have their own target (fuzz_decode).
  if (detect_compression(text) != Compression::none) return 0;
  const Matchers& all = matchers();
  const std::size_t vendor_choice = options >> 5;
  const Matcher& matcher =
      vendor_choice == 0 || vendor_choice > all.single.size() ? all.all
                                                                : all.single[vendor_choice - 1];
  simdjson::dom::parser parser;
  fuzz::MemoryFile file(text);

  // No vendor: the output is the input, byte for byte.
  PrinterOptions plain;
  check(scan_in_memory(all.none, plain, file.path(), text) == text,
        "with no vendor the text output differs from the input");

  // Text, all lines.
  const std::string annotated = scan_in_memory(matcher, plain, file.path(), text);
  check_annotated(text, annotated);
  check(scan_streamed(matcher, plain, file.path()) == annotated,
        "streamed text output differs from the in-memory scan");
  check(scan_parallel(matcher, plain, file.path(), chunk) == annotated,
        "text output on two threads differs from one");

  // Text, matched lines only.
  PrinterOptions matches_only;
  matches_only.selection = LineSelection::matches_only;
  check_subsequence(scan_in_memory(matcher, matches_only, file.path(), text), annotated);

  // Visible control characters and colour: no oracle beyond no crash.
  PrinterOptions terminal;
  terminal.safety = TextSafety::visible;
  terminal.color = ColorMode::color;
  (void)scan_in_memory(matcher, terminal, file.path(), text);

  // NDJSON.
  PrinterOptions ndjson;
  ndjson.format = OutputFormat::json;
  const std::string objects = scan_in_memory(matcher, ndjson, file.path(), text);
  std::size_t object_lines = 0;
  for (std::string_view line : split_lines(objects)) {
    check(line.ends_with('\n'), "an NDJSON line has no newline", line);
    line.remove_suffix(1);
    check(fuzz::valid_json(parser, line), "an NDJSON line is not valid JSON", line);
    ++object_lines;
  }
  check(scan_parallel(matcher, ndjson, file.path(), chunk) == objects,
        "NDJSON output on two threads differs from one");

  // The same text as two inputs, cut anywhere (the first may end without a newline), through one
  // printer as the CLI scans several files: with no vendor their bytes follow each other, a
  // newline put between them when the first ends without one (lines of two inputs never join);
  // with --matches-only each matched line of either input is a line of its own.
  const std::size_t cut = text.size() * (1 + (data[1] >> 6)) / 5;
  const std::string_view first = text.substr(0, cut);
  const std::string_view second = text.substr(cut);
  const bool joined = !first.empty() && first.back() != '\n' && !second.empty();
  check(scan_in_memory(all.none, plain, "a", first, second) ==
            (joined ? std::string(first) + '\n' + std::string(second) : std::string(text)),
        "with no vendor two inputs' output differs from their bytes");
  const std::size_t matched = split_lines(scan_in_memory(matcher, ndjson, "a", first)).size() +
                              split_lines(scan_in_memory(matcher, ndjson, "b", second)).size();
  const std::string both = scan_in_memory(matcher, matches_only, "a", first, second);
  check(split_lines(both).size() == matched,
        "--matches-only over two inputs writes another number of lines than they match", both);

  // Report.
  const unsigned bucket_choice = options & 7u;
  const bool fixed = bucket_choice >= 1 && bucket_choice <= 5;
  const BucketMode mode = fixed ? BucketMode::fixed : BucketMode::automatic;
  const std::int64_t bucket_ms = fixed ? k_bucket_sizes[bucket_choice - 1] : k_bucket_sizes[0];
  ReportWindow window;
  // As the CLI does: far-off times stay off the timelines (a fixed "now" keeps runs repeatable).
  window.times = sane_time_range(days_from_civil(2026, 12, 1) * 86'400'000);
  if (options & 0x08u) window.since = days_from_civil(2026, 1, 1) * 86'400'000;
  if (options & 0x10u) window.until = days_from_civil(2026, 12, 1) * 86'400'000;

  Report report(mode, bucket_ms);
  {
    ReportBuilder builder(report, window);
    Scanner scanner(matcher, builder);
    const std::size_t lines = scanner.scan_text(file.path(), text);
    check(lines == split_lines(text).size(), "scan_text counts another number of lines");
  }
  if (!window.since && !window.until) {
    check(report.lines() == split_lines(text).size(), "the report counts another number of lines");
    check(report.matched_lines() == object_lines,
          "the report's matched lines differ from the NDJSON objects");
  }
  check(report.matched_lines() <= report.lines(), "more matched lines than lines");
  check(report.errors() <= report.matches(), "more errors than matches");

  std::vector<Diagnostic> errors;
  Report streamed =
      parallel_report(matcher, plan_parts({file.path()}, std::size_t{1} << 30), window, mode,
                      bucket_ms, 1, errors);
  Report parted =
      parallel_report(matcher, plan_parts({file.path()}, chunk), window, mode, bucket_ms, 2, errors);
  check(errors.empty(), "parallel_report reports an error on a memfd");

  Report doubled = report;
  doubled += report;
  report.finalize();
  streamed.finalize();
  parted.finalize();
  doubled.finalize();
  const std::string json = fuzz::render_all(report, ReportExtras{}, parser);
  check(render_report_json(streamed, {}) == json, "the streamed report differs from in-memory");
  check(render_report_json(parted, {}) == json, "the report on two threads differs from one");

  auto read_back = parse_report_json("fuzz", json);
  check(read_back.ok(), "a rendered report does not read back",
        read_back.ok() ? json : read_back.error().reason);
  read_back->finalize();
  check(render_report_json(*read_back, {}) == json, "a report read back renders differently");

  check(doubled.lines() == 2 * report.lines() && doubled.matched_lines() == 2 * report.matched_lines() &&
            doubled.matches() == 2 * report.matches() && doubled.errors() == 2 * report.errors(),
        "a report merged with itself does not double its totals");
  for (const CodeStats* stats : report.codes_by_count()) {
    const CodeStats* twice = doubled.find(stats->vendor, stats->code);
    check(twice != nullptr && twice->count == 2 * stats->count &&
              twice->first_seen == stats->first_seen && twice->last_seen == stats->last_seen,
          "a code of a report merged with itself does not double", stats->code);
  }
  (void)fuzz::render_all(doubled, ReportExtras{}, parser);
  return 0;
}
