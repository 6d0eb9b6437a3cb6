#include "cli/services.h"

#include <cstdlib>
#include <filesystem>

#include "app/audit_sinks.h"

namespace mamori::cli {

void add_key_option(CLI::App& command, InstanceOptions& options) {
  command.add_option("--key-file", options.key_file,
                     "秘密情報を封じる鍵 (既定: DIR/secret.key) / key that seals stored secrets (default DIR/secret.key, "
                     "or $MAMORI_KEY_FILE)");
}

Result<Instance> open_instance(const InstanceOptions& options, const app::SecurityConfig& config) {
  Instance instance;
  std::string key_file = options.key_file;
  if (key_file.empty())
    if (const char* env = std::getenv("MAMORI_KEY_FILE")) key_file = env;
  if (key_file.empty() && !options.data.data_dir.empty())
    key_file = (std::filesystem::path(options.data.data_dir) / "secret.key").string();
  if (key_file.empty())
    return make_error(ErrorCode::invalid_input, "with --db, give --key-file (or MAMORI_KEY_FILE): the key that seals "
                                                "stored secrets lives outside the database",
                      Location::in_field("--key-file"));

  auto db = options.create ? app::open_data(options.data, true) : app::open_data(options.data);
  if (!db) return db.error();
  instance.db = std::move(db.value());
  auto box = security::SecretBox::from_key_file(key_file, options.create);
  if (!box) return box.error();
  instance.secrets = std::make_unique<security::SecretBox>(std::move(box.value()));

  std::string copy = options.audit_copy;
  if (copy.empty())
    if (const char* env = std::getenv("MAMORI_AUDIT_COPY")) copy = env;
  if (!copy.empty()) {
    auto sink = app::open_audit_sink(copy);
    if (!sink) return sink.error();
    instance.sink = std::move(sink.value());
  }
  instance.services = std::make_unique<app::Services>(app::Services{*instance.db, *instance.secrets, config, instance.sink.get()});
  return instance;
}

}  // namespace mamori::cli
