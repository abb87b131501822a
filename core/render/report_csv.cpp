#include "render/report_render.hpp"

namespace errscope {

std::string render_report_csv(const Report& /*report*/, const ReportExtras& /*extras*/, CsvShape /*shape*/) {
  return "TODO csv\n";  // placeholder while the renderer is written
}

}  // namespace errscope
