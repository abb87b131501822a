#include "render/report_render.hpp"

namespace errscope {

std::string render_report_html(const Report& /*report*/, const ReportExtras& /*extras*/) {
  return "TODO html\n";  // placeholder while the renderer is written
}

}  // namespace errscope
