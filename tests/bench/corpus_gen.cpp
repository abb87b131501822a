// Writes a deterministic, realistic log corpus for errscope's benchmark: a mix of Java-style
// text lines, JSON (zap/logrus) lines, nginx access lines and stack traces, with a chosen share
// of lines carrying vendor codes (all four families, several field forms), a few very long lines (64 KiB to 1 MiB, ~3% of the bytes)
// and a CRLF section. Same seed and size, same bytes.
//
//   errscope_corpus_gen OUT.log [--mib N] [--code-percent P] [--seed S]
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }

 private:
  std::uint64_t m_state;
};

constexpr const char* k_backmsg[] = {
    "BackMsg_04", "BackMsg_16", "BackMsg_17[ringing]",   "BackMsg_19",
    "BackMsg_20", "BackMsg_37", "BackMsg_120[10.0.0.7]", "BackMsg_404"};
constexpr const char* k_dingtalk[] = {"0",     "-1", "40014", "40078",
                                      "60011", "88", "33012", "9999999"};
constexpr const char* k_ucpaas[] = {"000000", "105107", "101115", "100001", "103126", "199999"};
// 云客 answers with each code's own table text (\u-escaped by Java's JSON encoders, sometimes
// only its start): a code with another text would not be 云客's.
struct YunkeReply {
  const char* code;
  const char* message;
  const char* escaped_message;
};
constexpr YunkeReply k_yunke[] = {
    {"0", "请求处理成功", R"(\u8bf7\u6c42\u5904\u7406\u6210\u529f)"},
    {"30004", "待呼叫数据过多,最多不能超过30万条", R"(\u5f85\u547c\u53eb\u6570\u636e\u8fc7\u591a)"},
    {"20005", "api_key验证失败", R"(api_key\u9a8c\u8bc1\u5931\u8d25)"},
    {"40001", "分机号只能包含数字和字母", R"(\u5206\u673a\u53f7\u53ea\u80fd\u5305\u542b\u6570\u5b57\u548c\u5b57\u6bcd)"},
    {"500", "服务端错误,请联系客服", R"(\u670d\u52a1\u7aef\u9519\u8bef)"},
};
constexpr const char* k_levels[] = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
constexpr const char* k_words[] = {"order",    "agent", "queue", "session",  "tenant",
                                   "payload",  "retry", "cache", "upstream", "dial",
                                   "callback", "sync",  "token", "user"};

template <typename T, std::size_t N>
const T& pick(SplitMix64& rng, const T (&items)[N]) {
  return items[rng.below(N)];
}

void append_clock(std::string& out, std::uint64_t millis, char fraction_separator) {
  char buffer[64];
  const std::uint64_t seconds = millis / 1000;
  const int length =
      std::snprintf(buffer, sizeof buffer, "2026-11-01 %02u:%02u:%02u%c%03u",
                    static_cast<unsigned>(seconds / 3600 % 24),
                    static_cast<unsigned>(seconds / 60 % 60), static_cast<unsigned>(seconds % 60),
                    fraction_separator, static_cast<unsigned>(millis % 1000));
  out.append(buffer, static_cast<std::size_t>(length));
}

void append_number(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_words(std::string& out, SplitMix64& rng, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    out += ' ';
    out += pick(rng, k_words);
    out += '=';
    append_number(out, rng.below(100000000));
  }
}

// A line without codes, in one of several shapes (with numbers that look like codes as traps).
void plain_line(std::string& out, SplitMix64& rng, std::uint64_t millis) {
  switch (rng.below(5)) {
    case 0:
    case 1:
      append_clock(out, millis, ',');
      out += ' ';
      out += pick(rng, k_levels);
      out += " [http-nio-8080-exec-";
      append_number(out, rng.below(200));
      out += "] c.a.svc.OrderService - processed";
      append_words(out, rng, 3 + rng.below(6));
      break;
    case 2:
      out += R"({"level":"info","ts":)";
      append_number(out, 1793491200 + millis / 1000);
      out += R"(.123,"caller":"svc/handler.go:88","msg":"request done","code":200,"latency_ms":)";
      append_number(out, rng.below(900));
      out += R"(,"trace":")";
      append_number(out, rng.next());
      out += "\"}";
      break;
    case 3:
      out += "10.0.";
      append_number(out, rng.below(255));
      out += '.';
      append_number(out, rng.below(255));
      {
        // nginx's [01/Nov/2026:09:41:07 +0800], from the running clock.
        std::string clock;
        append_clock(clock, millis, '.');
        out += " - - [01/Nov/2026:" + clock.substr(11, 8) + R"( +0800] "GET /api/v1/orders/)";
      }
      append_number(out, 100000 + rng.below(900000));
      out += R"( HTTP/1.1" 200 )";
      append_number(out, rng.below(50000));
      out += R"( "-" "okhttp/4.12.0")";
      break;
    default:
      out += "\tat com.acme.svc.OrderService.process(OrderService.java:";
      append_number(out, rng.below(900));
      out += ')';
      break;
  }
}

// A line with vendor codes, in the field forms services really log.
void code_line(std::string& out, SplitMix64& rng, std::uint64_t millis) {
  switch (rng.below(8)) {
    case 0:
      append_clock(out, millis, ',');
      out += " ERROR [cti-2] c.a.cti.DialClient - dial resp=|Retuen|2|Retuen|";
      out += pick(rng, k_backmsg);
      break;
    case 1:
      append_clock(out, millis, ',');
      out += R"( ERROR [dt-1] c.a.dt.DingClient - gettoken failed: {"errcode":)";
      out += pick(rng, k_dingtalk);
      out += R"(,"errmsg":"invalid access_token","sub_code":"40035"})";
      break;
    case 2:
      out += R"({"level":"error","ts":)";
      append_number(out, 1793491200 + millis / 1000);
      out += R"(.204,"msg":"dingtalk call","body":"{\"errcode\":)";
      out += pick(rng, k_dingtalk);
      out += R"(,\"errmsg\":\"x\"}"})";
      break;
    case 3:
      append_clock(out, millis, ',');
      out += R"( ERROR [sms-4] c.a.sms.UcpaasClient - send failed: {"resp":{"respCode":")";
      out += pick(rng, k_ucpaas);
      out += R"(","templateSMS":{"createDate":"20261101094115","smsId":"0"}}})";
      break;
    case 4:
      out += "I, [";
      append_clock(out, millis, '.');
      out[out.size() - 13] = 'T';  // Ruby's logger writes ISO-8601 with a T
      out += "118 #2871]  INFO -- : ucpaas {\"resp\"=>{\"respCode\"=>\"";
      out += pick(rng, k_ucpaas);
      out += "\"}}";
      break;
    case 5: {
      out += '[';
      append_clock(out, millis, '.');
      out.resize(out.size() - 4);  // Laravel writes whole seconds
      out += "] production.ERROR: yunke call task failed {\"response\":{\"code\":";
      const YunkeReply& reply = pick(rng, k_yunke);
      out += reply.code;
      out += R"(,"msg":")";
      out += reply.escaped_message;
      out += R"("}})";
      break;
    }
    case 6: {
      append_clock(out, millis, ',');
      out += " ERROR yunke.client: {'code': ";
      const YunkeReply& reply = pick(rng, k_yunke);
      out += reply.code;
      out += ", 'msg': '";
      out += reply.message;
      out += "'}";
      break;
    }
    default:
      out += "time=\"";
      append_clock(out, millis, '.');
      out[out.size() - 13] = 'T';
      out.resize(out.size() - 4);
      out += R"(+08:00" level=error msg="dingtalk send" errcode=)";
      out += pick(rng, k_dingtalk);
      out += R"( errmsg="busy" cti=)";
      out += pick(rng, k_backmsg);
      break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  std::uint64_t mib = 64;
  double code_percent = 2;
  std::uint64_t seed = 20261101;
  CLI::App app{"Writes a synthetic log of the shapes errscope reads, for benchmarks and tests",
               "errscope_corpus_gen"};
  app.add_option("OUT", path, "The log file to write")->required();
  app.add_option("--mib", mib, "Its size in MiB (default 64)")->check(CLI::Range(1, 1 << 20));
  app.add_option("--code-percent", code_percent, "Share of lines with codes (default 2)")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--seed", seed, "Seed of the generator (default 20261101)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  if (!path.empty() && path[0] == '-') {
    std::fprintf(stderr, "errscope_corpus_gen: %s: give the output file first (./%s for a file "
                 "named so)\n", path.c_str(), path.c_str());
    return 2;
  }
  const double code_share = code_percent / 100.0;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    std::perror(path.c_str());
    return 2;
  }
  const std::uint64_t target = mib << 20;
  SplitMix64 rng(seed);
  std::string out;
  out.reserve(1 << 20);
  std::uint64_t written = 0;
  std::uint64_t millis = 9 * 3600 * 1000ULL;
  std::uint64_t line_number = 0;
  while (written < target) {
    ++line_number;
    millis += rng.below(40);
    const bool crlf = (line_number / 50000) % 10 == 3;  // one CRLF stretch in ten
    if (rng.below(50000) == 0) {
      // A very long line (a dumped payload) of 64 KiB to 1 MiB, sometimes with a code at its end.
      const std::uint64_t length = (64u << 10) + rng.below(1u << 20);
      out += R"({"level":"debug","msg":"payload","body":")";
      for (std::uint64_t i = 0; i < length; ++i)
        out += static_cast<char>('a' + (i * 7 + line_number) % 26);
      out += rng.below(2) == 0 ? R"(","errcode":40014})" : "\"}";
    } else if (rng.unit() < code_share) {
      code_line(out, rng, millis);
    } else {
      plain_line(out, rng, millis);
    }
    out += crlf ? "\r\n" : "\n";
    if (out.size() >= (1u << 20)) {
      std::fwrite(out.data(), 1, out.size(), file);
      written += out.size();
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), file);
  return std::fclose(file) == 0 ? 0 : 1;
}
