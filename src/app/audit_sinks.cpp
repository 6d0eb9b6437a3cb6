#include "app/audit_sinks.h"

#include <fcntl.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "app/audit_log.h"

namespace mamori::app {

namespace {

class FileSink : public AuditSink {
 public:
  explicit FileSink(int fd) : fd_(fd) {}
  ~FileSink() override { ::close(fd_); }
  void write(const domain::AuditEntry& entry) override {
    const std::string line = audit_entry_json(entry) + "\n";
    std::lock_guard lock(mutex_);
    // O_APPEND: each line lands whole at the end, even with other writers.
    ssize_t n = ::write(fd_, line.data(), line.size());
    if (n != static_cast<ssize_t>(line.size()))
      std::fprintf(stderr, "mamori: cannot copy an audit entry to the audit file: %s\n", std::strerror(errno));
    ::fdatasync(fd_);
  }

 private:
  int fd_;
  std::mutex mutex_;
};

class SyslogSink : public AuditSink {
 public:
  SyslogSink() { openlog("mamori", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV); }
  ~SyslogSink() override { closelog(); }
  void write(const domain::AuditEntry& entry) override {
    syslog(LOG_INFO, "audit %s", audit_entry_json(entry).c_str());
  }
};

}  // namespace

Result<std::unique_ptr<AuditSink>> open_audit_sink(const std::string& target) {
  if (target == "syslog") return std::unique_ptr<AuditSink>(new SyslogSink());
  const std::string path = target.rfind("file:", 0) == 0 ? target.substr(5) : target;
  if (path.empty())
    return make_error(ErrorCode::invalid_input, "say where to copy the audit log: file:PATH or syslog",
                      Location::in_field("--audit-copy"));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return make_error(ErrorCode::io, std::string("cannot open the audit copy: ") + std::strerror(errno),
                      Location::in_file(path));
  return std::unique_ptr<AuditSink>(new FileSink(fd));
}

}  // namespace mamori::app
