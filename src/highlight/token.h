// Token classes: the vocabulary shared by every lexer and the HTML writer.
//
// Each value is one Pygments standard token type; css_class() gives its short
// CSS class ("k", "nf", "s2", ...), so any Pygments or Chroma stylesheet
// applies to Bengal's output. kText is plain text and is written without a
// span. The table is constant data: thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace bengal::highlight {

#define BENGAL_HIGHLIGHT_TOKENS(X)                                                              \
  X(kText, "", "Token.Text")                                                                    \
  X(kKeyword, "k", "Token.Keyword")                                                             \
  X(kKeywordConstant, "kc", "Token.Keyword.Constant")                                           \
  X(kKeywordDeclaration, "kd", "Token.Keyword.Declaration")                                     \
  X(kKeywordNamespace, "kn", "Token.Keyword.Namespace")                                         \
  X(kKeywordPseudo, "kp", "Token.Keyword.Pseudo")                                               \
  X(kKeywordReserved, "kr", "Token.Keyword.Reserved")                                           \
  X(kKeywordType, "kt", "Token.Keyword.Type")                                                   \
  X(kName, "n", "Token.Name")                                                                   \
  X(kNameAttribute, "na", "Token.Name.Attribute")                                               \
  X(kNameBuiltin, "nb", "Token.Name.Builtin")                                                   \
  X(kNameBuiltinPseudo, "bp", "Token.Name.Builtin.Pseudo")                                      \
  X(kNameClass, "nc", "Token.Name.Class")                                                       \
  X(kNameConstant, "no", "Token.Name.Constant")                                                 \
  X(kNameDecorator, "nd", "Token.Name.Decorator")                                               \
  X(kNameEntity, "ni", "Token.Name.Entity")                                                     \
  X(kNameException, "ne", "Token.Name.Exception")                                               \
  X(kNameFunction, "nf", "Token.Name.Function")                                                 \
  X(kNameFunctionMagic, "fm", "Token.Name.Function.Magic")                                      \
  X(kNameLabel, "nl", "Token.Name.Label")                                                       \
  X(kNameNamespace, "nn", "Token.Name.Namespace")                                               \
  X(kNameOther, "nx", "Token.Name.Other")                                                       \
  X(kNameProperty, "py", "Token.Name.Property")                                                 \
  X(kNameTag, "nt", "Token.Name.Tag")                                                           \
  X(kNameVariable, "nv", "Token.Name.Variable")                                                 \
  X(kNameVariableClass, "vc", "Token.Name.Variable.Class")                                      \
  X(kNameVariableGlobal, "vg", "Token.Name.Variable.Global")                                    \
  X(kNameVariableInstance, "vi", "Token.Name.Variable.Instance")                                \
  X(kNameVariableMagic, "vm", "Token.Name.Variable.Magic")                                      \
  X(kLiteral, "l", "Token.Literal")                                                             \
  X(kLiteralDate, "ld", "Token.Literal.Date")                                                   \
  X(kString, "s", "Token.Literal.String")                                                       \
  X(kStringAffix, "sa", "Token.Literal.String.Affix")                                           \
  X(kStringBacktick, "sb", "Token.Literal.String.Backtick")                                     \
  X(kStringChar, "sc", "Token.Literal.String.Char")                                             \
  X(kStringDelimiter, "dl", "Token.Literal.String.Delimiter")                                   \
  X(kStringDoc, "sd", "Token.Literal.String.Doc")                                               \
  X(kStringDouble, "s2", "Token.Literal.String.Double")                                         \
  X(kStringEscape, "se", "Token.Literal.String.Escape")                                         \
  X(kStringHeredoc, "sh", "Token.Literal.String.Heredoc")                                       \
  X(kStringInterpol, "si", "Token.Literal.String.Interpol")                                     \
  X(kStringOther, "sx", "Token.Literal.String.Other")                                           \
  X(kStringRegex, "sr", "Token.Literal.String.Regex")                                           \
  X(kStringSingle, "s1", "Token.Literal.String.Single")                                         \
  X(kStringSymbol, "ss", "Token.Literal.String.Symbol")                                         \
  X(kNumber, "m", "Token.Literal.Number")                                                       \
  X(kNumberBin, "mb", "Token.Literal.Number.Bin")                                               \
  X(kNumberFloat, "mf", "Token.Literal.Number.Float")                                           \
  X(kNumberHex, "mh", "Token.Literal.Number.Hex")                                               \
  X(kNumberInteger, "mi", "Token.Literal.Number.Integer")                                       \
  X(kNumberIntegerLong, "il", "Token.Literal.Number.Integer.Long")                              \
  X(kNumberOct, "mo", "Token.Literal.Number.Oct")                                               \
  X(kOperator, "o", "Token.Operator")                                                           \
  X(kOperatorWord, "ow", "Token.Operator.Word")                                                 \
  X(kPunctuation, "p", "Token.Punctuation")                                                     \
  X(kComment, "c", "Token.Comment")                                                             \
  X(kCommentHashbang, "ch", "Token.Comment.Hashbang")                                           \
  X(kCommentMultiline, "cm", "Token.Comment.Multiline")                                         \
  X(kCommentPreproc, "cp", "Token.Comment.Preproc")                                             \
  X(kCommentPreprocFile, "cpf", "Token.Comment.PreprocFile")                                    \
  X(kCommentSingle, "c1", "Token.Comment.Single")                                               \
  X(kCommentSpecial, "cs", "Token.Comment.Special")                                             \
  X(kGeneric, "g", "Token.Generic")                                                             \
  X(kGenericDeleted, "gd", "Token.Generic.Deleted")                                             \
  X(kGenericEmph, "ge", "Token.Generic.Emph")                                                   \
  X(kGenericError, "gr", "Token.Generic.Error")                                                 \
  X(kGenericHeading, "gh", "Token.Generic.Heading")                                             \
  X(kGenericInserted, "gi", "Token.Generic.Inserted")                                           \
  X(kGenericOutput, "go", "Token.Generic.Output")                                               \
  X(kGenericPrompt, "gp", "Token.Generic.Prompt")                                               \
  X(kGenericStrong, "gs", "Token.Generic.Strong")                                               \
  X(kGenericSubheading, "gu", "Token.Generic.Subheading")                                       \
  X(kGenericTraceback, "gt", "Token.Generic.Traceback")                                         \
  X(kError, "err", "Token.Error")

enum class Token : std::uint8_t {
#define BENGAL_HIGHLIGHT_ENUM(name, css, pygments) name,
  BENGAL_HIGHLIGHT_TOKENS(BENGAL_HIGHLIGHT_ENUM)
#undef BENGAL_HIGHLIGHT_ENUM
      kCount
};

// Short CSS class ("k", "s2"); empty for kText.
std::string_view css_class(Token t);
// Pygments' dotted type name ("Token.Keyword"), for agreement tests.
std::string_view pygments_name(Token t);

}  // namespace bengal::highlight
