# cmake -DINPUT=in.wasm -DOUTPUT=out.c -DSYMBOL=name -P embed_bytes.cmake
# Writes the bytes of INPUT as `const unsigned char SYMBOL[]` and `SYMBOL_size`: a const array, so
# the module stays in flash and Ember borrows it (BytesOwnership::Borrow) instead of copying.
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
file(
  WRITE ${OUTPUT}
  "/* Generated from ${INPUT} by embed_bytes.cmake. */\n"
  "const unsigned char ${SYMBOL}[] = {${body}};\n"
  "const unsigned int ${SYMBOL}_size = ${size};\n")
