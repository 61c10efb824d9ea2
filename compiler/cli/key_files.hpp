// Writing freshly generated key files without ever replacing an existing key.
#pragma once
#include "cli/layer.hpp"

#include "crypto/keygen.hpp"

#include <filesystem>
#include <string>

namespace pulsarc::cli {

enum class WriteKeysResult { ok, already_exists, io_error };

/// Creates `dir` (owner-only, 0700, if pulsarc creates it) and writes every file of `keys` into
/// it with mode 0600 regardless of umask, each fsync'ed, then fsyncs the directory.
/// All or nothing: if any target name already exists nothing is written (already_exists); if a write
/// fails, the files written so far by this call are removed again (io_error). Symlinks are never
/// followed for the key files. On failure `error_message` says what and where, never key bytes;
/// for already_exists it is "<path>[, <path>] already exist(s)", for the caller to add advice to.
[[nodiscard]] WriteKeysResult write_key_files_exclusively(const std::filesystem::path& dir,
                                                          const crypto::GeneratedKeyFiles& keys,
                                                          std::string& error_message);

}  // namespace pulsarc::cli
