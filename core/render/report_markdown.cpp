#include "render/report_render.hpp"

namespace errscope {

std::string render_report_markdown(const Report& /*report*/, const ReportExtras& /*extras*/) {
  return "TODO markdown\n";  // placeholder while the renderer is written
}

}  // namespace errscope
