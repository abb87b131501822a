#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"

namespace errscope {

/// `report --format markdown`: the same content as the text report, as tables ready to paste
/// into a postmortem or a ticket (GitHub-flavoured Markdown; `|` and other Markdown in
/// log-derived text escaped).
std::string render_report_markdown(const Report& report, const ReportExtras& extras);

}  // namespace errscope
