#include "render/report_html.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "render/numbers.hpp"
#include "render/report_view.hpp"
#include "render/sparkline.hpp"
#include "report/count.hpp"
#include "time/civil.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr const char* k_vendor_palette[] = {"#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#edc948",
                                            "#9c755f", "#ff9da7", "#59a14f", "#bab0ac"};
constexpr const char* k_error_color = "#d64545";
constexpr const char* k_success_color = "#3a9d5d";
constexpr const char* k_unknown_color = "#e39a1c";

// The fonts, declared once as CSS variables: Latin faces first, then the CJK families of Linux
// (Noto Sans CJK SC is Debian's fonts-noto-cjk), macOS and Windows, so that Chinese messages
// never fall back to boxes; the monospace stack for codes ends in the same CJK families.
constexpr std::string_view k_style = R"(
:root{color-scheme:light;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",
"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",
"Hiragino Sans GB",sans-serif;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",
"Noto Sans Mono CJK SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei Mono",
"Microsoft YaHei","PingFang SC",monospace}
body{margin:0;background:#f5f6f8;color:#1f2328;font:14px/1.45 var(--sans)}
main{max-width:1120px;margin:0 auto;padding:24px 24px 40px}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:15px;margin:0 0 12px}
section{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:16px 18px;margin-top:16px}
.muted{color:#656d76}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin-top:14px}
.stat{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:10px 16px;min-width:140px}
.stat b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
.stat span{color:#656d76;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.stat.bad b{color:#b42318}
.alerts{background:#fdecec;border-color:#f3b4b4;color:#7a1717}
.alerts ul{margin:0;padding-left:20px}
.legend{display:flex;flex-wrap:wrap;gap:16px;font-size:12.5px;margin:0 0 8px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
svg{display:block}
svg text{font-size:11px;fill:#656d76}
svg text.label{fill:#1f2328;font-size:12px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:middle}
th,.code-head{font-size:11.5px;color:#656d76;font-weight:600;text-transform:uppercase;
letter-spacing:.03em}
tr:last-child td{border-bottom:none}
.num{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:var(--mono);font-size:12.5px}
.time{white-space:nowrap;font-size:12.5px;color:#444c56}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap}
.b-error{background:#fde8e8;color:#b42318}.b-success{background:#e3f4e8;color:#1e7a3c}.b-unknown{background:#fff1d6;color:#8a5a00}
.b-new{background:#fde8e8;color:#b42318}.b-gone{background:#e3f4e8;color:#1e7a3c}.b-changed{background:#e8eefb;color:#2c4f9e}
.code-row{display:grid;align-items:center;gap:0 10px;padding:6px 8px 6px 24px;
grid-template-columns:52px 72px 104px 76px minmax(0,1fr) 120px 176px;
border-bottom:1px solid #eef0f3}
.code-row>*{overflow-wrap:anywhere}
summary.code-row{cursor:pointer;list-style:none;position:relative}
summary.code-row::-webkit-details-marker{display:none}
summary.code-row::before{content:"\25B8";position:absolute;left:8px;color:#8b949e}
details[open]>summary.code-row::before{content:"\25BE"}
summary.code-row:hover{background:#f6f8fa}
.code-body{padding:8px 12px 10px 24px;background:#fafbfc;border-bottom:1px solid #eef0f3}
.code-body dl{margin:0;display:grid;grid-template-columns:max-content minmax(0,1fr);
gap:4px 16px}
.code-body dt{color:#656d76;font-size:12px;font-weight:600}
.code-body dd{margin:0;overflow-wrap:anywhere}
.code-body pre.example{margin:4px 0 0;padding:6px 8px;background:#fff;border:1px solid #eef0f3;
border-radius:4px;font:12px/1.4 var(--mono);white-space:pre-wrap;overflow-wrap:anywhere}
footer{margin-top:20px;font-size:12px;color:#8b949e;text-align:center}
)";

// Appends each part in turn (keeps long concatenations readable without temporaries).
template <typename... Parts>
void put(std::string& out, const Parts&... parts) {
  (out += ... += parts);
}

// Text for HTML: control characters and invalid UTF-8 made visible, then & < > " ' as entities.
std::string escape_html(std::string_view text) {
  std::string visible;
  append_visible(visible, text);
  std::string out;
  for (const char c : visible) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A coordinate with one decimal.
std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// At most `limit` characters of UTF-8 text, with … when cut.
std::string clip(std::string_view text, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars > limit) return std::string(text.substr(0, i)) + "\xE2\x80\xA6";
  }
  return std::string(text);
}

constexpr std::string_view k_dash = "\xE2\x80\x93";  // –

const char* outcome_color(const CodeStats& code) {
  if (!code.known) return k_unknown_color;
  return code.outcome == Outcome::success ? k_success_color : k_error_color;
}

// The CSS class of a code's outcome badge (unknown codes are errors, shown apart).
const char* outcome_badge(const CodeStats& code) {
  if (!code.known) return "b-unknown";
  return code.outcome == Outcome::success ? "b-success" : "b-error";
}

// An axis label for a bucket start: the time of day, the date when buckets are days, both when
// the span crosses midnight.
std::string tick_label(WallMillis start, std::int64_t bucket_ms, bool multi_day) {
  const std::string text = format_wall_time(start);  // 2026-11-01T09:40:00
  if (bucket_ms >= k_day_millis) return text.substr(0, 10);
  return multi_day ? text.substr(5, 5) + " " + text.substr(11, 5) : text.substr(11, 5);
}

void append_stacked_timeline(std::string& out, const Report& report,
                             const std::vector<const CodeStats*>& codes) {
  const std::int64_t bucket_ms = report.bucket_ms();
  const WallMillis base = bucket_start(*report.first(), bucket_ms);
  // Never more than k_max_buckets slots, and none for a span that runs backwards (a report is
  // checked when read, but the chart does not rely on it).
  const auto buckets = static_cast<std::size_t>(
      std::min(bucket_count(*report.first(), *report.last(), bucket_ms), k_max_buckets));
  if (buckets == 0) {
    out += "<p class=\"muted\">No timeline: the time span is empty.</p>\n";
    return;
  }
  std::vector<std::string> vendors;
  for (const auto& entry : report.vendors()) vendors.push_back(entry.first);
  // The non-zero counts by bucket and vendor: as many as the timelines hold, not a vendors ×
  // buckets table.
  struct Cell {
    std::size_t bucket;
    std::size_t vendor;
    std::uint64_t count;
  };
  std::vector<Cell> cells;
  std::vector<std::uint64_t> totals(buckets, 0);
  for (const CodeStats* code : codes) {
    const std::size_t v = static_cast<std::size_t>(
        std::lower_bound(vendors.begin(), vendors.end(), code->vendor) - vendors.begin());
    if (v == vendors.size() || vendors[v] != code->vendor) continue;
    for (const auto& [start, count] : code->timeline.counts()) {
      const WallMillis at = bucket_start(start, bucket_ms);
      if (at < base || count == 0) continue;
      const std::uint64_t index =
          (static_cast<std::uint64_t>(at) - static_cast<std::uint64_t>(base)) /
          static_cast<std::uint64_t>(bucket_ms);
      if (index >= buckets) continue;
      cells.push_back(Cell{static_cast<std::size_t>(index), v, count});
      add_count(totals[static_cast<std::size_t>(index)], count);
    }
  }
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
    return a.bucket != b.bucket ? a.bucket < b.bucket : a.vendor < b.vendor;
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (kept > 0 && cells[kept - 1].bucket == cells[i].bucket &&
        cells[kept - 1].vendor == cells[i].vendor) {
      add_count(cells[kept - 1].count, cells[i].count);
    } else {
      cells[kept++] = cells[i];
    }
  }
  cells.resize(kept);
  std::uint64_t max = 1;
  for (const std::uint64_t total : totals) max = std::max(max, total);

  out += "<div class=\"legend\">";
  for (std::size_t v = 0; v < vendors.size(); ++v) {
    put(out, "<span><i class=\"swatch\" style=\"background:",
        k_vendor_palette[v % std::size(k_vendor_palette)], "\"></i>", escape_html(vendors[v]),
        "</span>");
  }
  out += "</div>\n";

  const double left = 44, top = 10, width = 1040, height = 200, plot_w = width - left - 36;
  const double slot = plot_w / static_cast<double>(buckets);
  const double gap = slot >= 4 ? 1 : 0;
  put(out, "<svg viewBox=\"0 0 ", num(width), " ", num(height + top + 26),
      "\" width=\"100%\" role=\"img\">\n");
  // Grid lines and labels at 0, the maximum and, when it is far enough from both, half of it.
  std::vector<std::uint64_t> marks{0, max};
  if (max >= 4) marks.push_back(max / 2);
  for (const std::uint64_t value : marks) {
    const double y = top + height * (1 - static_cast<double>(value) / static_cast<double>(max));
    put(out, "<line x1=\"", num(left), "\" x2=\"", num(left + plot_w), "\" y1=\"", num(y),
        "\" y2=\"", num(y), "\" stroke=\"", value == 0 ? "#b9c0c8" : "#eceff2", "\"/><text x=\"",
        num(left - 6), "\" y=\"", num(y + 4), "\" text-anchor=\"end\">", format_count(value),
        "</text>\n");
  }
  double y = top + height;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    if (i == 0 || cells[i - 1].bucket != cell.bucket) y = top + height;
    const WallMillis start = base + static_cast<WallMillis>(cell.bucket) * bucket_ms;
    const double h = height * static_cast<double>(cell.count) / static_cast<double>(max);
    y -= h;
    put(out, "<rect x=\"", num(left + slot * static_cast<double>(cell.bucket) + gap / 2), "\" y=\"",
        num(y), "\" width=\"", num(std::max(slot - gap, 0.5)), "\" height=\"", num(h), "\" fill=\"",
        k_vendor_palette[cell.vendor % std::size(k_vendor_palette)], "\"><title>",
        escape_html(vendors[cell.vendor]), " ", format_wall_time(start), ": ",
        format_count(cell.count), "</title></rect>\n");
  }
  const bool multi_day =
      base / k_day_millis != (base + static_cast<WallMillis>(buckets - 1) * bucket_ms) / k_day_millis;
  // Time labels every `step` buckets, at most six of them.
  const std::size_t step = std::max<std::size_t>(1, (buckets + 4) / 6);
  for (std::size_t b = 0; b < buckets; b += step) {
    const double x = left + slot * (static_cast<double>(b) + 0.5);
    put(out, "<line x1=\"", num(x), "\" x2=\"", num(x), "\" y1=\"", num(top + height), "\" y2=\"",
        num(top + height + 4), "\" stroke=\"#b9c0c8\"/><text x=\"", num(x), "\" y=\"",
        num(top + height + 18), "\" text-anchor=\"middle\">",
        tick_label(base + static_cast<WallMillis>(b) * bucket_ms, bucket_ms, multi_day),
        "</text>\n");
  }
  out += "</svg>\n";
}

// The two charts of top codes, errors (unknown codes included) before successes.
enum class CodeKind { errors, successes };

bool is_kind(const CodeStats& code, CodeKind kind) {
  const bool success = code.known && code.outcome == Outcome::success;
  return success == (kind == CodeKind::successes);
}

// One chart of top codes: a bar (class "bar") per code, scaled to the chart's highest count.
void append_code_bars(std::string& out, const std::vector<const CodeStats*>& codes) {
  const double row = 22, label_w = 210, width = 1040, bar_w = width - label_w - 70;
  std::uint64_t max = 1;
  bool unknown = false;
  for (const CodeStats* code : codes) {
    max = std::max(max, code->count);
    unknown = unknown || !code->known;
  }
  if (unknown) {
    put(out, "<div class=\"legend\"><span><i class=\"swatch\" style=\"background:", k_error_color,
        "\"></i>error</span><span><i class=\"swatch\" style=\"background:", k_unknown_color,
        "\"></i>unknown code</span></div>\n");
  }
  put(out, "<svg viewBox=\"0 0 ", num(width), " ", num(row * static_cast<double>(codes.size()) + 4),
      "\" width=\"100%\" role=\"img\">\n");
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const CodeStats& code = *codes[i];
    const double y = row * static_cast<double>(i) + 2;
    const double w =
        std::max(1.0, bar_w * static_cast<double>(code.count) / static_cast<double>(max));
    const std::string name = code.vendor + " " + code.code;
    put(out, "<g><title>", escape_html(name), ": ", format_count(code.count));
    if (code.known) put(out, " (", escape_html(code.message), ")");
    put(out, "</title><text class=\"label\" x=\"", num(label_w - 8), "\" y=\"", num(y + 14),
        "\" text-anchor=\"end\">", escape_html(clip(name, 30)), "</text><rect class=\"bar\" x=\"",
        num(label_w), "\" y=\"", num(y + 3), "\" width=\"", num(w), "\" height=\"", num(row - 6),
        "\" rx=\"2\" fill=\"", outcome_color(code), "\"/><text x=\"", num(label_w + w + 6),
        "\" y=\"", num(y + 14), "\">", format_count(code.count), "</text></g>\n");
  }
  out += "</svg>\n";
}

// The section of one kind's top codes among those shown, with its heading; a sentence instead
// of the chart when there is none.
void append_top_codes(std::string& out, const ReportView& view, CodeKind kind) {
  std::vector<const CodeStats*> codes;
  for (const CodeStats* code : view.shown()) {
    if (is_kind(*code, kind)) codes.push_back(code);
  }
  const bool errors = kind == CodeKind::errors;
  put(out, "<section id=\"", errors ? "top-errors" : "top-successes", "\"><h2>",
      errors ? "Top error codes" : "Top success codes", "</h2>\n");
  if (!codes.empty()) {
    append_code_bars(out, codes);
  } else if (view.hidden() > 0) {
    put(out, "<p class=\"muted\">None among the ", format_count(view.shown().size()),
        " codes shown (--top).</p>\n");
  } else {
    put(out, "<p class=\"muted\">", errors ? "No error codes." : "No success codes.", "</p>\n");
  }
  out += "</section>\n";
}

// A small bar sparkline of one code's timeline (at most 60 cells, each the sum of its buckets).
void append_sparkline(std::string& out, const std::vector<Timeline::Bucket>& points,
                      const char* color) {
  constexpr double width = 120, height = 22;
  put(out, "<svg width=\"", num(width), "\" height=\"", num(height), "\" viewBox=\"0 0 ",
      num(width), " ", num(height), "\"><line x1=\"0\" x2=\"", num(width), "\" y1=\"",
      num(height - 0.5), "\" y2=\"", num(height - 0.5), "\" stroke=\"#d0d5db\"/>");
  const std::vector<std::uint64_t> sums = squeeze_timeline(points, 60);
  const std::size_t cells = sums.size();
  const std::uint64_t max =
      sums.empty() ? 1 : std::max<std::uint64_t>(1, *std::max_element(sums.begin(), sums.end()));
  const double slot = cells == 0 ? width : width / static_cast<double>(cells);
  for (std::size_t i = 0; i < cells; ++i) {
    if (sums[i] == 0) continue;
    const double h =
        std::max(2.0, (height - 2) * static_cast<double>(sums[i]) / static_cast<double>(max));
    put(out, "<rect x=\"", num(slot * static_cast<double>(i)), "\" y=\"", num(height - h),
        "\" width=\"", num(std::max(slot - (slot >= 3 ? 1 : 0), 0.8)), "\" height=\"", num(h),
        "\" fill=\"", color, "\"/>");
  }
  out += "</svg>";
}

// What a code's row opens onto: one <dt>/<dd> pair per fact about the code (the place to add
// more, such as an example line or the top sources).
void append_code_details(std::string& out, const ReportView& view, const CodeStats& code) {
  out += "<dl>";
  out += "<dt>Hint</dt>";
  if (!code.hint.empty()) {
    put(out, "<dd>", escape_html(code.hint), "</dd>");
  } else if (code.known) {
    out += "<dd class=\"muted\">none in the table</dd>";
  } else {
    out += "<dd class=\"muted\">none: the code is not in the table</dd>";
  }
  out += "<dt>Example</dt>";
  if (code.example) {
    const CodeExample& example = *code.example;
    put(out, "<dd><span class=\"mono\">", escape_html(example_place(example)), "</span>");
    if (example.time) put(out, " &middot; ", format_wall_time(*example.time));
    put(out, "<pre class=\"example\">", escape_html(example.text),
        example.cut ? "\xE2\x80\xA6" : "", "</pre></dd>");
  } else {
    out += "<dd class=\"muted\">none kept</dd>";
  }
  if (view.shows_sources() && !view.report().cut()) {
    out += "<dt>Top sources</dt><dd>";
    std::size_t listed = 0;
    for (const auto& [source, count] : view.sources_of(code, 5)) {
      put(out, listed++ == 0 ? "" : ", ", escape_html(source->name), " ", format_count(count));
    }
    out += "</dd>";
  }
  out += "</dl>";
}

// The sources by lines, when the counts split by source.
void append_sources(std::string& out, const ReportView& view) {
  if (!view.shows_sources()) return;
  out += "<section><h2>Sources</h2>\n";
  if (view.report().cut()) {
    out += "<p class=\"muted\">A window cut from merged reports cannot split the counts by "
           "source.</p></section>\n";
    return;
  }
  out += "<table>\n<tr><th>Source</th><th class=\"num\">Lines</th><th class=\"num\">Lines with "
         "codes</th><th class=\"num\">Codes</th><th class=\"num\">Errors</th></tr>\n";
  for (const SourceStats* source : view.sources_by_lines()) {
    put(out, "<tr><td>", escape_html(source->name), "</td><td class=\"num\">",
        format_count(source->lines), "</td><td class=\"num\">",
        format_count(source->matched_lines), "</td><td class=\"num\">",
        format_count(source->matches), "</td><td class=\"num\">", format_count(source->errors),
        "</td></tr>\n");
  }
  out += "</table>\n</section>\n";
}

// One code: its row as the summary of a <details> whose body is append_code_details.
void append_code(std::string& out, const ReportView& view, const CodeStats& code) {
  put(out, "<details class=\"code\"><summary class=\"code-row\"><span class=\"num\">",
      format_count(code.count), "</span><span>", escape_html(code.vendor),
      "</span><span class=\"mono\">", escape_html(code.code), "</span><span><span class=\"badge ",
      outcome_badge(code), "\">", to_string(code.outcome), "</span></span><span>",
      code.known ? escape_html(code.message) : "<i class=\"muted\">unknown code</i>",
      "</span><span>");
  append_sparkline(out, view.dense(code), outcome_color(code));
  put(out, "</span><span class=\"time\">", time_text(code.first_seen, k_dash), "<br>",
      time_text(code.last_seen, k_dash), "</span></summary>\n<div class=\"code-body\">");
  append_code_details(out, view, code);
  out += "</div></details>\n";
}

// The footer: what was read, who made the page, when, and the report's id.
void append_generation_footer(std::string& out, const ReportView& view) {
  const Report& report = view.report();
  out += "<footer>";
  if (!view.inputs_sentence().empty()) {
    std::string sentence = view.inputs_sentence();
    sentence[0] = 'R';
    put(out, escape_html(sentence), " &middot; ");
  }
  put(out, format_count(report.matches()), " codes in ", format_count(report.matched_lines()),
      " lines");
  if (view.timed()) {
    put(out, " &middot; ", format_wall_time(*report.first()), " \xE2\x86\x92 ",
        format_wall_time(*report.last()));
  }
  if (!view.made_sentence().empty()) {
    put(out, "<br>Made by ", escape_html(view.made_sentence()), " &middot; report id ", view.id());
  }
  out += "</footer>\n";
}

void append_change(std::string& out, const BaselineRow& row) {
  const CodeChange& change = *row.change;
  const std::string_view kind = to_string(row.kind);
  put(out, "<tr><td><span class=\"badge b-", kind, "\">", kind, "</span>");
  if (const std::string_view note = row_note(row); !note.empty()) {
    put(out, " <span class=\"muted\">", note, "</span>");
  }
  put(out, "</td><td>", escape_html(change.vendor), "</td><td class=\"mono\">",
      escape_html(change.code), "</td><td class=\"num\">", format_count(change.count),
      "</td><td class=\"num\">", format_count(change.baseline_count), "</td><td class=\"num\">");
  if (row.kind == ChangeKind::changed) put(out, "\xC3\x97", format_ratio(change.ratio()));
  out += "</td></tr>\n";
}

}  // namespace

std::string render_report_html(const Report& report, const ReportExtras& extras) {
  const ReportView view(report, extras);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  put(out,
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>errscope "
      "report</title>\n",
      "<style>", k_style, "</style>\n</head>\n<body>\n<main>\n<h1>errscope report</h1>\n");
  if (view.timed()) {
    put(out, "<div class=\"muted\">", format_wall_time(*report.first()), " \xE2\x86\x92 ",
        format_wall_time(*report.last()), " &middot; ", bucket_name(report.bucket_ms()),
        " buckets</div>\n");
  } else if (!view.empty_window_sentence().empty()) {
    put(out, "<div class=\"muted\">", escape_html(view.empty_window_sentence()), ".</div>\n");
  } else {
    out += "<div class=\"muted\">No timestamps on the lines with codes.</div>\n";
  }
  if (const std::string& sentence = view.interrupted_sentence(); !sentence.empty()) {
    put(out, "<section class=\"alerts\"><b>", escape_html(sentence), ".</b></section>\n");
  }
  if (const std::string& sentence = view.shards_sentence(); !sentence.empty()) {
    put(out, "<section class=\"alerts\"><b>", escape_html(sentence), ".</b></section>\n");
  }
  if (const std::string& sentence = view.skipped_sentence(); !sentence.empty()) {
    put(out, "<section class=\"alerts\"><b>", escape_html(sentence), ".</b></section>\n");
  }
  if (const std::string& sentence = view.out_of_range_sentence(); !sentence.empty()) {
    put(out, "<div class=\"muted\">", escape_html(sentence), ".</div>\n");
  }
  if (const std::string& sentence = view.cut_sentence(); !sentence.empty()) {
    put(out, "<div class=\"muted\">", escape_html(sentence), ".</div>\n");
  }
  put(out, "<div class=\"totals\">\n<div class=\"stat\"><b>", format_count(report.lines()),
      "</b><span>lines</span></div>\n<div class=\"stat\"><b>", format_count(report.matched_lines()),
      "</b><span>lines with codes</span></div>\n<div class=\"stat\"><b>",
      format_count(report.matches()), "</b><span>codes</span></div>\n<div class=\"stat",
      report.errors() > 0 ? " bad" : "", "\"><b>", format_count(report.errors()),
      "</b><span>errors (", format_percent(report.errors(), report.matches()),
      ")</span></div>\n</div>\n");

  if (!view.alerts().empty()) {
    out += "<section class=\"alerts\"><h2>Alerts</h2><ul>\n";
    for (const auto& alert : view.alerts()) put(out, "<li>", escape_html(alert), "</li>\n");
    out += "</ul></section>\n";
  }

  if (view.codes().empty()) {
    out += "<section><h2>Codes</h2><p class=\"muted\">No vendor codes found.</p></section>\n";
  } else {
    put(out, "<section><h2>Timeline by vendor <span class=\"muted\">(",
        bucket_name(report.bucket_ms()), " buckets)</span></h2>\n");
    if (view.timed()) {
      append_stacked_timeline(out, report, view.codes());
    } else {
      out += "<p class=\"muted\">No timestamps on the lines with codes.</p>\n";
    }
    out +=
        "</section>\n<section><h2>Vendors</h2>\n<table>\n<tr><th>Vendor</th><th "
        "class=\"num\">Lines</th>"
        "<th class=\"num\">Codes</th><th class=\"num\">Errors</th></tr>\n";
    std::size_t v = 0;
    for (const auto& [vendor, stats] : report.vendors()) {
      put(out, "<tr><td><i class=\"swatch\" style=\"background:",
          k_vendor_palette[v++ % std::size(k_vendor_palette)], "\"></i>", escape_html(vendor),
          "</td><td class=\"num\">", format_count(stats.matched_lines), "</td><td class=\"num\">",
          format_count(stats.matches), "</td><td class=\"num\">", format_count(stats.errors),
          "</td></tr>\n");
    }
    out += "</table>\n</section>\n";
    append_top_codes(out, view, CodeKind::errors);
    append_top_codes(out, view, CodeKind::successes);
    put(out, "<section><h2>Codes <span class=\"muted\">(open a row for its hint, example and "
        "sources)</span></h2>\n",
        "<div class=\"code-row code-head\"><span class=\"num\">Count</span><span>Vendor</span>",
        "<span>Code</span><span>Outcome</span><span>Message</span><span>Timeline (",
        bucket_name(report.bucket_ms()), ")</span><span>First, last seen</span></div>\n");
    for (const CodeStats* code : view.shown()) append_code(out, view, *code);
    if (view.hidden() > 0) {
      put(out, "<p class=\"muted\">", format_count(view.hidden()),
          " more codes not shown (--top).</p>\n");
    }
    out += "</section>\n";
  }
  append_sources(out, view);

  if (const BaselineDiff* diff = view.baseline(); diff != nullptr) {
    put(out, "<section><h2>Against <span class=\"mono\">", escape_html(diff->file),
        "</span></h2>\n<p>", std::to_string(diff->new_codes.size()), " new, ",
        std::to_string(diff->gone_codes.size()), " gone, ",
        std::to_string(diff->changed_codes.size()), " changed</p>\n");
    if (!view.baseline_rows().empty()) {
      out +=
          "<table>\n<tr><th>Change</th><th>Vendor</th><th>Code</th><th class=\"num\">Count</th>"
          "<th class=\"num\">Baseline</th><th class=\"num\">Ratio</th></tr>\n";
      for (const BaselineRow& row : view.baseline_rows()) append_change(out, row);
      out += "</table>\n";
    }
    out += "</section>\n";
  }
  append_generation_footer(out, view);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace errscope
