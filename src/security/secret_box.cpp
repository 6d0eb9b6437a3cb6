#include "security/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <vector>

namespace mamori::security {

namespace {

using Key = std::array<unsigned char, SecretBox::kKeyBytes>;

// Without a working CSPRNG nonces and keys would repeat; stopping is safer.
void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

Error file_error(ErrorCode code, const std::string& path, const std::string& message) {
  return make_error(code, message, Location::in_file(path));
}

std::string errno_text(int err) { return std::generic_category().message(err); }

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // close() can report a failed write-back, so the writer checks it.
  bool close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

bool write_all(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Once the key has sealed data, losing its directory entry in a power cut
// would lose that data too. Best effort: not every file system allows it.
void sync_parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

// The key is written to a private temporary file and hard-linked into place,
// so the key file appears whole or not at all: a crash cannot leave an empty
// key behind, and when two processes race, link() fails with EEXIST for the
// loser, who then reads the winner's complete key.
Status create_key_file(const std::string& path) {
  unsigned char tag[8];
  randombytes_buf(tag, sizeof tag);
  char tag_hex[sizeof tag * 2 + 1];
  sodium_bin2hex(tag_hex, sizeof tag_hex, tag, sizeof tag);
  const std::string tmp = path + ".new-" + tag_hex;

  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    return file_error(ErrorCode::io, path, "cannot create the key file: " + errno_text(errno));
  }
  Key key;
  randombytes_buf(key.data(), key.size());
  bool written = write_all(fd.get(), key.data(), key.size()) && ::fsync(fd.get()) == 0 && fd.close();
  int err = errno;
  sodium_memzero(key.data(), key.size());
  if (!written) {
    ::unlink(tmp.c_str());
    return file_error(ErrorCode::io, path, "cannot write the key file: " + errno_text(err));
  }
  int linked = ::link(tmp.c_str(), path.c_str());
  err = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && err != EEXIST) {
    return file_error(ErrorCode::io, path, "cannot create the key file: " + errno_text(err));
  }
  if (linked == 0) sync_parent_dir(path);
  return ok();
}

// 32 raw bytes, or 64 hex characters optionally followed by one line break
// (a key pasted into a file by hand).
bool parse_key(const unsigned char* data, std::size_t size, Key& key) {
  if (size == key.size()) {
    std::copy(data, data + size, key.begin());
    return true;
  }
  if (size > 0 && data[size - 1] == '\n') --size;
  if (size > 0 && data[size - 1] == '\r') --size;
  if (size != key.size() * 2) return false;
  const char* hex = reinterpret_cast<const char*>(data);
  const char* end = nullptr;
  std::size_t bin_len = 0;
  return sodium_hex2bin(key.data(), key.size(), hex, size, nullptr, &bin_len, &end) == 0 && bin_len == key.size() &&
         end == hex + size;
}

Result<Key> read_key_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) {
      return file_error(ErrorCode::not_found, path,
                        "no key file; `mamori init` creates one (or set MAMORI_KEY_FILE to an existing key)");
    }
    return file_error(ErrorCode::io, path, "cannot open the key file: " + errno_text(err));
  }
  // fstat on the opened file, not stat on the path: the file checked is the file read.
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return file_error(ErrorCode::io, path, "cannot inspect the key file: " + errno_text(errno));
  }
  if (!S_ISREG(st.st_mode)) return file_error(ErrorCode::invalid_input, path, "the key file is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return file_error(ErrorCode::invalid_input, path,
                      std::string("the key file is open to group or others (mode ") + mode +
                          "); only its owner may read it: chmod 600 " + path);
  }

  // Anything longer than a hex key with a line break is not a key file.
  unsigned char buffer[SecretBox::kKeyBytes * 2 + 3];
  std::size_t size = 0;
  while (size < sizeof buffer) {
    ssize_t n = ::read(fd.get(), buffer + size, sizeof buffer - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return file_error(ErrorCode::io, path, "cannot read the key file: " + errno_text(errno));
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  Key key;
  bool parsed = size < sizeof buffer && parse_key(buffer, size, key);
  sodium_memzero(buffer, sizeof buffer);
  if (!parsed) {
    return file_error(ErrorCode::invalid_input, path,
                      "not a key file: it must hold exactly 32 bytes or 64 hex characters");
  }
  return key;
}

}  // namespace

Result<SecretBox> SecretBox::from_key_file(const std::string& path, bool create_if_missing) {
  require_sodium();
  auto key = read_key_file(path);
  if (!key && key.error().code == ErrorCode::not_found && create_if_missing) {
    if (auto created = create_key_file(path); !created) return created.error();
    key = read_key_file(path);
  }
  if (!key) return key.error();
  SecretBox box = from_key(*key);
  sodium_memzero(key->data(), key->size());
  return box;
}

SecretBox SecretBox::from_key(const std::array<unsigned char, kKeyBytes>& key) {
  SecretBox box;
  box.key_ = key;
  return box;
}

std::string SecretBox::seal(std::string_view plaintext) const {
  require_sodium();
  static const unsigned char kNothing = 0;
  const auto* message =
      plaintext.empty() ? &kNothing : reinterpret_cast<const unsigned char*>(plaintext.data());
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES, message, plaintext.size(), box.data(),
                        key_.data());
  std::string text(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), box.data(), box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.size() - 1);  // the encoder's NUL terminator
  return text;
}

Result<std::string> SecretBox::open(std::string_view sealed) const {
  require_sodium();
  constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  std::vector<unsigned char> box(sealed.size() + 1);
  std::size_t size = 0;
  if (sealed.empty() || sodium_base642bin(box.data(), box.size(), sealed.data(), sealed.size(), nullptr, &size,
                                          nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return make_error(ErrorCode::invalid_input, "not a sealed value (bad base64url)");
  }
  if (size < kOverhead) return make_error(ErrorCode::invalid_input, "sealed value too short");
  std::string plaintext(size - kOverhead, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                 box.data() + crypto_secretbox_NONCEBYTES, size - crypto_secretbox_NONCEBYTES,
                                 box.data(), key_.data()) != 0) {
    return make_error(ErrorCode::invalid_input,
                      "sealed value does not open with this key: altered, or sealed with another key");
  }
  return plaintext;
}

std::string SecretBox::mac(std::string_view purpose, std::string_view message) const {
  // A subkey per purpose, so a CSRF tag can never be mistaken for anything
  // else computed from the same key.
  unsigned char subkey[crypto_auth_KEYBYTES];
  char context[crypto_kdf_CONTEXTBYTES] = {};
  for (std::size_t i = 0; i < sizeof context && i < purpose.size(); ++i) context[i] = purpose[i];
  crypto_kdf_derive_from_key(subkey, sizeof subkey, 1, context, key_.data());
  unsigned char tag[crypto_auth_BYTES];
  crypto_auth(tag, reinterpret_cast<const unsigned char*>(message.data()), message.size(), subkey);
  sodium_memzero(subkey, sizeof subkey);
  char encoded[sodium_base64_ENCODED_LEN(crypto_auth_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, tag, sizeof tag, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

}  // namespace mamori::security
