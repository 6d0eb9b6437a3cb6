#include <iostream>

#include "app/caller_cache.h"
#include "cli/command.h"
#include "cli/services.h"
#include "server/server.h"

namespace mamori::cli {

void add_serve_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("serve", "サーバを起動 / serve the web UI and the API");
  auto options = std::make_shared<InstanceOptions>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto serve = std::make_shared<server::ServeOptions>();
  auto config = std::make_shared<app::SecurityConfig>();
  add_data_options(*cmd, options->data);
  add_key_option(*cmd, *options);
  cmd->add_option("--listen", *listen, "待ち受けアドレス / address and port")->capture_default_str();
  cmd->add_option("--threads", serve->threads, "ワーカースレッド数 / worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  auto cache_mb = std::make_shared<std::size_t>(serve->response_cache_bytes >> 20);
  cmd->add_option("--response-cache-mb", *cache_mb,
                  "読み取り応答キャッシュのMB数 (0で無効) / memory for cached answers of read routes, MB (0: off)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{65536}))
      ->capture_default_str();
  cmd->add_option("--audit-copy", options->audit_copy,
                  "監査ログの外部複製 / continuous copy of the audit log: file:PATH or syslog (default $MAMORI_AUDIT_COPY)");
  cmd->add_option("--idle-timeout", config->session.idle_timeout_seconds,
                  "無操作でロックするまでの秒数 (上限) / seconds until an idle session locks (instance maximum)")
      ->check(CLI::Range(std::int64_t{1}, domain::kMaxIdleSeconds))
      ->capture_default_str();
  cmd->add_option("--session-lifetime", config->session.absolute_lifetime_seconds,
                  "セッションの最長秒数 (上限) / seconds until a session ends (instance maximum)")
      ->check(CLI::Range(std::int64_t{1}, domain::kMaxLifetimeSeconds))
      ->capture_default_str();
  cmd->add_option("--login-free-failures", config->throttle.free_failures,
                  "待たずに許す失敗回数 / failed sign-ins per account before waits begin")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--login-lock-failures", config->throttle.lock_failures,
                  "一時ロックまでの失敗回数 / failed sign-ins per account before a temporary lock")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  cmd->add_option("--login-base-delay", config->throttle.base_delay_seconds,
                  "最初の待ち秒数 (倍々に増加) / first wait in seconds, doubling each time")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{3600}))
      ->capture_default_str();
  cmd->add_option("--login-lock-seconds", config->throttle.lock_seconds, "一時ロックの秒数 / length of a temporary lock")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{86400}))
      ->capture_default_str();
  serve->web_root = MAMORI_DEFAULT_WEB_ROOT;
  cmd->add_option("--web-root", serve->web_root, "ブラウザUIのファイル / the built browser UI (web/dist)")->capture_default_str();
  cmd->add_option("--tls-cert", serve->tls_cert_file, "TLS証明書 (PEM) / TLS certificate chain (PEM)");
  cmd->add_option("--tls-key", serve->tls_key_file, "TLS秘密鍵 (PEM) / TLS private key (PEM)");
  cmd->add_flag("--secure-cookies", serve->secure_cookies,
                "TLS終端プロキシの背後で Secure クッキー / behind a TLS proxy: mark cookies Secure");
  cmd->add_flag("--trust-proxy", serve->trust_proxy,
                "X-Forwarded-For を信頼 / take the client address from X-Forwarded-For (only behind your proxy)");
  cmd->callback([&action, options, listen, serve, config, cache_mb] {
    action = [options, listen, serve, config, cache_mb] {
      auto address = server::parse_listen_address(*listen);
      if (!address) return report(address.error());
      if (options->data.data_dir.empty() && options->data.db_url.empty())
        return report(make_error(ErrorCode::invalid_input, "serve needs --data DIR or --db URL", Location::in_field("--data")));
      auto instance = open_instance(*options, *config);
      if (!instance) return report(instance.error());
      server::ServeOptions serve_options = *serve;
      serve_options.listen = address.value();
      serve_options.response_cache_bytes = *cache_mb << 20;
      const std::string db_name = instance->db->url().display();
      serve_options.on_listening = [&](std::uint16_t) {
        std::cerr << "mamori: serving " << db_name << " on " << (serve_options.tls_cert_file.empty() ? "http" : "https") << "://"
                  << (address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host) << ":"
                  << address->port << "/" << std::endl;
      };
      // Who is calling, kept between requests where the database watches
      // for changes (PostgreSQL; app/caller_cache.h).
      app::CallerCache callers;
      instance->services->callers = &callers;
      auto status = server::serve(*instance->services, serve_options);
      instance->services->callers = nullptr;
      if (!status) return report(status.error());
      instance->services.reset();
      instance->db.reset();  // closes every connection (SQLite checkpoints the WAL)
      std::cerr << "mamori: stopped" << std::endl;
      return kExitOk;
    };
  });
}

}  // namespace mamori::cli
