#include "parse/json_schema.hpp"

#include <fmt/format.h>

#include "diagnostics/render.hpp"
#include "parse/schema.hpp"

namespace pulsarc::parser {
namespace {

void write_field(std::string& out, const Field& field, int depth);

void write_properties(std::string& out, const Field& field, int depth) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  out += fmt::format("{}\"type\": \"object\",\n{}\"additionalProperties\": false,\n", pad, pad);
  std::string required;
  for (const auto& child : field.children) {
    if (child.required) required += fmt::format("{}{}", required.empty() ? "" : ", ", json_quote(child.name));
  }
  if (!required.empty()) out += fmt::format("{}\"required\": [{}],\n", pad, required);
  out += fmt::format("{}\"properties\": {{\n", pad);
  for (std::size_t i = 0; i < field.children.size(); ++i) {
    out += fmt::format("{}  {}: {{\n", pad, json_quote(field.children[i].name));
    write_field(out, field.children[i], depth + 2);
    out += fmt::format("{}  }}{}\n", pad, i + 1 < field.children.size() ? "," : "");
  }
  out += fmt::format("{}}}", pad);
}

void write_field(std::string& out, const Field& field, int depth) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  std::string description(field.description);
  if (!field.default_text.empty()) description += fmt::format(" (default: {})", field.default_text);
  out += fmt::format("{}\"description\": {},\n", pad, json_quote(description));
  switch (field.type) {
    case FieldType::string:
      if (!field.allowed.empty()) {
        std::string values;
        for (auto v : field.allowed) values += fmt::format("{}{}", values.empty() ? "" : ", ", json_quote(v));
        out += fmt::format("{}\"enum\": [{}]\n", pad, values);
      } else {
        out += fmt::format("{}\"type\": \"string\"\n", pad);
      }
      return;
    case FieldType::integer: out += fmt::format("{}\"type\": \"integer\"\n", pad); return;
    case FieldType::boolean: out += fmt::format("{}\"type\": \"boolean\"\n", pad); return;
    case FieldType::datetime: out += fmt::format("{}\"type\": \"string\",\n{}\"format\": \"date-time\"\n", pad, pad); return;
    case FieldType::string_array:
      out += fmt::format("{}\"type\": \"array\",\n{}\"items\": {{ \"type\": \"string\" }}\n", pad, pad);
      return;
    case FieldType::string_map:
      out += fmt::format("{}\"type\": \"object\",\n{}\"additionalProperties\": {{ \"type\": \"string\" }}\n", pad, pad);
      return;
    case FieldType::free_table: out += fmt::format("{}\"type\": \"object\"\n", pad); return;
    case FieldType::table:
      write_properties(out, field, depth);
      out += '\n';
      return;
    case FieldType::table_array:
      out += fmt::format("{}\"type\": \"array\",\n{}\"items\": {{\n", pad, pad);
      write_properties(out, field, depth + 1);
      out += fmt::format("\n{}}}\n", pad);
      return;
  }
}

}  // namespace

std::string json_schema() {
  std::string out =
      "{\n"
      "  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"
      "  \"$id\": \"pulsarc/pulsar.schema.json\",\n"
      "  \"title\": \"pulsar.toml\",\n";
  write_field(out, config_schema(), 1);
  out += "}\n";
  return out;
}

}  // namespace pulsarc::parser
