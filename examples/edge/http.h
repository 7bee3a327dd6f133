// The little of HTTP/1.1 the edge host speaks: one request at a time per connection, with a
// Content-Length body (no chunked uploads), keep-alive unless the client says close.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace edge {

struct Request {
  std::string method;
  std::string target;  // path and query as sent
  std::string version;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  bool keep_alive = true;

  std::string path() const { return target.substr(0, target.find('?')); }
  std::string query() const {
    std::size_t q = target.find('?');
    return q == std::string::npos ? std::string() : target.substr(q + 1);
  }
  const std::string* header(const std::string& lower_name) const;
};

enum class ParseStatus { Complete, NeedMore, Bad, TooLarge };

// Parses one request from the front of `buffer`. On Complete, `*consumed` is its length in bytes
// (the rest is the next pipelined request). Bodies over `max_body` bytes are TooLarge.
ParseStatus parse_request(const std::string& buffer, std::size_t max_body, Request* out,
                          std::size_t* consumed, std::string* why);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Splits CGI-style program output into a Response: a header block ("Name: value" lines, an
// optional "Status: 404 ...", then an empty line) followed by the body. Output that does not
// start with a header block is all body, as text/plain.
Response response_from_cgi(const std::string& output);

// The bytes of a response (Content-Length set; Connection: close when !keep_alive).
std::string serialize(const Response& r, bool keep_alive);

const char* reason_phrase(int status);

}  // namespace edge
