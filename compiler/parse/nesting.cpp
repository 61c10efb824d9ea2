#include "parse/nesting.hpp"

#include <cstdint>
#include <vector>

namespace pulsarc::parser {
namespace {

/// An open inline table or array, with the level of the value it is.
struct Container {
  char open;
  int level;
};

enum class State { line_start, header_key, key, value };

class Scanner {
 public:
  Scanner(std::string_view text, int limit) : text_(text), limit_(limit) {}

  std::optional<Span> run() {
    while (i_ < text_.size() && !found_) step();
    return found_;
  }

 private:
  void step() {
    const char c = text_[i_];
    if (c == '\n') {
      advance();
      if (stack_.empty()) state_ = State::line_start;
      return;
    }
    if (c == '#') {
      while (i_ < text_.size() && text_[i_] != '\n') advance();
      return;
    }
    if (c == '"' || c == '\'') {
      if (state_ == State::line_start) start_key();
      skip_string(c);
      return;
    }
    switch (state_) {
      case State::line_start:
        if (c == ' ' || c == '\t' || c == '\r') break;
        if (c == '[') {
          array_header_ = i_ + 1 < text_.size() && text_[i_ + 1] == '[';
          if (array_header_) advance();
          state_ = State::header_key;
          parts_ = 1;
          break;
        }
        start_key();
        return;  // the same character again, as part of the key
      case State::header_key:
        if (c == '.') {
          reach(++parts_ + (array_header_ ? 1 : 0));
        } else if (c == ']') {
          table_level_ = parts_ + (array_header_ ? 1 : 0);
          reach(table_level_);
          state_ = State::value;  // the rest of the line: `]` of `[[`, a comment, or an error for toml++
        }
        break;
      case State::key:
        if (c == '.') {
          reach(container_level() + ++parts_);
        } else if (c == '=') {
          value_level_ = container_level() + parts_;
          reach(value_level_);
          state_ = State::value;
        } else if (c == '}' && !stack_.empty() && stack_.back().open == '{') {
          close();
        }
        break;
      case State::value:
        if (c == '{' || c == '[') {
          stack_.push_back({c, value_level_});
          if (c == '{') {
            state_ = State::key;
            parts_ = 1;
          } else {
            value_level_ = stack_.back().level + 1;
            reach(value_level_);
          }
        } else if (c == '}' || c == ']') {
          if (!stack_.empty()) close();
        } else if (c == ',' && !stack_.empty()) {
          if (stack_.back().open == '{') {
            state_ = State::key;
            parts_ = 1;
          } else {
            value_level_ = stack_.back().level + 1;
          }
        }
        break;
    }
    advance();
  }

  void start_key() {
    state_ = State::key;
    parts_ = 1;
  }

  /// Children of an inline table sit below it; a key at the top level sits below the last header.
  [[nodiscard]] int container_level() const { return stack_.empty() ? table_level_ : stack_.back().level; }

  void close() {
    stack_.pop_back();
    state_ = State::value;
    if (!stack_.empty() && stack_.back().open == '[') value_level_ = stack_.back().level + 1;
  }

  void reach(int level) {
    if (level > limit_ && !found_) found_ = Span{line_, column_, line_, column_};
  }

  void skip_string(char quote) {
    const bool multi_line = text_.substr(i_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
    if (multi_line) {
      for (int k = 0; k < 3; ++k) advance();
      while (i_ < text_.size() && text_.substr(i_, 3) != std::string_view(quote == '"' ? "\"\"\"" : "'''")) {
        if (quote == '"' && text_[i_] == '\\') advance();
        advance();
      }
      for (int k = 0; k < 3 && i_ < text_.size(); ++k) advance();
      return;
    }
    advance();
    while (i_ < text_.size() && text_[i_] != quote && text_[i_] != '\n') {
      if (quote == '"' && text_[i_] == '\\') advance();
      advance();
    }
    if (i_ < text_.size() && text_[i_] == quote) advance();
  }

  void advance() {
    if (i_ >= text_.size()) return;
    const auto byte = static_cast<unsigned char>(text_[i_++]);
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column_;  // columns count characters, as toml++'s do
    }
  }

  std::string_view text_;
  int limit_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  State state_ = State::line_start;
  bool array_header_ = false;
  int parts_ = 0;
  int table_level_ = 0;
  int value_level_ = 0;
  std::vector<Container> stack_;
  std::optional<Span> found_;
};

}  // namespace

std::optional<Span> find_nesting_beyond(std::string_view toml_text, int limit) {
  return Scanner(toml_text, limit).run();
}

}  // namespace pulsarc::parser
