// `pulsarc schema`: the parser's field table (parse/schema.cpp) as a JSON Schema, so that what an
// editor accepts and what the parser accepts cannot drift apart.
#include "parse/json_schema.hpp"

#include <fmt/format.h>

#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics/render.hpp"
#include "parse/schema.hpp"

namespace pulsarc::parser {
namespace {

/// A JSON value under construction: a literal (already JSON text), an array or an object.
struct Json {
  enum class Kind { literal, array, object };
  Kind kind = Kind::object;
  std::string text;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members{};  // `{}`: clang + libstdc++ need it while Json is incomplete

  static Json literal(std::string json_text) { return Json{Kind::literal, std::move(json_text), {}, {}}; }
  static Json string(std::string_view value) { return literal(json_quote(value)); }
  static Json array(std::vector<Json> values) { return Json{Kind::array, {}, std::move(values), {}}; }
  Json& set(std::string key, Json value) {
    members.emplace_back(std::move(key), std::move(value));
    return members.back().second;
  }
};

/// Two-space indentation; arrays of literals stay on one line.
void render(std::string& out, const Json& json, std::size_t depth) {
  const std::string pad(depth * 2, ' ');
  switch (json.kind) {
    case Json::Kind::literal: out += json.text; return;
    case Json::Kind::array: {
      out += '[';
      for (std::size_t i = 0; i < json.items.size(); ++i) {
        if (i) out += ", ";
        render(out, json.items[i], depth);
      }
      out += ']';
      return;
    }
    case Json::Kind::object: {
      if (json.members.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (std::size_t i = 0; i < json.members.size(); ++i) {
        out += fmt::format("{}  {}: ", pad, json_quote(json.members[i].first));
        render(out, json.members[i].second, depth + 1);
        out += i + 1 < json.members.size() ? ",\n" : "\n";
      }
      out += pad + "}";
      return;
    }
  }
}

/// The default as a JSON value of the field's type (the table keeps it as text for the docs).
Json default_value(const Field& field) {
  switch (field.type) {
    case FieldType::integer:
    case FieldType::boolean: return Json::literal(std::string(field.default_text));
    default: return Json::string(field.default_text);
  }
}

Json field_schema(const Field& field);

/// A table with fixed keys: exactly the parser's rule (unknown keys are errors, required keys must be there).
void fill_object(Json& schema, const Field& field) {
  schema.set("type", Json::string("object"));
  std::vector<Json> required;
  for (const auto& child : field.children) {
    if (child.required) required.push_back(Json::string(child.name));
  }
  if (!required.empty()) schema.set("required", Json::array(std::move(required)));
  Json& properties = schema.set("properties", Json{});
  for (const auto& child : field.children) properties.set(std::string(child.name), field_schema(child));
  schema.set("additionalProperties", Json::literal("false"));
}

Json field_schema(const Field& field) {
  Json schema;
  std::string description(field.description);
  // JSON has no date type: Taplo validates a TOML date-time as a string, so it cannot tell a
  // quoted one (which the parser refuses) from an unquoted one; the description says so.
  if (field.type == FieldType::datetime) description += "; write it unquoted, e.g. 2027-01-01T00:00:00Z";
  if (!description.empty()) schema.set("description", Json::string(description));
  switch (field.type) {
    case FieldType::string:
      schema.set("type", Json::string("string"));
      if (!field.allowed.empty()) {
        std::vector<Json> values;
        for (auto value : field.allowed) values.push_back(Json::string(value));
        schema.set("enum", Json::array(std::move(values)));
      }
      break;
    case FieldType::integer: schema.set("type", Json::string("integer")); break;
    case FieldType::boolean: schema.set("type", Json::string("boolean")); break;
    case FieldType::datetime:
      // Taplo hands a TOML offset date-time to the validator as an RFC 3339 string.
      schema.set("type", Json::string("string"));
      schema.set("format", Json::string("date-time"));
      break;
    case FieldType::string_array:
      schema.set("type", Json::string("array"));
      schema.set("items", Json{}).set("type", Json::string("string"));
      break;
    case FieldType::string_map:
      schema.set("type", Json::string("object"));
      schema.set("additionalProperties", Json{}).set("type", Json::string("string"));
      break;
    case FieldType::free_table: schema.set("type", Json::string("object")); break;
    case FieldType::table: fill_object(schema, field); break;
    case FieldType::table_array: {
      schema.set("type", Json::string("array"));
      fill_object(schema.set("items", Json{}), field);
      break;
    }
  }
  if (!field.default_text.empty()) schema.set("default", default_value(field));
  return schema;
}

}  // namespace

std::string json_schema() {
  const Field& root = config_schema();
  Json schema;
  schema.set("$schema", Json::string("http://json-schema.org/draft-07/schema#"));
  schema.set("title", Json::string("pulsar.toml"));
  schema.set("description", Json::string("pulsarc configuration: one Apache Pulsar cluster on Kubernetes. "
                                         "Generated by `pulsarc schema` from the parser's field table."));
  fill_object(schema, root);
  std::string out;
  render(out, schema, 0);
  return out + "\n";
}

}  // namespace pulsarc::parser
