// Runs programs for tests: the mamori binary as a user would, with its
// output and exit code captured, and long-running children (the server).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace mamori::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  std::string out;
  std::string err;
  bool timed_out = false;
  long max_rss_kb = 0;  // the child's peak resident memory
};

// Runs argv[0] (a path) with argv, feeding `input` on stdin; kills it after
// `timeout_seconds`.
ProcessResult run(const std::vector<std::string>& argv, const std::string& input = "", int timeout_seconds = 120);

// A child left running (e.g. `mamori serve`); killed on destruction.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig);
  // Waits up to `timeout_seconds`; returns the exit code, or -1 on timeout
  // or death by signal.
  int wait(int timeout_seconds);
  // Everything the child wrote to stdout / stderr so far.
  std::string output();

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  bool reaped_ = false;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

}  // namespace mamori::test
