#include "http.h"

#include <cctype>
#include <cstdlib>

namespace edge {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// "Name: value" with a token name; false for anything else.
bool split_header(const std::string& line, std::string* name, std::string* value) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string::npos) return false;
  for (std::size_t i = 0; i < colon; ++i)
    if (!std::isalnum(static_cast<unsigned char>(line[i])) && line[i] != '-' && line[i] != '_') return false;
  *name = line.substr(0, colon);
  *value = trim(line.substr(colon + 1));
  return true;
}

}  // namespace

const std::string* Request::header(const std::string& lower_name) const {
  for (const auto& h : headers)
    if (h.first == lower_name) return &h.second;
  return nullptr;
}

ParseStatus parse_request(const std::string& buffer, std::size_t max_body, Request* out,
                          std::size_t* consumed, std::string* why) {
  std::size_t head_end = buffer.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    if (buffer.size() > 64 * 1024) {
      *why = "request head over 64 KiB";
      return ParseStatus::TooLarge;
    }
    return ParseStatus::NeedMore;
  }
  Request r;
  std::size_t line_end = buffer.find("\r\n");
  std::string request_line = buffer.substr(0, line_end);
  std::size_t sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
  if (sp1 == std::string::npos || sp2 == sp1) {
    *why = "malformed request line";
    return ParseStatus::Bad;
  }
  r.method = request_line.substr(0, sp1);
  r.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  r.version = request_line.substr(sp2 + 1);
  if (r.version != "HTTP/1.1" && r.version != "HTTP/1.0") {
    *why = "unsupported version " + r.version;
    return ParseStatus::Bad;
  }
  r.keep_alive = r.version == "HTTP/1.1";
  for (std::size_t pos = line_end + 2; pos < head_end;) {
    std::size_t next = buffer.find("\r\n", pos);
    std::string name, value;
    if (!split_header(buffer.substr(pos, next - pos), &name, &value)) {
      *why = "malformed header line";
      return ParseStatus::Bad;
    }
    r.headers.emplace_back(lower(name), value);
    pos = next + 2;
  }
  if (const std::string* c = r.header("connection")) {
    std::string v = lower(*c);
    if (v == "close") r.keep_alive = false;
    if (v == "keep-alive") r.keep_alive = true;
  }
  if (r.header("transfer-encoding")) {
    *why = "chunked request bodies are not supported";
    return ParseStatus::Bad;
  }
  std::size_t length = 0;
  if (const std::string* cl = r.header("content-length")) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(cl->c_str(), &end, 10);
    if (cl->empty() || *end != '\0') {
      *why = "bad Content-Length";
      return ParseStatus::Bad;
    }
    if (n > max_body) {
      *why = "request body too large";
      return ParseStatus::TooLarge;
    }
    length = std::size_t(n);
  }
  std::size_t body_begin = head_end + 4;
  if (buffer.size() - body_begin < length) return ParseStatus::NeedMore;
  r.body = buffer.substr(body_begin, length);
  *consumed = body_begin + length;
  *out = std::move(r);
  return ParseStatus::Complete;
}

Response response_from_cgi(const std::string& output) {
  Response r;
  std::size_t pos = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  bool has_block = false;
  while (pos < output.size()) {
    std::size_t nl = output.find('\n', pos);
    if (nl == std::string::npos) break;
    std::string line = output.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pos = nl + 1;
    if (line.empty()) {
      has_block = !headers.empty();
      break;
    }
    std::string name, value;
    if (!split_header(line, &name, &value)) break;
    headers.emplace_back(name, value);
  }
  if (!has_block) {
    r.headers.emplace_back("Content-Type", "text/plain");
    r.body = output;
    return r;
  }
  for (auto& h : headers) {
    if (lower(h.first) == "status") {
      int code = std::atoi(h.second.c_str());
      if (code >= 100 && code <= 599) r.status = code;
    } else if (lower(h.first) != "content-length" && lower(h.first) != "connection") {
      r.headers.push_back(h);
    }
  }
  r.body = output.substr(pos);
  return r;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : "Error";
  }
}

std::string serialize(const Response& r, bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
  for (const auto& h : r.headers) out += h.first + ": " + h.second + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  out += r.body;
  return out;
}

}  // namespace edge
