// Writing freshly generated key files without ever replacing an existing key.
#pragma once
#include "crypto/layer.hpp"

#include "crypto/keygen.hpp"

#include <filesystem>
#include <string>

namespace pulsarc::crypto {

enum class WriteKeysResult { Ok, AlreadyExists, IoError };

// Creates `dir` (owner-only, 0700, if pulsarc creates it) and writes every file of `keys` into
// it with mode 0600 regardless of umask, each fsync'ed, then fsyncs the directory.
// All or nothing: if any target name already exists nothing is written (AlreadyExists); if a write
// fails, the files written so far by this call are removed again (IoError). Symlinks are never
// followed for the key files. On failure `error_message` says what and where, never key bytes;
// for AlreadyExists it is "<path>[, <path>] already exist(s)", for the caller to add advice to.
WriteKeysResult write_key_files_exclusively(const std::filesystem::path& dir, const GeneratedKeyFiles& keys,
                                            std::string& error_message);

}  // namespace pulsarc::crypto
