// SQL (ANSI keywords, case-insensitive), following Pygments' SqlLexer.
#include <cctype>

#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<1024> kWords = {
    {"ABORT", T::kKeyword}, {"ABS", T::kKeyword}, {"ABSOLUTE", T::kKeyword}, {"ACCESS", T::kKeyword},
    {"ADA", T::kKeyword}, {"ADD", T::kKeyword}, {"ADMIN", T::kKeyword}, {"AFTER", T::kKeyword},
    {"AGGREGATE", T::kKeyword}, {"ALIAS", T::kKeyword}, {"ALL", T::kKeyword}, {"ALLOCATE", T::kKeyword},
    {"ALTER", T::kKeyword}, {"ANALYSE", T::kKeyword}, {"ANALYZE", T::kKeyword}, {"AND", T::kKeyword},
    {"ANY", T::kKeyword}, {"ARE", T::kKeyword}, {"AS", T::kKeyword}, {"ASC", T::kKeyword},
    {"ASENSITIVE", T::kKeyword}, {"ASSERTION", T::kKeyword}, {"ASSIGNMENT", T::kKeyword},
    {"ASYMMETRIC", T::kKeyword}, {"AT", T::kKeyword}, {"ATOMIC", T::kKeyword}, {"AUTHORIZATION", T::kKeyword},
    {"AVG", T::kKeyword}, {"BACKWARD", T::kKeyword}, {"BEFORE", T::kKeyword}, {"BEGIN", T::kKeyword},
    {"BETWEEN", T::kKeyword}, {"BITVAR", T::kKeyword}, {"BIT_LENGTH", T::kKeyword}, {"BOTH", T::kKeyword},
    {"BREADTH", T::kKeyword}, {"BY", T::kKeyword}, {"C", T::kKeyword}, {"CACHE", T::kKeyword},
    {"CALL", T::kKeyword}, {"CALLED", T::kKeyword}, {"CARDINALITY", T::kKeyword}, {"CASCADE", T::kKeyword},
    {"CASCADED", T::kKeyword}, {"CASE", T::kKeyword}, {"CAST", T::kKeyword}, {"CATALOG", T::kKeyword},
    {"CATALOG_NAME", T::kKeyword}, {"CHAIN", T::kKeyword}, {"CHARACTERISTICS", T::kKeyword},
    {"CHARACTER_LENGTH", T::kKeyword}, {"CHARACTER_SET_CATALOG", T::kKeyword},
    {"CHARACTER_SET_NAME", T::kKeyword}, {"CHARACTER_SET_SCHEMA", T::kKeyword}, {"CHAR_LENGTH", T::kKeyword},
    {"CHECK", T::kKeyword}, {"CHECKED", T::kKeyword}, {"CHECKPOINT", T::kKeyword}, {"CLASS", T::kKeyword},
    {"CLASS_ORIGIN", T::kKeyword}, {"CLOB", T::kKeyword}, {"CLOSE", T::kKeyword}, {"CLUSTER", T::kKeyword},
    {"COALESCE", T::kKeyword}, {"COBOL", T::kKeyword}, {"COLLATE", T::kKeyword}, {"COLLATION", T::kKeyword},
    {"COLLATION_CATALOG", T::kKeyword}, {"COLLATION_NAME", T::kKeyword}, {"COLLATION_SCHEMA", T::kKeyword},
    {"COLUMN", T::kKeyword}, {"COLUMN_NAME", T::kKeyword}, {"COMMAND_FUNCTION", T::kKeyword},
    {"COMMAND_FUNCTION_CODE", T::kKeyword}, {"COMMENT", T::kKeyword}, {"COMMIT", T::kKeyword},
    {"COMMITTED", T::kKeyword}, {"COMPLETION", T::kKeyword}, {"CONDITION_NUMBER", T::kKeyword},
    {"CONNECT", T::kKeyword}, {"CONNECTION", T::kKeyword}, {"CONNECTION_NAME", T::kKeyword},
    {"CONSTRAINT", T::kKeyword}, {"CONSTRAINTS", T::kKeyword}, {"CONSTRAINT_CATALOG", T::kKeyword},
    {"CONSTRAINT_NAME", T::kKeyword}, {"CONSTRAINT_SCHEMA", T::kKeyword}, {"CONSTRUCTOR", T::kKeyword},
    {"CONTAINS", T::kKeyword}, {"CONTINUE", T::kKeyword}, {"CONVERSION", T::kKeyword}, {"CONVERT", T::kKeyword},
    {"COPY", T::kKeyword}, {"CORRESPONDING", T::kKeyword}, {"COUNT", T::kKeyword}, {"CREATE", T::kKeyword},
    {"CREATEDB", T::kKeyword}, {"CREATEUSER", T::kKeyword}, {"CROSS", T::kKeyword}, {"CUBE", T::kKeyword},
    {"CURRENT", T::kKeyword}, {"CURRENT_DATE", T::kKeyword}, {"CURRENT_PATH", T::kKeyword},
    {"CURRENT_ROLE", T::kKeyword}, {"CURRENT_TIME", T::kKeyword}, {"CURRENT_TIMESTAMP", T::kKeyword},
    {"CURRENT_USER", T::kKeyword}, {"CURSOR", T::kKeyword}, {"CURSOR_NAME", T::kKeyword},
    {"CYCLE", T::kKeyword}, {"DATA", T::kKeyword}, {"DATABASE", T::kKeyword},
    {"DATETIME_INTERVAL_CODE", T::kKeyword}, {"DATETIME_INTERVAL_PRECISION", T::kKeyword}, {"DAY", T::kKeyword},
    {"DEALLOCATE", T::kKeyword}, {"DECLARE", T::kKeyword}, {"DEFAULT", T::kKeyword}, {"DEFAULTS", T::kKeyword},
    {"DEFERRABLE", T::kKeyword}, {"DEFERRED", T::kKeyword}, {"DEFINED", T::kKeyword}, {"DEFINER", T::kKeyword},
    {"DELETE", T::kKeyword}, {"DELIMITER", T::kKeyword}, {"DELIMITERS", T::kKeyword}, {"DEREF", T::kKeyword},
    {"DESC", T::kKeyword}, {"DESCRIBE", T::kKeyword}, {"DESCRIPTOR", T::kKeyword}, {"DESTROY", T::kKeyword},
    {"DESTRUCTOR", T::kKeyword}, {"DETERMINISTIC", T::kKeyword}, {"DIAGNOSTICS", T::kKeyword},
    {"DICTIONARY", T::kKeyword}, {"DISCONNECT", T::kKeyword}, {"DISPATCH", T::kKeyword},
    {"DISTINCT", T::kKeyword}, {"DO", T::kKeyword}, {"DOMAIN", T::kKeyword}, {"DROP", T::kKeyword},
    {"DYNAMIC", T::kKeyword}, {"DYNAMIC_FUNCTION", T::kKeyword}, {"DYNAMIC_FUNCTION_CODE", T::kKeyword},
    {"EACH", T::kKeyword}, {"ELSE", T::kKeyword}, {"ELSIF", T::kKeyword}, {"ENCODING", T::kKeyword},
    {"ENCRYPTED", T::kKeyword}, {"END", T::kKeyword}, {"EQUALS", T::kKeyword}, {"ESCAPE", T::kKeyword},
    {"EVERY", T::kKeyword}, {"EXCEPT", T::kKeyword}, {"EXCEPTION", T::kKeyword}, {"EXCLUDING", T::kKeyword},
    {"EXCLUSIVE", T::kKeyword}, {"EXEC", T::kKeyword}, {"EXECUTE", T::kKeyword}, {"EXISTING", T::kKeyword},
    {"EXISTS", T::kKeyword}, {"EXPLAIN", T::kKeyword}, {"EXTERNAL", T::kKeyword}, {"EXTRACT", T::kKeyword},
    {"FALSE", T::kKeyword}, {"FETCH", T::kKeyword}, {"FINAL", T::kKeyword}, {"FIRST", T::kKeyword},
    {"FOR", T::kKeyword}, {"FORCE", T::kKeyword}, {"FOREIGN", T::kKeyword}, {"FORTRAN", T::kKeyword},
    {"FORWARD", T::kKeyword}, {"FOUND", T::kKeyword}, {"FREE", T::kKeyword}, {"FREEZE", T::kKeyword},
    {"FROM", T::kKeyword}, {"FULL", T::kKeyword}, {"FUNCTION", T::kKeyword}, {"G", T::kKeyword},
    {"GENERAL", T::kKeyword}, {"GENERATED", T::kKeyword}, {"GET", T::kKeyword}, {"GLOBAL", T::kKeyword},
    {"GO", T::kKeyword}, {"GOTO", T::kKeyword}, {"GRANT", T::kKeyword}, {"GRANTED", T::kKeyword},
    {"GROUP", T::kKeyword}, {"GROUPING", T::kKeyword}, {"HANDLER", T::kKeyword}, {"HAVING", T::kKeyword},
    {"HIERARCHY", T::kKeyword}, {"HOLD", T::kKeyword}, {"HOST", T::kKeyword}, {"IDENTITY", T::kKeyword},
    {"IF", T::kKeyword}, {"IGNORE", T::kKeyword}, {"ILIKE", T::kKeyword}, {"IMMEDIATE", T::kKeyword},
    {"IMMEDIATELY", T::kKeyword}, {"IMMUTABLE", T::kKeyword}, {"IMPLEMENTATION", T::kKeyword},
    {"IMPLICIT", T::kKeyword}, {"IN", T::kKeyword}, {"INCLUDING", T::kKeyword}, {"INCREMENT", T::kKeyword},
    {"INDEX", T::kKeyword}, {"INDITCATOR", T::kKeyword}, {"INFIX", T::kKeyword}, {"INHERITS", T::kKeyword},
    {"INITIALIZE", T::kKeyword}, {"INITIALLY", T::kKeyword}, {"INNER", T::kKeyword}, {"INOUT", T::kKeyword},
    {"INPUT", T::kKeyword}, {"INSENSITIVE", T::kKeyword}, {"INSERT", T::kKeyword},
    {"INSTANTIABLE", T::kKeyword}, {"INSTEAD", T::kKeyword}, {"INTERSECT", T::kKeyword}, {"INTO", T::kKeyword},
    {"INVOKER", T::kKeyword}, {"IS", T::kKeyword}, {"ISNULL", T::kKeyword}, {"ISOLATION", T::kKeyword},
    {"ITERATE", T::kKeyword}, {"JOIN", T::kKeyword}, {"KEY", T::kKeyword}, {"KEY_MEMBER", T::kKeyword},
    {"KEY_TYPE", T::kKeyword}, {"LANCOMPILER", T::kKeyword}, {"LANGUAGE", T::kKeyword}, {"LARGE", T::kKeyword},
    {"LAST", T::kKeyword}, {"LATERAL", T::kKeyword}, {"LEADING", T::kKeyword}, {"LEFT", T::kKeyword},
    {"LENGTH", T::kKeyword}, {"LESS", T::kKeyword}, {"LEVEL", T::kKeyword}, {"LIKE", T::kKeyword},
    {"LIMIT", T::kKeyword}, {"LISTEN", T::kKeyword}, {"LOAD", T::kKeyword}, {"LOCAL", T::kKeyword},
    {"LOCALTIME", T::kKeyword}, {"LOCALTIMESTAMP", T::kKeyword}, {"LOCATION", T::kKeyword},
    {"LOCATOR", T::kKeyword}, {"LOCK", T::kKeyword}, {"LOWER", T::kKeyword}, {"MAP", T::kKeyword},
    {"MATCH", T::kKeyword}, {"MAX", T::kKeyword}, {"MAXVALUE", T::kKeyword}, {"MESSAGE_LENGTH", T::kKeyword},
    {"MESSAGE_OCTET_LENGTH", T::kKeyword}, {"MESSAGE_TEXT", T::kKeyword}, {"METHOD", T::kKeyword},
    {"MIN", T::kKeyword}, {"MINUTE", T::kKeyword}, {"MINVALUE", T::kKeyword}, {"MOD", T::kKeyword},
    {"MODE", T::kKeyword}, {"MODIFIES", T::kKeyword}, {"MODIFY", T::kKeyword}, {"MONTH", T::kKeyword},
    {"MORE", T::kKeyword}, {"MOVE", T::kKeyword}, {"MUMPS", T::kKeyword}, {"NAMES", T::kKeyword},
    {"NATIONAL", T::kKeyword}, {"NATURAL", T::kKeyword}, {"NCHAR", T::kKeyword}, {"NCLOB", T::kKeyword},
    {"NEW", T::kKeyword}, {"NEXT", T::kKeyword}, {"NO", T::kKeyword}, {"NOCREATEDB", T::kKeyword},
    {"NOCREATEUSER", T::kKeyword}, {"NONE", T::kKeyword}, {"NOT", T::kKeyword}, {"NOTHING", T::kKeyword},
    {"NOTIFY", T::kKeyword}, {"NOTNULL", T::kKeyword}, {"NULL", T::kKeyword}, {"NULLABLE", T::kKeyword},
    {"NULLIF", T::kKeyword}, {"OBJECT", T::kKeyword}, {"OCTET_LENGTH", T::kKeyword}, {"OF", T::kKeyword},
    {"OFF", T::kKeyword}, {"OFFSET", T::kKeyword}, {"OIDS", T::kKeyword}, {"OLD", T::kKeyword},
    {"ON", T::kKeyword}, {"ONLY", T::kKeyword}, {"OPEN", T::kKeyword}, {"OPERATION", T::kKeyword},
    {"OPERATOR", T::kKeyword}, {"OPTION", T::kKeyword}, {"OPTIONS", T::kKeyword}, {"OR", T::kKeyword},
    {"ORDER", T::kKeyword}, {"ORDINALITY", T::kKeyword}, {"OUT", T::kKeyword}, {"OUTER", T::kKeyword},
    {"OUTPUT", T::kKeyword}, {"OVERLAPS", T::kKeyword}, {"OVERLAY", T::kKeyword}, {"OVERRIDING", T::kKeyword},
    {"OWNER", T::kKeyword}, {"PAD", T::kKeyword}, {"PARAMETER", T::kKeyword}, {"PARAMETERS", T::kKeyword},
    {"PARAMETER_MODE", T::kKeyword}, {"PARAMETER_NAME", T::kKeyword},
    {"PARAMETER_ORDINAL_POSITION", T::kKeyword}, {"PARAMETER_SPECIFIC_CATALOG", T::kKeyword},
    {"PARAMETER_SPECIFIC_NAME", T::kKeyword}, {"PARAMETER_SPECIFIC_SCHEMA", T::kKeyword},
    {"PARTIAL", T::kKeyword}, {"PASCAL", T::kKeyword}, {"PENDANT", T::kKeyword}, {"PERIOD", T::kKeyword},
    {"PLACING", T::kKeyword}, {"PLI", T::kKeyword}, {"POSITION", T::kKeyword}, {"POSTFIX", T::kKeyword},
    {"PRECEEDS", T::kKeyword}, {"PRECISION", T::kKeyword}, {"PREFIX", T::kKeyword}, {"PREORDER", T::kKeyword},
    {"PREPARE", T::kKeyword}, {"PRESERVE", T::kKeyword}, {"PRIMARY", T::kKeyword}, {"PRIOR", T::kKeyword},
    {"PRIVILEGES", T::kKeyword}, {"PROCEDURAL", T::kKeyword}, {"PROCEDURE", T::kKeyword},
    {"PUBLIC", T::kKeyword}, {"READ", T::kKeyword}, {"READS", T::kKeyword}, {"RECHECK", T::kKeyword},
    {"RECURSIVE", T::kKeyword}, {"REF", T::kKeyword}, {"REFERENCES", T::kKeyword}, {"REFERENCING", T::kKeyword},
    {"REINDEX", T::kKeyword}, {"RELATIVE", T::kKeyword}, {"RENAME", T::kKeyword}, {"REPEATABLE", T::kKeyword},
    {"REPLACE", T::kKeyword}, {"RESET", T::kKeyword}, {"RESTART", T::kKeyword}, {"RESTRICT", T::kKeyword},
    {"RESULT", T::kKeyword}, {"RETURN", T::kKeyword}, {"RETURNED_LENGTH", T::kKeyword},
    {"RETURNED_OCTET_LENGTH", T::kKeyword}, {"RETURNED_SQLSTATE", T::kKeyword}, {"RETURNS", T::kKeyword},
    {"REVOKE", T::kKeyword}, {"RIGHT", T::kKeyword}, {"ROLE", T::kKeyword}, {"ROLLBACK", T::kKeyword},
    {"ROLLUP", T::kKeyword}, {"ROUTINE", T::kKeyword}, {"ROUTINE_CATALOG", T::kKeyword},
    {"ROUTINE_NAME", T::kKeyword}, {"ROUTINE_SCHEMA", T::kKeyword}, {"ROW", T::kKeyword}, {"ROWS", T::kKeyword},
    {"ROW_COUNT", T::kKeyword}, {"RULE", T::kKeyword}, {"SAVE_POINT", T::kKeyword}, {"SCALE", T::kKeyword},
    {"SCHEMA", T::kKeyword}, {"SCHEMA_NAME", T::kKeyword}, {"SCOPE", T::kKeyword}, {"SCROLL", T::kKeyword},
    {"SEARCH", T::kKeyword}, {"SECOND", T::kKeyword}, {"SECURITY", T::kKeyword}, {"SELECT", T::kKeyword},
    {"SELF", T::kKeyword}, {"SENSITIVE", T::kKeyword}, {"SERIALIZABLE", T::kKeyword},
    {"SERVER_NAME", T::kKeyword}, {"SESSION", T::kKeyword}, {"SESSION_USER", T::kKeyword}, {"SET", T::kKeyword},
    {"SETOF", T::kKeyword}, {"SETS", T::kKeyword}, {"SHARE", T::kKeyword}, {"SHOW", T::kKeyword},
    {"SIMILAR", T::kKeyword}, {"SIMPLE", T::kKeyword}, {"SIZE", T::kKeyword}, {"SOME", T::kKeyword},
    {"SOURCE", T::kKeyword}, {"SPACE", T::kKeyword}, {"SPECIFIC", T::kKeyword}, {"SPECIFICTYPE", T::kKeyword},
    {"SPECIFIC_NAME", T::kKeyword}, {"SQL", T::kKeyword}, {"SQLCODE", T::kKeyword}, {"SQLERROR", T::kKeyword},
    {"SQLEXCEPTION", T::kKeyword}, {"SQLSTATE", T::kKeyword}, {"SQLWARNINIG", T::kKeyword},
    {"STABLE", T::kKeyword}, {"START", T::kKeyword}, {"STATE", T::kKeyword}, {"STATEMENT", T::kKeyword},
    {"STATIC", T::kKeyword}, {"STATISTICS", T::kKeyword}, {"STDIN", T::kKeyword}, {"STDOUT", T::kKeyword},
    {"STORAGE", T::kKeyword}, {"STRICT", T::kKeyword}, {"STRUCTURE", T::kKeyword}, {"STYPE", T::kKeyword},
    {"SUBCLASS_ORIGIN", T::kKeyword}, {"SUBLIST", T::kKeyword}, {"SUBSTRING", T::kKeyword},
    {"SUCCEEDS", T::kKeyword}, {"SUM", T::kKeyword}, {"SYMMETRIC", T::kKeyword}, {"SYSID", T::kKeyword},
    {"SYSTEM", T::kKeyword}, {"SYSTEM_USER", T::kKeyword}, {"TABLE", T::kKeyword}, {"TABLE_NAME", T::kKeyword},
    {"TEMP", T::kKeyword}, {"TEMPLATE", T::kKeyword}, {"TEMPORARY", T::kKeyword}, {"TERMINATE", T::kKeyword},
    {"THAN", T::kKeyword}, {"THEN", T::kKeyword}, {"TIME", T::kKeyword}, {"TIMESTAMP", T::kKeyword},
    {"TIMEZONE_HOUR", T::kKeyword}, {"TIMEZONE_MINUTE", T::kKeyword}, {"TO", T::kKeyword},
    {"TOAST", T::kKeyword}, {"TRAILING", T::kKeyword}, {"TRANSACTION", T::kKeyword},
    {"TRANSACTIONS_COMMITTED", T::kKeyword}, {"TRANSACTIONS_ROLLED_BACK", T::kKeyword},
    {"TRANSACTION_ACTIVE", T::kKeyword}, {"TRANSFORM", T::kKeyword}, {"TRANSFORMS", T::kKeyword},
    {"TRANSLATE", T::kKeyword}, {"TRANSLATION", T::kKeyword}, {"TREAT", T::kKeyword}, {"TRIGGER", T::kKeyword},
    {"TRIGGER_CATALOG", T::kKeyword}, {"TRIGGER_NAME", T::kKeyword}, {"TRIGGER_SCHEMA", T::kKeyword},
    {"TRIM", T::kKeyword}, {"TRUE", T::kKeyword}, {"TRUNCATE", T::kKeyword}, {"TRUSTED", T::kKeyword},
    {"TYPE", T::kKeyword}, {"UNCOMMITTED", T::kKeyword}, {"UNDER", T::kKeyword}, {"UNENCRYPTED", T::kKeyword},
    {"UNION", T::kKeyword}, {"UNIQUE", T::kKeyword}, {"UNKNOWN", T::kKeyword}, {"UNLISTEN", T::kKeyword},
    {"UNNAMED", T::kKeyword}, {"UNNEST", T::kKeyword}, {"UNTIL", T::kKeyword}, {"UPDATE", T::kKeyword},
    {"UPPER", T::kKeyword}, {"USAGE", T::kKeyword}, {"USER", T::kKeyword},
    {"USER_DEFINED_TYPE_CATALOG", T::kKeyword}, {"USER_DEFINED_TYPE_NAME", T::kKeyword},
    {"USER_DEFINED_TYPE_SCHEMA", T::kKeyword}, {"USING", T::kKeyword}, {"VACUUM", T::kKeyword},
    {"VALID", T::kKeyword}, {"VALIDATOR", T::kKeyword}, {"VALUES", T::kKeyword}, {"VARIABLE", T::kKeyword},
    {"VERBOSE", T::kKeyword}, {"VERSION", T::kKeyword}, {"VERSIONING", T::kKeyword}, {"VERSIONS", T::kKeyword},
    {"VIEW", T::kKeyword}, {"VOLATILE", T::kKeyword}, {"WHEN", T::kKeyword}, {"WHENEVER", T::kKeyword},
    {"WHERE", T::kKeyword}, {"WITH", T::kKeyword}, {"WITHOUT", T::kKeyword}, {"WORK", T::kKeyword},
    {"WRITE", T::kKeyword}, {"YEAR", T::kKeyword}, {"ZONE", T::kKeyword}, {"ARRAY", T::kNameBuiltin},
    {"BIGINT", T::kNameBuiltin}, {"BINARY", T::kNameBuiltin}, {"BIT", T::kNameBuiltin},
    {"BLOB", T::kNameBuiltin}, {"BOOLEAN", T::kNameBuiltin}, {"CHAR", T::kNameBuiltin},
    {"CHARACTER", T::kNameBuiltin}, {"DATE", T::kNameBuiltin}, {"DEC", T::kNameBuiltin},
    {"DECIMAL", T::kNameBuiltin}, {"FLOAT", T::kNameBuiltin}, {"INT", T::kNameBuiltin},
    {"INTEGER", T::kNameBuiltin}, {"INTERVAL", T::kNameBuiltin}, {"NUMBER", T::kNameBuiltin},
    {"NUMERIC", T::kNameBuiltin}, {"REAL", T::kNameBuiltin}, {"SERIAL", T::kNameBuiltin},
    {"SMALLINT", T::kNameBuiltin}, {"VARCHAR", T::kNameBuiltin}, {"VARYING", T::kNameBuiltin},
    {"INT8", T::kNameBuiltin}, {"SERIAL8", T::kNameBuiltin}, {"TEXT", T::kNameBuiltin},
};

}  // namespace

void lex_sql(std::string_view s, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (scan::is_space(c)) {
      out.push(T::kText, i = scan::skip_spaces(s, i));
      continue;
    }
    if (c == '-' && at(i + 1) == '-') {
      std::size_t e = scan::line_end(s, i);
      out.push(T::kCommentSingle, i = e < s.size() ? e + 1 : e);
      continue;
    }
    if (c == '/' && at(i + 1) == '*') {
      int depth = 0;
      std::size_t j = i;
      while (j < s.size()) {
        if (scan::at(s, j, "/*")) {
          ++depth;
          j += 2;
        } else if (scan::at(s, j, "*/")) {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      out.push(T::kCommentMultiline, i = j);
      continue;
    }
    if (scan::is_alpha(c) || c == '_') {
      std::size_t e = i;
      while (e < s.size() && (scan::is_ident_char(s[e]) || s[e] == '$')) ++e;
      // Keywords end at a word boundary; '$' is not part of one.
      std::size_t w = i;
      while (w < e && s[w] != '$') ++w;
      char upper[32];
      T t = T::kName;
      if (w - i <= sizeof upper) {
        for (std::size_t k = i; k < w; ++k) upper[k - i] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[k])));
        t = kWords.find(std::string_view(upper, w - i), T::kName);
      }
      if (t != T::kName) {
        out.push(t, i = w);
        continue;
      }
      out.push(T::kName, i = e);
      continue;
    }
    if (std::string_view("+*/<>=~!@#%^&|`?-").find(c) != std::string_view::npos) {
      out.push(T::kOperator, ++i);
      continue;
    }
    if (scan::is_digit(c)) {
      while (i < s.size() && scan::is_digit(s[i])) ++i;
      out.push(T::kNumberInteger, i);
      continue;
    }
    if (c == '\'' || c == '"') {
      // '' (or "") inside the literal is an escaped quote.
      std::size_t j = i + 1;
      while (j < s.size()) {
        if (s[j] == c) {
          if (at(j + 1) == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      if (j < s.size()) {
        out.push(c == '\'' ? T::kStringSingle : T::kStringSymbol, i = j + 1);
        continue;
      }
    }
    if (std::string_view(";:()[],.").find(c) != std::string_view::npos) {
      out.push(T::kPunctuation, ++i);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight
