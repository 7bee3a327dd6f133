// Ember text format: integer and float literals. Floats are rounded exactly (round to nearest,
// ties to even) with a small big-integer division, so no host library's strtod or locale is
// involved and every host produces the same bits.
#include "literals.h"

#include <cstdint>
#include <vector>

#include "ember/text.h"

namespace ember::text {

namespace {

int digit_value(char c, bool hex) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (!hex) return -1;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Scans `digit ('_'? digit)*` from text[i]; returns the index after it, or npos if there is none.
std::size_t scan_digits(std::string_view text, std::size_t i, bool hex) noexcept {
  if (i >= text.size() || digit_value(text[i], hex) < 0) return std::string_view::npos;
  ++i;
  while (i < text.size()) {
    if (digit_value(text[i], hex) >= 0) {
      ++i;
    } else if (text[i] == '_' && i + 1 < text.size() && digit_value(text[i + 1], hex) >= 0) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

bool starts_with(std::string_view text, std::size_t i, std::string_view prefix) noexcept {
  return text.substr(i, prefix.size()) == prefix;
}

// The parts of a float literal.
struct FloatParts {
  enum class Kind : uint8_t { Finite, Inf, Nan, NanPayload } kind = Kind::Finite;
  bool negative = false;
  bool hex = false;
  std::string_view int_digits;   // with underscores
  std::string_view frac_digits;  // with underscores
  bool exp_negative = false;
  std::string_view exp_digits;  // decimal, with underscores; empty if no exponent
  std::string_view payload;     // hex digits of nan:0x...
};

bool split_float(std::string_view t, FloatParts* parts) noexcept {
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    parts->negative = t[i] == '-';
    ++i;
  }
  std::string_view rest = t.substr(i);
  if (rest == "inf") {
    parts->kind = FloatParts::Kind::Inf;
    return true;
  }
  if (rest == "nan") {
    parts->kind = FloatParts::Kind::Nan;
    return true;
  }
  if (starts_with(t, i, "nan:0x")) {
    std::size_t end = scan_digits(t, i + 6, true);
    if (end != t.size()) return false;
    parts->kind = FloatParts::Kind::NanPayload;
    parts->payload = t.substr(i + 6);
    return true;
  }
  bool hex = starts_with(t, i, "0x");
  parts->hex = hex;
  if (hex) i += 2;
  std::size_t end = scan_digits(t, i, hex);
  if (end == std::string_view::npos) return false;
  parts->int_digits = t.substr(i, end - i);
  i = end;
  if (i < t.size() && t[i] == '.') {
    ++i;
    end = scan_digits(t, i, hex);
    if (end != std::string_view::npos) {
      parts->frac_digits = t.substr(i, end - i);
      i = end;
    }
  }
  if (i < t.size() && (hex ? (t[i] == 'p' || t[i] == 'P') : (t[i] == 'e' || t[i] == 'E'))) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
      parts->exp_negative = t[i] == '-';
      ++i;
    }
    end = scan_digits(t, i, false);
    if (end == std::string_view::npos) return false;
    parts->exp_digits = t.substr(i, end - i);
    i = end;
  }
  return i == t.size();
}

// Accumulates digits into a uint64; `overflow` is set if the value does not fit.
uint64_t digits_value(std::string_view digits, bool hex, bool* overflow) noexcept {
  uint64_t v = 0;
  uint64_t base = hex ? 16 : 10;
  for (char c : digits) {
    if (c == '_') continue;
    uint64_t d = uint64_t(digit_value(c, hex));
    if (v > (UINT64_MAX - d) / base) *overflow = true;
    v = v * base + d;
  }
  return v;
}

// A nat: decimal digits or 0x-hex digits, with underscores. False if the syntax is not a nat.
bool parse_nat(std::string_view t, uint64_t* value, bool* overflow) noexcept {
  bool hex = t.substr(0, 2) == "0x";
  std::size_t start = hex ? 2 : 0;
  if (scan_digits(t, start, hex) != t.size()) return false;
  *value = digits_value(t.substr(start), hex, overflow);
  return true;
}

// --- exact float rounding ---

// An unsigned big integer, 32-bit limbs, least significant first.
class Big {
 public:
  explicit Big(uint32_t v = 0) {
    if (v) limbs_.push_back(v);
  }

  bool is_zero() const noexcept { return limbs_.empty(); }

  void mul_add(uint32_t m, uint32_t add) {
    uint64_t carry = add;
    for (uint32_t& limb : limbs_) {
      uint64_t x = uint64_t(limb) * m + carry;
      limb = uint32_t(x);
      carry = x >> 32;
    }
    if (carry) limbs_.push_back(uint32_t(carry));
  }

  void shl(unsigned bits) {
    if (is_zero() || bits == 0) return;
    unsigned words = bits / 32, rest = bits % 32;
    if (rest) {
      uint32_t carry = 0;
      for (uint32_t& limb : limbs_) {
        uint32_t next = limb >> (32 - rest);
        limb = (limb << rest) | carry;
        carry = next;
      }
      if (carry) limbs_.push_back(carry);
    }
    limbs_.insert(limbs_.begin(), words, 0u);
  }

  // this = floor(this / d) (d > 0); returns this mod d. Schoolbook short division, a limb at a time.
  uint32_t div_small(uint32_t d) {
    uint64_t rem = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;) {
      const uint64_t cur = (rem << 32) | limbs_[i];
      limbs_[i] = uint32_t(cur / d);
      rem = cur % d;
    }
    trim();
    return uint32_t(rem);
  }

  // this >>= bits; true if a 1 bit was shifted out.
  bool shr(unsigned bits) {
    const std::size_t words = bits / 32;
    const unsigned rest = bits % 32;
    bool lost = false;
    for (std::size_t i = 0; i < words && i < limbs_.size(); ++i) lost |= limbs_[i] != 0;
    if (words >= limbs_.size()) {
      limbs_.clear();
      return lost;
    }
    limbs_.erase(limbs_.begin(), limbs_.begin() + std::ptrdiff_t(words));
    if (rest) {
      lost |= (limbs_[0] & ((uint32_t(1) << rest) - 1)) != 0;
      for (std::size_t i = 0; i < limbs_.size(); ++i) {
        const uint32_t next = i + 1 < limbs_.size() ? limbs_[i + 1] : 0;
        limbs_[i] = (limbs_[i] >> rest) | (next << (32 - rest));
      }
    }
    trim();
    return lost;
  }

  bool fits_limb() const noexcept { return limbs_.size() <= 1; }
  uint64_t low_u64() const noexcept {
    uint64_t v = limbs_.empty() ? 0 : limbs_[0];
    if (limbs_.size() > 1) v |= uint64_t(limbs_[1]) << 32;
    return v;
  }

  int bit_length() const noexcept {
    if (limbs_.empty()) return 0;
    uint32_t top = limbs_.back();
    int n = 0;
    while (top) {
      ++n;
      top >>= 1;
    }
    return int(limbs_.size() - 1) * 32 + n;
  }

  static int compare(const Big& a, const Big& b) noexcept {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (std::size_t i = a.limbs_.size(); i-- > 0;) {
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    }
    return 0;
  }

  // this -= o; requires this >= o.
  void sub(const Big& o) {
    int64_t borrow = 0;
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      int64_t x = int64_t(limbs_[i]) - borrow - (i < o.limbs_.size() ? int64_t(o.limbs_[i]) : 0);
      borrow = x < 0;
      limbs_[i] = uint32_t(x + (borrow << 32));
    }
    trim();
  }

 private:
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<uint32_t> limbs_;
};

struct FloatFormat {
  int precision;     // mantissa bits including the implicit one: 24 or 53
  int min_exponent;  // exponent of the smallest subnormal's unit: -149 or -1074
  int bias;          // 127 or 1023
  int max_biased;    // all-ones exponent: 255 or 2047
};

constexpr FloatFormat kF32 = {24, -149, 127, 255};
constexpr FloatFormat kF64 = {53, -1074, 1023, 2047};

// floor(num * 2^s / den) for a den of one limb (every hex literal, and every decimal one scaled
// down by at most 10^13: den is 5^13 or less): one short division, with a shift right after it
// for a negative s (floor(floor(n / d) / 2^k) = floor(n / (d * 2^k))).
uint64_t quotient_by_limb(Big num, uint32_t den, int s, bool* sticky) {
  if (s >= 0) num.shl(unsigned(s));
  *sticky = num.div_small(den) != 0;
  if (s < 0 && num.shr(unsigned(-s))) *sticky = true;
  return num.low_u64();
}

// floor(num * 2^s / den) for any den, one quotient bit at a time.
uint64_t quotient_by_bits(Big num, Big den, int s, bool* sticky) {
  if (s >= 0) {
    num.shl(unsigned(s));
  } else {
    den.shl(unsigned(-s));
  }
  constexpr int kQuotientBits = 58;
  den.shl(kQuotientBits - 1);
  uint64_t q = 0;
  for (int i = kQuotientBits - 1; i >= 0; --i) {
    if (Big::compare(num, den) >= 0) {
      num.sub(den);
      q |= uint64_t(1) << i;
    }
    den.shr(1);
  }
  *sticky = !num.is_zero();
  return q;
}

// Rounds num / den * 2^b (num > 0) to the format, ties to even. False if it rounds beyond the
// largest finite value.
bool round_to_float(Big num, Big den, int b, const FloatFormat& f, uint64_t* bits) {
  const int p = f.precision;
  int l = num.bit_length() - den.bit_length() + b;  // value in (2^(l-1), 2^(l+1))
  int e0 = l - p - 3;                               // so value / 2^e0 is in (2^(p+2), 2^(p+4))
  const int s = b - e0;
  uint64_t q;   // floor(num * 2^s / den) < 2^(p+4) <= 2^57
  bool sticky;  // whether that division left a remainder
  if (den.fits_limb()) {
    q = quotient_by_limb(num, uint32_t(den.low_u64()), s, &sticky);
  } else {
    q = quotient_by_bits(num, den, s, &sticky);
  }
  int q_bits = 0;
  for (uint64_t x = q; x; x >>= 1) ++q_bits;
  int e = e0 + q_bits - p;
  if (e < f.min_exponent) e = f.min_exponent;
  int shift = e - e0;
  uint64_t m;
  bool half, rest;
  if (shift >= 64) {
    m = 0;
    half = false;
    rest = true;
  } else {
    m = q >> shift;
    half = (q >> (shift - 1)) & 1;
    rest = (q & ((uint64_t(1) << (shift - 1)) - 1)) != 0 || sticky;
  }
  if (half && (rest || (m & 1))) ++m;
  if (m == (uint64_t(1) << p)) {
    m >>= 1;
    ++e;
  }
  const uint64_t implicit = uint64_t(1) << (p - 1);
  if (m < implicit) {  // subnormal (or zero)
    *bits = m;
    return true;
  }
  int biased = e + (p - 1) + f.bias;
  if (biased >= f.max_biased) return false;
  *bits = (uint64_t(biased) << (p - 1)) | (m - implicit);
  return true;
}

// Reads decimal exponent digits, saturating far beyond any exponent that matters.
int64_t exponent_value(std::string_view digits, bool negative) noexcept {
  int64_t v = 0;
  for (char c : digits) {
    if (c == '_') continue;
    if (v < 100000000) v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

LiteralStatus finite_float(const FloatParts& parts, const FloatFormat& f, uint64_t* out) {
  Big mantissa;
  int64_t significant = 0;  // digits after leading zeros
  int64_t frac_count = 0;
  uint32_t base = parts.hex ? 16 : 10;
  for (int part = 0; part < 2; ++part) {
    for (char c : part == 0 ? parts.int_digits : parts.frac_digits) {
      if (c == '_') continue;
      int d = digit_value(c, parts.hex);
      if (significant || d) {
        mantissa.mul_add(base, uint32_t(d));
        ++significant;
      }
      if (part == 1) ++frac_count;
    }
  }
  int64_t exp = exponent_value(parts.exp_digits, parts.exp_negative);
  if (mantissa.is_zero()) {
    *out = 0;
    return LiteralStatus::Ok;
  }
  Big num = mantissa, den(1);
  int64_t b;
  if (parts.hex) {
    b = exp - 4 * frac_count;
    int64_t top = int64_t(num.bit_length()) + b;  // value < 2^top
    if (top > 2000) return LiteralStatus::OutOfRange;
    if (top < -2000) {
      *out = 0;
      return LiteralStatus::Ok;
    }
  } else {
    int64_t e10 = exp - frac_count;
    int64_t top = significant + e10;  // value < 10^top
    if (top > 400) return LiteralStatus::OutOfRange;
    if (top < -400) {
      *out = 0;
      return LiteralStatus::Ok;
    }
    // 10^e = 5^e * 2^e
    Big& scaled = e10 >= 0 ? num : den;
    for (int64_t i = 0, n = e10 >= 0 ? e10 : -e10; i < n; ++i) scaled.mul_add(5, 0);
    b = e10;
  }
  return round_to_float(num, den, int(b), f, out) ? LiteralStatus::Ok : LiteralStatus::OutOfRange;
}

}  // namespace

bool is_number_syntax(std::string_view text) noexcept {
  std::size_t i = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  uint64_t v;
  bool overflow = false;
  if (parse_nat(text.substr(i), &v, &overflow)) return true;
  FloatParts parts;
  return split_float(text, &parts);
}

LiteralStatus parse_nat_literal(std::string_view token, unsigned bits, uint64_t* out) noexcept {
  uint64_t v = 0;
  bool overflow = false;
  if (!parse_nat(token, &v, &overflow)) return LiteralStatus::Malformed;
  if (overflow || (bits < 64 && v >> bits)) return LiteralStatus::OutOfRange;
  *out = v;
  return LiteralStatus::Ok;
}

LiteralStatus parse_int_literal(std::string_view token, unsigned bits, uint64_t* out) noexcept {
  bool negative = false, has_sign = false;
  if (!token.empty() && (token[0] == '+' || token[0] == '-')) {
    has_sign = true;
    negative = token[0] == '-';
    token.remove_prefix(1);
  }
  uint64_t v = 0;
  bool overflow = false;
  if (!parse_nat(token, &v, &overflow)) return LiteralStatus::Malformed;
  if (overflow) return LiteralStatus::OutOfRange;
  uint64_t mask = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  uint64_t half = uint64_t(1) << (bits - 1);
  if (!has_sign) {
    if (v > mask) return LiteralStatus::OutOfRange;
    *out = v;
  } else if (negative) {
    if (v > half) return LiteralStatus::OutOfRange;
    *out = (0 - v) & mask;
  } else {
    if (v >= half) return LiteralStatus::OutOfRange;
    *out = v;
  }
  return LiteralStatus::Ok;
}

LiteralStatus parse_float_literal(std::string_view token, bool is_f64, uint64_t* out) noexcept {
  FloatParts parts;
  if (!split_float(token, &parts)) return LiteralStatus::Malformed;
  const FloatFormat& f = is_f64 ? kF64 : kF32;
  const int mantissa_bits = f.precision - 1;
  const uint64_t sign = uint64_t(parts.negative) << (is_f64 ? 63 : 31);
  const uint64_t exp_ones = uint64_t(f.max_biased) << mantissa_bits;
  uint64_t bits = 0;
  switch (parts.kind) {
    case FloatParts::Kind::Inf: bits = exp_ones; break;
    case FloatParts::Kind::Nan: bits = exp_ones | (uint64_t(1) << (mantissa_bits - 1)); break;
    case FloatParts::Kind::NanPayload: {
      bool overflow = false;
      uint64_t payload = digits_value(parts.payload, true, &overflow);
      if (overflow || payload == 0 || payload >> mantissa_bits) return LiteralStatus::OutOfRange;
      bits = exp_ones | payload;
      break;
    }
    case FloatParts::Kind::Finite: {
      LiteralStatus s = finite_float(parts, f, &bits);
      if (s != LiteralStatus::Ok) return s;
      break;
    }
  }
  *out = bits | sign;
  return LiteralStatus::Ok;
}

}  // namespace ember::text
