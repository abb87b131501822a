#include "util/file_reader.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "util/progress.hpp"

namespace errscope {

Result<std::string> read_small_file(const std::string& path, std::size_t max_size, std::string_view fix) {
  // "-" is standard input, read but not closed.
  const auto close = [](std::FILE* f) { return f == stdin ? 0 : std::fclose(f); };
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      path == "-" ? stdin : std::fopen(path.c_str(), "rb"), +close);
  if (!file) {
    return Diagnostic{SourcePosition{path, 0, 0, ""}, std::string("cannot open: ") + std::strerror(errno),
                      std::string(fix)};
  }
  ReadProgress* const progress = read_progress();
  if (progress != nullptr) progress->set_current(path);
  std::string text;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, got);
    if (progress != nullptr) progress->add_read(got);
    if (text.size() > max_size) {
      return Diagnostic{SourcePosition{path, 0, 0, ""},
                        "the file is larger than " + std::to_string(max_size >> 20) + " MiB",
                        "split it into smaller files"};
    }
  }
  if (std::ferror(file.get())) {
    return Diagnostic{SourcePosition{path, 0, 0, ""}, std::string("cannot read: ") + std::strerror(errno),
                      std::string(fix)};
  }
  return text;
}

}  // namespace errscope
