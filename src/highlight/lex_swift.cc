// Swift, following Pygments' SwiftLexer: declarations name what they
// declare, standard-library types and functions are builtins, strings
// interpolate with \( ... ).
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<1024> kWords = {
    {"as", T::kKeyword}, {"async", T::kKeyword}, {"await", T::kKeyword}, {"break", T::kKeyword},
    {"case", T::kKeyword}, {"catch", T::kKeyword}, {"continue", T::kKeyword}, {"default", T::kKeyword},
    {"defer", T::kKeyword}, {"do", T::kKeyword}, {"else", T::kKeyword}, {"fallthrough", T::kKeyword},
    {"for", T::kKeyword}, {"guard", T::kKeyword}, {"if", T::kKeyword}, {"in", T::kKeyword}, {"is", T::kKeyword},
    {"repeat", T::kKeyword}, {"return", T::kKeyword}, {"switch", T::kKeyword}, {"throw", T::kKeyword},
    {"try", T::kKeyword}, {"where", T::kKeyword}, {"while", T::kKeyword},
    {"associativity", T::kKeywordReserved}, {"convenience", T::kKeywordReserved},
    {"dynamic", T::kKeywordReserved}, {"didSet", T::kKeywordReserved}, {"final", T::kKeywordReserved},
    {"get", T::kKeywordReserved}, {"indirect", T::kKeywordReserved}, {"infix", T::kKeywordReserved},
    {"inout", T::kKeywordReserved}, {"lazy", T::kKeywordReserved}, {"left", T::kKeywordReserved},
    {"mutating", T::kKeywordReserved}, {"none", T::kKeywordReserved}, {"nonmutating", T::kKeywordReserved},
    {"optional", T::kKeywordReserved}, {"override", T::kKeywordReserved}, {"postfix", T::kKeywordReserved},
    {"precedence", T::kKeywordReserved}, {"prefix", T::kKeywordReserved}, {"Protocol", T::kKeywordReserved},
    {"required", T::kKeywordReserved}, {"rethrows", T::kKeywordReserved}, {"right", T::kKeywordReserved},
    {"set", T::kKeywordReserved}, {"throws", T::kKeywordReserved}, {"Type", T::kKeywordReserved},
    {"unowned", T::kKeywordReserved}, {"weak", T::kKeywordReserved}, {"willSet", T::kKeywordReserved},
    {"dynamicType", T::kKeywordConstant}, {"false", T::kKeywordConstant}, {"nil", T::kKeywordConstant},
    {"self", T::kKeywordConstant}, {"Self", T::kKeywordConstant}, {"super", T::kKeywordConstant},
    {"true", T::kKeywordConstant}, {"__COLUMN__", T::kKeywordConstant}, {"__FILE__", T::kKeywordConstant},
    {"__FUNCTION__", T::kKeywordConstant}, {"__LINE__", T::kKeywordConstant}, {"_", T::kKeywordConstant},
    {"actor", T::kKeywordDeclaration}, {"associatedtype", T::kKeywordDeclaration},
    {"class", T::kKeywordDeclaration}, {"deinit", T::kKeywordDeclaration}, {"enum", T::kKeywordDeclaration},
    {"extension", T::kKeywordDeclaration}, {"func", T::kKeywordDeclaration}, {"import", T::kKeywordDeclaration},
    {"init", T::kKeywordDeclaration}, {"internal", T::kKeywordDeclaration}, {"let", T::kKeywordDeclaration},
    {"operator", T::kKeywordDeclaration}, {"private", T::kKeywordDeclaration},
    {"protocol", T::kKeywordDeclaration}, {"public", T::kKeywordDeclaration},
    {"static", T::kKeywordDeclaration}, {"struct", T::kKeywordDeclaration},
    {"subscript", T::kKeywordDeclaration}, {"typealias", T::kKeywordDeclaration},
    {"var", T::kKeywordDeclaration}, {"Array", T::kNameBuiltin},
    {"AutoreleasingUnsafeMutablePointer", T::kNameBuiltin}, {"BidirectionalReverseView", T::kNameBuiltin},
    {"Bit", T::kNameBuiltin}, {"Bool", T::kNameBuiltin}, {"CFunctionPointer", T::kNameBuiltin},
    {"COpaquePointer", T::kNameBuiltin}, {"CVaListPointer", T::kNameBuiltin}, {"Character", T::kNameBuiltin},
    {"ClosedInterval", T::kNameBuiltin}, {"CollectionOfOne", T::kNameBuiltin},
    {"ContiguousArray", T::kNameBuiltin}, {"Dictionary", T::kNameBuiltin},
    {"DictionaryGenerator", T::kNameBuiltin}, {"DictionaryIndex", T::kNameBuiltin}, {"Double", T::kNameBuiltin},
    {"EmptyCollection", T::kNameBuiltin}, {"EmptyGenerator", T::kNameBuiltin},
    {"EnumerateGenerator", T::kNameBuiltin}, {"EnumerateSequence", T::kNameBuiltin},
    {"FilterCollectionView", T::kNameBuiltin}, {"FilterCollectionViewIndex", T::kNameBuiltin},
    {"FilterGenerator", T::kNameBuiltin}, {"FilterSequenceView", T::kNameBuiltin}, {"Float", T::kNameBuiltin},
    {"Float80", T::kNameBuiltin}, {"FloatingPointClassification", T::kNameBuiltin},
    {"GeneratorOf", T::kNameBuiltin}, {"GeneratorOfOne", T::kNameBuiltin},
    {"GeneratorSequence", T::kNameBuiltin}, {"HalfOpenInterval", T::kNameBuiltin},
    {"HeapBuffer", T::kNameBuiltin}, {"HeapBufferStorage", T::kNameBuiltin},
    {"ImplicitlyUnwrappedOptional", T::kNameBuiltin}, {"IndexingGenerator", T::kNameBuiltin},
    {"Int", T::kNameBuiltin}, {"Int16", T::kNameBuiltin}, {"Int32", T::kNameBuiltin},
    {"Int64", T::kNameBuiltin}, {"Int8", T::kNameBuiltin}, {"LazyBidirectionalCollection", T::kNameBuiltin},
    {"LazyForwardCollection", T::kNameBuiltin}, {"LazyRandomAccessCollection", T::kNameBuiltin},
    {"LazySequence", T::kNameBuiltin}, {"MapCollectionView", T::kNameBuiltin},
    {"MapSequenceGenerator", T::kNameBuiltin}, {"MapSequenceView", T::kNameBuiltin},
    {"MirrorDisposition", T::kNameBuiltin}, {"ObjectIdentifier", T::kNameBuiltin}, {"OnHeap", T::kNameBuiltin},
    {"Optional", T::kNameBuiltin}, {"PermutationGenerator", T::kNameBuiltin},
    {"QuickLookObject", T::kNameBuiltin}, {"RandomAccessReverseView", T::kNameBuiltin},
    {"Range", T::kNameBuiltin}, {"RangeGenerator", T::kNameBuiltin}, {"RawByte", T::kNameBuiltin},
    {"Repeat", T::kNameBuiltin}, {"ReverseBidirectionalIndex", T::kNameBuiltin},
    {"ReverseRandomAccessIndex", T::kNameBuiltin}, {"SequenceOf", T::kNameBuiltin}, {"SinkOf", T::kNameBuiltin},
    {"Slice", T::kNameBuiltin}, {"StaticString", T::kNameBuiltin}, {"StrideThrough", T::kNameBuiltin},
    {"StrideThroughGenerator", T::kNameBuiltin}, {"StrideTo", T::kNameBuiltin},
    {"StrideToGenerator", T::kNameBuiltin}, {"String", T::kNameBuiltin}, {"UInt", T::kNameBuiltin},
    {"UInt16", T::kNameBuiltin}, {"UInt32", T::kNameBuiltin}, {"UInt64", T::kNameBuiltin},
    {"UInt8", T::kNameBuiltin}, {"UTF16", T::kNameBuiltin}, {"UTF32", T::kNameBuiltin},
    {"UTF8", T::kNameBuiltin}, {"UnicodeDecodingResult", T::kNameBuiltin}, {"UnicodeScalar", T::kNameBuiltin},
    {"Unmanaged", T::kNameBuiltin}, {"UnsafeBufferPointer", T::kNameBuiltin},
    {"UnsafeBufferPointerGenerator", T::kNameBuiltin}, {"UnsafeMutableBufferPointer", T::kNameBuiltin},
    {"UnsafeMutablePointer", T::kNameBuiltin}, {"UnsafePointer", T::kNameBuiltin}, {"Zip2", T::kNameBuiltin},
    {"ZipGenerator2", T::kNameBuiltin}, {"AbsoluteValuable", T::kNameBuiltin}, {"AnyObject", T::kNameBuiltin},
    {"ArrayLiteralConvertible", T::kNameBuiltin}, {"BidirectionalIndexType", T::kNameBuiltin},
    {"BitwiseOperationsType", T::kNameBuiltin}, {"BooleanLiteralConvertible", T::kNameBuiltin},
    {"BooleanType", T::kNameBuiltin}, {"CVarArgType", T::kNameBuiltin}, {"CollectionType", T::kNameBuiltin},
    {"Comparable", T::kNameBuiltin}, {"DebugPrintable", T::kNameBuiltin},
    {"DictionaryLiteralConvertible", T::kNameBuiltin}, {"Equatable", T::kNameBuiltin},
    {"ExtendedGraphemeClusterLiteralConvertible", T::kNameBuiltin},
    {"ExtensibleCollectionType", T::kNameBuiltin}, {"FloatLiteralConvertible", T::kNameBuiltin},
    {"FloatingPointType", T::kNameBuiltin}, {"ForwardIndexType", T::kNameBuiltin},
    {"GeneratorType", T::kNameBuiltin}, {"Hashable", T::kNameBuiltin},
    {"IntegerArithmeticType", T::kNameBuiltin}, {"IntegerLiteralConvertible", T::kNameBuiltin},
    {"IntegerType", T::kNameBuiltin}, {"IntervalType", T::kNameBuiltin}, {"MirrorType", T::kNameBuiltin},
    {"MutableCollectionType", T::kNameBuiltin}, {"MutableSliceable", T::kNameBuiltin},
    {"NilLiteralConvertible", T::kNameBuiltin}, {"OutputStreamType", T::kNameBuiltin},
    {"Printable", T::kNameBuiltin}, {"RandomAccessIndexType", T::kNameBuiltin},
    {"RangeReplaceableCollectionType", T::kNameBuiltin}, {"RawOptionSetType", T::kNameBuiltin},
    {"RawRepresentable", T::kNameBuiltin}, {"Reflectable", T::kNameBuiltin}, {"SequenceType", T::kNameBuiltin},
    {"SignedIntegerType", T::kNameBuiltin}, {"SignedNumberType", T::kNameBuiltin},
    {"SinkType", T::kNameBuiltin}, {"Sliceable", T::kNameBuiltin}, {"Streamable", T::kNameBuiltin},
    {"Strideable", T::kNameBuiltin}, {"StringInterpolationConvertible", T::kNameBuiltin},
    {"StringLiteralConvertible", T::kNameBuiltin}, {"UnicodeCodecType", T::kNameBuiltin},
    {"UnicodeScalarLiteralConvertible", T::kNameBuiltin}, {"UnsignedIntegerType", T::kNameBuiltin},
    {"_ArrayBufferType", T::kNameBuiltin}, {"_BidirectionalIndexType", T::kNameBuiltin},
    {"_CocoaStringType", T::kNameBuiltin}, {"_CollectionType", T::kNameBuiltin},
    {"_Comparable", T::kNameBuiltin}, {"_ExtensibleCollectionType", T::kNameBuiltin},
    {"_ForwardIndexType", T::kNameBuiltin}, {"_Incrementable", T::kNameBuiltin},
    {"_IntegerArithmeticType", T::kNameBuiltin}, {"_IntegerType", T::kNameBuiltin},
    {"_ObjectiveCBridgeable", T::kNameBuiltin}, {"_RandomAccessIndexType", T::kNameBuiltin},
    {"_RawOptionSetType", T::kNameBuiltin}, {"_SequenceType", T::kNameBuiltin},
    {"_Sequence_Type", T::kNameBuiltin}, {"_SignedIntegerType", T::kNameBuiltin},
    {"_SignedNumberType", T::kNameBuiltin}, {"_Sliceable", T::kNameBuiltin}, {"_Strideable", T::kNameBuiltin},
    {"_SwiftNSArrayRequiredOverridesType", T::kNameBuiltin}, {"_SwiftNSArrayType", T::kNameBuiltin},
    {"_SwiftNSCopyingType", T::kNameBuiltin}, {"_SwiftNSDictionaryRequiredOverridesType", T::kNameBuiltin},
    {"_SwiftNSDictionaryType", T::kNameBuiltin}, {"_SwiftNSEnumeratorType", T::kNameBuiltin},
    {"_SwiftNSFastEnumerationType", T::kNameBuiltin}, {"_SwiftNSStringRequiredOverridesType", T::kNameBuiltin},
    {"_SwiftNSStringType", T::kNameBuiltin}, {"_UnsignedIntegerType", T::kNameBuiltin},
    {"C_ARGC", T::kNameBuiltin}, {"C_ARGV", T::kNameBuiltin}, {"Process", T::kNameBuiltin},
    {"Any", T::kNameBuiltin}, {"AnyClass", T::kNameBuiltin}, {"BooleanLiteralType", T::kNameBuiltin},
    {"CBool", T::kNameBuiltin}, {"CChar", T::kNameBuiltin}, {"CChar16", T::kNameBuiltin},
    {"CChar32", T::kNameBuiltin}, {"CDouble", T::kNameBuiltin}, {"CFloat", T::kNameBuiltin},
    {"CInt", T::kNameBuiltin}, {"CLong", T::kNameBuiltin}, {"CLongLong", T::kNameBuiltin},
    {"CShort", T::kNameBuiltin}, {"CSignedChar", T::kNameBuiltin}, {"CUnsignedInt", T::kNameBuiltin},
    {"CUnsignedLong", T::kNameBuiltin}, {"CUnsignedShort", T::kNameBuiltin}, {"CWideChar", T::kNameBuiltin},
    {"ExtendedGraphemeClusterType", T::kNameBuiltin}, {"Float32", T::kNameBuiltin},
    {"Float64", T::kNameBuiltin}, {"FloatLiteralType", T::kNameBuiltin}, {"IntMax", T::kNameBuiltin},
    {"IntegerLiteralType", T::kNameBuiltin}, {"StringLiteralType", T::kNameBuiltin},
    {"UIntMax", T::kNameBuiltin}, {"UWord", T::kNameBuiltin}, {"UnicodeScalarType", T::kNameBuiltin},
    {"Void", T::kNameBuiltin}, {"Word", T::kNameBuiltin}, {"NSErrorPointer", T::kNameBuiltin},
    {"NSObjectProtocol", T::kNameBuiltin}, {"Selector", T::kNameBuiltin}, {"abs", T::kNameBuiltinPseudo},
    {"advance", T::kNameBuiltinPseudo}, {"alignof", T::kNameBuiltinPseudo},
    {"alignofValue", T::kNameBuiltinPseudo}, {"assert", T::kNameBuiltinPseudo},
    {"assertionFailure", T::kNameBuiltinPseudo}, {"contains", T::kNameBuiltinPseudo},
    {"count", T::kNameBuiltinPseudo}, {"countElements", T::kNameBuiltinPseudo},
    {"debugPrint", T::kNameBuiltinPseudo}, {"debugPrintln", T::kNameBuiltinPseudo},
    {"distance", T::kNameBuiltinPseudo}, {"dropFirst", T::kNameBuiltinPseudo},
    {"dropLast", T::kNameBuiltinPseudo}, {"dump", T::kNameBuiltinPseudo}, {"enumerate", T::kNameBuiltinPseudo},
    {"equal", T::kNameBuiltinPseudo}, {"extend", T::kNameBuiltinPseudo}, {"fatalError", T::kNameBuiltinPseudo},
    {"filter", T::kNameBuiltinPseudo}, {"find", T::kNameBuiltinPseudo}, {"first", T::kNameBuiltinPseudo},
    {"getVaList", T::kNameBuiltinPseudo}, {"indices", T::kNameBuiltinPseudo}, {"insert", T::kNameBuiltinPseudo},
    {"isEmpty", T::kNameBuiltinPseudo}, {"join", T::kNameBuiltinPseudo}, {"last", T::kNameBuiltinPseudo},
    {"lexicographicalCompare", T::kNameBuiltinPseudo}, {"map", T::kNameBuiltinPseudo},
    {"max", T::kNameBuiltinPseudo}, {"maxElement", T::kNameBuiltinPseudo}, {"min", T::kNameBuiltinPseudo},
    {"minElement", T::kNameBuiltinPseudo}, {"numericCast", T::kNameBuiltinPseudo},
    {"overlaps", T::kNameBuiltinPseudo}, {"partition", T::kNameBuiltinPseudo},
    {"precondition", T::kNameBuiltinPseudo}, {"preconditionFailure", T::kNameBuiltinPseudo},
    {"print", T::kNameBuiltinPseudo}, {"println", T::kNameBuiltinPseudo}, {"reduce", T::kNameBuiltinPseudo},
    {"reflect", T::kNameBuiltinPseudo}, {"removeAll", T::kNameBuiltinPseudo},
    {"removeAtIndex", T::kNameBuiltinPseudo}, {"removeLast", T::kNameBuiltinPseudo},
    {"removeRange", T::kNameBuiltinPseudo}, {"reverse", T::kNameBuiltinPseudo},
    {"sizeof", T::kNameBuiltinPseudo}, {"sizeofValue", T::kNameBuiltinPseudo}, {"sort", T::kNameBuiltinPseudo},
    {"sorted", T::kNameBuiltinPseudo}, {"splice", T::kNameBuiltinPseudo}, {"split", T::kNameBuiltinPseudo},
    {"startsWith", T::kNameBuiltinPseudo}, {"stride", T::kNameBuiltinPseudo},
    {"strideof", T::kNameBuiltinPseudo}, {"strideofValue", T::kNameBuiltinPseudo},
    {"suffix", T::kNameBuiltinPseudo}, {"swap", T::kNameBuiltinPseudo},
    {"toDebugString", T::kNameBuiltinPseudo}, {"toString", T::kNameBuiltinPseudo},
    {"transcode", T::kNameBuiltinPseudo}, {"underestimateCount", T::kNameBuiltinPseudo},
    {"unsafeAddressOf", T::kNameBuiltinPseudo}, {"unsafeBitCast", T::kNameBuiltinPseudo},
    {"unsafeDowncast", T::kNameBuiltinPseudo}, {"withExtendedLifetime", T::kNameBuiltinPseudo},
    {"withUnsafeMutablePointer", T::kNameBuiltinPseudo}, {"withUnsafeMutablePointers", T::kNameBuiltinPseudo},
    {"withUnsafePointer", T::kNameBuiltinPseudo}, {"withUnsafePointers", T::kNameBuiltinPseudo},
    {"withVaList", T::kNameBuiltinPseudo},
};

bool name_start(char c) { return scan::is_alpha(c) || c == '_'; }
std::size_t name_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (scan::is_alpha(s[i]) || scan::is_digit(s[i]) || s[i] == '_')) ++i;
  return i;
}
bool word_char(char c) { return scan::is_ident_char(c); }

class SwiftLexer {
 public:
  SwiftLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i, 0);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  // `paren` > 0 inside \( ... ): an unmatched ')' ends it (returns i).
  std::size_t token(std::size_t i, int paren) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (c == '/' && at(i + 1) == '/') return comment_single(i);
    if (c == '/' && at(i + 1) == '*') return comment_multi(i);
    if (c == '#') {
      std::size_t e = name_end(s_, i + 1);
      std::string_view w = s_.substr(i + 1, e - i - 1);
      if (w == "if" || w == "elseif" || w == "else" || w == "endif" || w == "available") {
        out_.push(T::kCommentPreproc, e);
        return preproc(e);
      }
      if (w == "selector") {
        out_.push(T::kKeyword, e);
        return e;
      }
      if (w == "file" || w == "line" || w == "column" || w == "function") {
        out_.push(T::kKeywordConstant, e);
        return e;
      }
    }
    if (c == '@' && name_start(at(i + 1))) {
      std::size_t e = name_end(s_, i + 1);
      std::string_view w = s_.substr(i, e - i);
      if (w == "@availability" && at(e) == '(') {
        std::size_t close = scan::find(s_, ")", e, availability_miss_);
        if (close != std::string_view::npos && close > e + 1) {
          out_.push(T::kKeywordReserved, close + 1);
          return close + 1;
        }
      }
      static constexpr std::string_view kAttributes[] = {"@availability", "@autoclosure", "@noreturn",
                                                         "@NSApplicationMain", "@NSCopying", "@NSManaged", "@objc",
                                                         "@UIApplicationMain", "@IBAction", "@IBDesignable",
                                                         "@IBInspectable", "@IBOutlet"};
      for (std::string_view a : kAttributes) {
        if (w == a) {
          out_.push(T::kKeywordReserved, e);
          return e;
        }
      }
    }
    if (name_start(c)) {
      std::size_t e = name_end(s_, i);
      std::string_view w = s_.substr(i, e - i);
      T t = kWords.find(w, T::kName);
      if (w == "import") {
        out_.push(T::kKeywordDeclaration, e);
        return module(e);
      }
      if (w == "class" || w == "enum" || w == "extension" || w == "struct" || w == "protocol" || w == "func" ||
          w == "var" || w == "let") {
        std::size_t sp = scan::skip_spaces(s_, e);
        if (sp > e && name_start(at(sp))) {
          std::size_t n = name_end(s_, sp);
          out_.push(T::kKeywordDeclaration, e);
          out_.push(T::kText, sp);
          out_.push(w == "func" ? T::kNameFunction : (w == "var" || w == "let") ? T::kNameVariable : T::kNameClass, n);
          return n;
        }
      }
      out_.push(t, e);
      return e;
    }
    if (c == '$' && scan::is_digit(at(i + 1))) {
      std::size_t e = i + 1;
      while (scan::is_digit(at(e))) ++e;
      out_.push(T::kNameVariable, e);
      return e;
    }
    if (scan::is_digit(c)) return number(i);
    if (c == '"') return string(i);
    if (paren > 0 && c == '(') {
      out_.push(T::kStringInterpol, i + 1);
      ++depth_;
      return i + 1;
    }
    if (paren > 0 && c == ')') {
      if (depth_ == 0) return i;
      --depth_;
      out_.push(T::kStringInterpol, i + 1);
      return i + 1;
    }
    // [(){}\[\].,:;=@#`?] | -> | [<&?](?=\w) | (?<=\w)[>!?]
    if (std::string_view("(){}[].,:;=@#`?").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (c == '-' && at(i + 1) == '>') {
      out_.push(T::kPunctuation, i + 2);
      return i + 2;
    }
    if ((c == '<' || c == '&') && word_char(at(i + 1))) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if ((c == '>' || c == '!') && i > 0 && word_char(s_[i - 1])) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (std::string_view("/=-+!*%<>&|^?~").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("/=-+!*%<>&|^?~").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kOperator, e);
      return e;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  // Comment.Special markers inside comments.
  std::size_t special(std::size_t j) const {
    if (scan::at(s_, j, ":param: ") && name_start(at(j + 8))) return name_end(s_, j + 8);
    if (scan::at(s_, j, ":returns:")) return j + 9;
    if (scan::at(s_, j, ":return:")) return j + 8;
    for (std::string_view m : {"FIXME:", "MARK:", "TODO:"}) {
      if (scan::at(s_, j, m)) return j + m.size();
    }
    return 0;
  }

  std::size_t comment_single(std::size_t i) {
    std::size_t j = i + 2;
    out_.push(T::kCommentSingle, j);
    while (j < s_.size() && s_[j] != '\n') {
      if (std::size_t e = special(j)) {
        out_.push(T::kCommentSpecial, j = e);
        continue;
      }
      out_.push(T::kCommentSingle, j = scan::next_char(s_, j));
    }
    return j;
  }

  std::size_t comment_multi(std::size_t i) {
    int depth = 0;
    std::size_t j = i;
    while (j < s_.size()) {
      if (std::size_t e = special(j)) {
        out_.push(T::kCommentSpecial, j = e);
        continue;
      }
      if (scan::at(s_, j, "/*")) {
        ++depth;
        out_.push(T::kCommentMultiline, j += 2);
      } else if (scan::at(s_, j, "*/")) {
        out_.push(T::kCommentMultiline, j += 2);
        if (--depth == 0) break;
      } else {
        out_.push(T::kCommentMultiline, j = scan::next_char(s_, j));
      }
    }
    return j;
  }

  std::size_t preproc(std::size_t j) {
    while (j < s_.size() && s_[j] != '\n') {
      if (name_start(s_[j])) {
        std::size_t e = name_end(s_, j);
        T t = kWords.find(s_.substr(j, e - j), T::kCommentPreproc);
        if (t == T::kNameBuiltin || t == T::kNameBuiltinPseudo) t = T::kCommentPreproc;
        out_.push(t, j = e);
        continue;
      }
      std::size_t e = token(j, 0);
      j = e > j ? e : scan::next_char(s_, j);
    }
    return j;
  }

  std::size_t module(std::size_t j) {
    while (j < s_.size() && s_[j] != '\n') {
      if (name_start(s_[j])) {
        out_.push(T::kNameClass, j = name_end(s_, j));
        continue;
      }
      std::size_t e = token(j, 0);
      j = e > j ? e : scan::next_char(s_, j);
      if (j > 0 && s_[j - 1] == '\n') break;
    }
    return j;
  }

  std::size_t number(std::size_t i) {
    char p = at(i + 1);
    auto run = [&](std::size_t k, auto ok) {
      while (k < s_.size() && (ok(s_[k]) || s_[k] == '_')) ++k;
      return k;
    };
    if (s_[i] == '0' && (p == 'b' || p == 'o' || p == 'x')) {
      std::size_t e = p == 'b'   ? run(i + 2, [](char d) { return d == '0' || d == '1'; })
                      : p == 'o' ? run(i + 2, [](char d) { return d >= '0' && d <= '7'; })
                                 : run(i + 2, [](char d) { return scan::is_hex(d); });
      if (e > i + 2) {
        out_.push(p == 'b' ? T::kNumberBin : p == 'o' ? T::kNumberOct : T::kNumberHex, e);
        return e;
      }
    }
    auto digits = [&](std::size_t k) { return run(k, [](char d) { return scan::is_digit(d); }); };
    auto exponent = [&](std::size_t k) -> std::size_t {
      if ((at(k) | 0x20) != 'e') return 0;
      std::size_t m = k + 1;
      if (at(m) == '+' || at(m) == '-') ++m;
      std::size_t d = digits(m);
      return d > m ? d : 0;
    };
    std::size_t a = digits(i);
    if (at(a) == '.') {
      std::size_t f = digits(a + 1);
      if (f > a + 1) {
        if (std::size_t x = exponent(f)) {
          out_.push(T::kNumberFloat, x);
          return x;
        }
      }
      out_.push(T::kNumberFloat, f);
      return f;
    }
    if (std::size_t x = exponent(a)) {
      out_.push(T::kNumberFloat, x);
      return x;
    }
    out_.push(T::kNumberInteger, a);
    return a;
  }

  std::size_t string(std::size_t i) {
    std::size_t j = i + 1;
    out_.push(T::kString, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '"') {
        out_.push(T::kString, ++j);
        return j;
      }
      if (c == '\\' && at(j + 1) == '(' && nesting_ < kMaxNesting) {
        out_.push(T::kStringInterpol, j + 2);
        ++nesting_;
        int saved = depth_;
        depth_ = 0;
        j += 2;
        while (j < s_.size()) {
          std::size_t e = token(j, 1);
          if (e == j) break;
          j = e;
        }
        depth_ = saved;
        --nesting_;
        if (j < s_.size()) out_.push(T::kStringInterpol, ++j);
        continue;
      }
      if (c == '\\') {
        std::size_t e = escape(j);
        out_.push(e > j ? T::kStringEscape : T::kString, e > j ? e : j + 1);
        j = e > j ? e : j + 1;
        continue;
      }
      out_.push(T::kString, ++j);
    }
    return j;
  }

  std::size_t escape(std::size_t j) const {
    char n = at(j + 1);
    if (n != '\0' && std::string_view("'\"\\nrt").find(n) != std::string_view::npos) return j + 2;
    auto hex = [&](std::size_t k, std::size_t count) {
      for (std::size_t m = 0; m < count; ++m) {
        if (!scan::is_hex(at(k + m))) return j;
      }
      return k + count;
    };
    if (n == 'x') return hex(j + 2, 2);
    if (n == 'u') return hex(j + 2, 4);
    if (n == 'U') return hex(j + 2, 8);
    if (n >= '0' && n <= '7') {
      std::size_t e = j + 1;
      while (e < s_.size() && e - j <= 3 && s_[e] >= '0' && s_[e] <= '7') ++e;
      return e;
    }
    return j;
  }

  static constexpr int kMaxNesting = 16;

  std::string_view s_;
  TokenSink& out_;
  int depth_ = 0;
  int nesting_ = 0;
  scan::Miss availability_miss_;
};

}  // namespace

void lex_swift(std::string_view code, TokenSink& out) { SwiftLexer(code, out).run(); }

}  // namespace bengal::highlight
