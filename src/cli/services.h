// Opening what a command works on: the database, the key that seals stored
// secrets, and (optionally) the continuous copy of the audit log.
#pragma once

#include <memory>
#include <string>

#include "app/data_dir.h"
#include "app/services.h"
#include "security/secret_box.h"

#include <CLI/CLI.hpp>

namespace mamori::cli {

struct Instance {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<security::SecretBox> secrets;
  std::unique_ptr<app::AuditSink> sink;
  std::unique_ptr<app::Services> services;
};

struct InstanceOptions {
  app::DataOptions data;
  std::string key_file;    // default DIR/secret.key, or $MAMORI_KEY_FILE
  std::string audit_copy;  // default $MAMORI_AUDIT_COPY
  bool create = false;     // init: create the database and the key
};

void add_key_option(CLI::App& command, InstanceOptions& options);
Result<Instance> open_instance(const InstanceOptions& options, const app::SecurityConfig& config = {});

}  // namespace mamori::cli
