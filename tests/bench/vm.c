/* vm: a small stack-based bytecode interpreter.
 * A dense opcode enum dispatched by a `switch` in a loop: the wasm build
 * turns it into br_table, so this is an indirect-branch-heavy workload, the
 * interpreter-inside-an-interpreter case. The guest programs (assembled at
 * start-up) are a sieve, recursive fib, Collatz lengths and a string hash. */
#include "bench.h"

#ifndef VM_REPS
#define VM_REPS 3
#endif

enum {
  OP_HALT,
  OP_PUSH,
  OP_POP,
  OP_DUP,
  OP_SWAP,
  OP_OVER,
  OP_LOAD,
  OP_STORE,
  OP_INC,
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIVU,
  OP_REMU,
  OP_AND,
  OP_OR,
  OP_XOR,
  OP_SHL,
  OP_SHRU,
  OP_NEG,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_EQ,
  OP_NE,
  OP_EQZ,
  OP_JMP,
  OP_JZ,
  OP_JNZ,
  OP_CALL,
  OP_RET,
  OP_MLOAD,
  OP_MSTORE,
  OP_MLOAD8,
  OP_MSTORE8,
  OP_OUT,
  OP_COUNT
};

#define STACK_MAX 1024
#define FRAMES_MAX 256
#define LOCALS 8
#define MEM_WORDS 65536

typedef struct {
  int32_t code[4096];
  int32_t len;
  int32_t labels[64];
  int32_t fix_at[256], fix_lbl[256];
  int32_t nfix, nlabels;
} assembler;

static void emit(assembler* a, int32_t v) { a->code[a->len++] = v; }
static void op0(assembler* a, int32_t op) { emit(a, op); }
static void op1(assembler* a, int32_t op, int32_t x) {
  emit(a, op);
  emit(a, x);
}
static int32_t label(assembler* a) {
  a->labels[a->nlabels] = -1;
  return a->nlabels++;
}
static void here(assembler* a, int32_t l) { a->labels[l] = a->len; }
static void jump(assembler* a, int32_t op, int32_t l) {
  emit(a, op);
  a->fix_at[a->nfix] = a->len;
  a->fix_lbl[a->nfix++] = l;
  emit(a, 0);
}
static void call(assembler* a, int32_t l, int32_t nargs) {
  jump(a, OP_CALL, l);
  emit(a, nargs);
}
static void asm_link(assembler* a) {
  for (int32_t i = 0; i < a->nfix; i++) a->code[a->fix_at[i]] = a->labels[a->fix_lbl[i]];
}

typedef struct {
  uint32_t stack[STACK_MAX];
  uint32_t locals[FRAMES_MAX * LOCALS];
  int32_t ret_pc[FRAMES_MAX];
  uint32_t mem[MEM_WORDS];
  uint32_t out;
  uint64_t steps;
} vm_state;

/* Returns 0 on success, -1 on a guest fault. */
static int run(vm_state* vm, const int32_t* code, int32_t pc) {
  uint32_t* sp = vm->stack; /* points one past the top */
  int32_t fp = 0;
  uint32_t* loc = vm->locals;
  uint64_t steps = 0;
  for (;;) {
    steps++;
    int32_t op = code[pc++];
    switch (op) {
      case OP_HALT: vm->steps += steps; return 0;
      case OP_PUSH: *sp++ = (uint32_t)code[pc++]; break;
      case OP_POP: sp--; break;
      case OP_DUP:
        sp[0] = sp[-1];
        sp++;
        break;
      case OP_SWAP: {
        uint32_t t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = t;
        break;
      }
      case OP_OVER:
        sp[0] = sp[-2];
        sp++;
        break;
      case OP_LOAD: *sp++ = loc[code[pc++]]; break;
      case OP_STORE: loc[code[pc++]] = *--sp; break;
      case OP_INC:
        loc[code[pc]]++;
        pc++;
        break;
      case OP_ADD:
        sp--;
        sp[-1] += sp[0];
        break;
      case OP_SUB:
        sp--;
        sp[-1] -= sp[0];
        break;
      case OP_MUL:
        sp--;
        sp[-1] *= sp[0];
        break;
      case OP_DIVU:
        sp--;
        if (sp[0] == 0) return -1;
        sp[-1] /= sp[0];
        break;
      case OP_REMU:
        sp--;
        if (sp[0] == 0) return -1;
        sp[-1] %= sp[0];
        break;
      case OP_AND:
        sp--;
        sp[-1] &= sp[0];
        break;
      case OP_OR:
        sp--;
        sp[-1] |= sp[0];
        break;
      case OP_XOR:
        sp--;
        sp[-1] ^= sp[0];
        break;
      case OP_SHL:
        sp--;
        sp[-1] <<= (sp[0] & 31);
        break;
      case OP_SHRU:
        sp--;
        sp[-1] >>= (sp[0] & 31);
        break;
      case OP_NEG: sp[-1] = 0u - sp[-1]; break;
      case OP_LT:
        sp--;
        sp[-1] = (int32_t)sp[-1] < (int32_t)sp[0];
        break;
      case OP_LE:
        sp--;
        sp[-1] = (int32_t)sp[-1] <= (int32_t)sp[0];
        break;
      case OP_GT:
        sp--;
        sp[-1] = (int32_t)sp[-1] > (int32_t)sp[0];
        break;
      case OP_EQ:
        sp--;
        sp[-1] = sp[-1] == sp[0];
        break;
      case OP_NE:
        sp--;
        sp[-1] = sp[-1] != sp[0];
        break;
      case OP_EQZ: sp[-1] = sp[-1] == 0; break;
      case OP_JMP: pc = code[pc]; break;
      case OP_JZ: pc = *--sp == 0 ? code[pc] : pc + 1; break;
      case OP_JNZ: pc = *--sp != 0 ? code[pc] : pc + 1; break;
      case OP_CALL: {
        int32_t target = code[pc], nargs = code[pc + 1];
        if (fp + 1 >= FRAMES_MAX) return -1;
        vm->ret_pc[fp] = pc + 2;
        fp++;
        loc = vm->locals + fp * LOCALS;
        for (int32_t i = nargs - 1; i >= 0; i--) loc[i] = *--sp;
        pc = target;
        break;
      }
      case OP_RET:
        fp--;
        if (fp < 0) return -1;
        loc = vm->locals + fp * LOCALS;
        pc = vm->ret_pc[fp];
        break;
      case OP_MLOAD: sp[-1] = vm->mem[sp[-1] & (MEM_WORDS - 1)]; break;
      case OP_MSTORE: /* addr value -- */
        sp -= 2;
        vm->mem[sp[0] & (MEM_WORDS - 1)] = sp[1];
        break;
      case OP_MLOAD8: sp[-1] = ((const uint8_t*)vm->mem)[sp[-1] & (MEM_WORDS * 4 - 1)]; break;
      case OP_MSTORE8:
        sp -= 2;
        ((uint8_t*)vm->mem)[sp[0] & (MEM_WORDS * 4 - 1)] = (uint8_t)sp[1];
        break;
      case OP_OUT: vm->out = vm->out * 31u + *--sp; break;
      default: return -1;
    }
    if (sp < vm->stack || sp >= vm->stack + STACK_MAX - 2) return -1;
  }
}

/* sieve(limit): count primes below limit using mem[] as flags. */
static int32_t asm_sieve(assembler* a, int32_t limit) {
  int32_t entry = a->len;
  int32_t l_clear = label(a), l_clear_end = label(a), l_outer = label(a), l_outer_end = label(a),
          l_next = label(a), l_inner = label(a), l_inner_end = label(a);
  /* local0 = i, local1 = j, local2 = count */
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 0);
  here(a, l_clear);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, limit);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_clear_end);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 0);
  op0(a, OP_MSTORE);
  op1(a, OP_INC, 0);
  jump(a, OP_JMP, l_clear);
  here(a, l_clear_end);
  op1(a, OP_PUSH, 2);
  op1(a, OP_STORE, 0);
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 2);
  here(a, l_outer);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, limit);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_outer_end);
  op1(a, OP_LOAD, 0);
  op0(a, OP_MLOAD);
  jump(a, OP_JNZ, l_next);
  op1(a, OP_INC, 2);
  op1(a, OP_LOAD, 0);
  op1(a, OP_LOAD, 0);
  op0(a, OP_MUL);
  op1(a, OP_STORE, 1);
  here(a, l_inner);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, limit);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_inner_end);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 1);
  op0(a, OP_MSTORE);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 0);
  op0(a, OP_ADD);
  op1(a, OP_STORE, 1);
  jump(a, OP_JMP, l_inner);
  here(a, l_inner_end);
  here(a, l_next);
  op1(a, OP_INC, 0);
  jump(a, OP_JMP, l_outer);
  here(a, l_outer_end);
  op1(a, OP_LOAD, 2);
  op0(a, OP_OUT);
  op0(a, OP_HALT);
  return entry;
}

/* fib(n) recursive, with a wrapper that outputs the result. */
static int32_t asm_fib(assembler* a, int32_t n) {
  int32_t entry = a->len;
  int32_t l_fib = label(a), l_rec = label(a);
  op1(a, OP_PUSH, n);
  call(a, l_fib, 1);
  op0(a, OP_OUT);
  op0(a, OP_HALT);
  here(a, l_fib);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 2);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_rec);
  op1(a, OP_LOAD, 0);
  op0(a, OP_RET);
  here(a, l_rec);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 1);
  op0(a, OP_SUB);
  call(a, l_fib, 1);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 2);
  op0(a, OP_SUB);
  call(a, l_fib, 1);
  op0(a, OP_ADD);
  op0(a, OP_RET);
  return entry;
}

/* sum over n in [1, count] of the Collatz stopping time of n. */
static int32_t asm_collatz(assembler* a, int32_t count) {
  int32_t entry = a->len;
  int32_t l_outer = label(a), l_done = label(a), l_inner = label(a), l_inner_end = label(a), l_odd = label(a),
          l_cont = label(a);
  /* local0 = n, local1 = x, local2 = total */
  op1(a, OP_PUSH, 1);
  op1(a, OP_STORE, 0);
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 2);
  here(a, l_outer);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, count);
  op0(a, OP_LE);
  jump(a, OP_JZ, l_done);
  op1(a, OP_LOAD, 0);
  op1(a, OP_STORE, 1);
  here(a, l_inner);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 1);
  op0(a, OP_NE);
  jump(a, OP_JZ, l_inner_end);
  op1(a, OP_INC, 2);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 1);
  op0(a, OP_AND);
  jump(a, OP_JNZ, l_odd);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 1);
  op0(a, OP_SHRU);
  op1(a, OP_STORE, 1);
  jump(a, OP_JMP, l_cont);
  here(a, l_odd);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 3);
  op0(a, OP_MUL);
  op1(a, OP_PUSH, 1);
  op0(a, OP_ADD);
  op1(a, OP_STORE, 1);
  here(a, l_cont);
  jump(a, OP_JMP, l_inner);
  here(a, l_inner_end);
  op1(a, OP_INC, 0);
  jump(a, OP_JMP, l_outer);
  here(a, l_done);
  op1(a, OP_LOAD, 2);
  op0(a, OP_OUT);
  op0(a, OP_HALT);
  return entry;
}

/* Fill mem bytes with text, then hash it `rounds` times (FNV-1a, rotating
 * the seed between rounds). */
static int32_t asm_hash(assembler* a, int32_t nbytes, int32_t rounds) {
  int32_t entry = a->len;
  int32_t l_fill = label(a), l_fill_end = label(a), l_round = label(a), l_round_end = label(a),
          l_byte = label(a), l_byte_end = label(a);
  /* local0 = i, local1 = h, local2 = r, local3 = seed */
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 0);
  here(a, l_fill);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, nbytes);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_fill_end);
  op1(a, OP_LOAD, 0); /* addr */
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 7);
  op0(a, OP_MUL);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 5);
  op0(a, OP_SHRU);
  op0(a, OP_XOR);
  op1(a, OP_PUSH, 26);
  op0(a, OP_REMU);
  op1(a, OP_PUSH, 97);
  op0(a, OP_ADD); /* value */
  op0(a, OP_MSTORE8);
  op1(a, OP_INC, 0);
  jump(a, OP_JMP, l_fill);
  here(a, l_fill_end);
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 2);
  op1(a, OP_PUSH, (int32_t)2166136261u);
  op1(a, OP_STORE, 3);
  here(a, l_round);
  op1(a, OP_LOAD, 2);
  op1(a, OP_PUSH, rounds);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_round_end);
  op1(a, OP_LOAD, 3);
  op1(a, OP_STORE, 1);
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 0);
  here(a, l_byte);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, nbytes);
  op0(a, OP_LT);
  jump(a, OP_JZ, l_byte_end);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 0);
  op0(a, OP_MLOAD8);
  op0(a, OP_XOR);
  op1(a, OP_PUSH, 16777619);
  op0(a, OP_MUL);
  op1(a, OP_STORE, 1);
  op1(a, OP_INC, 0);
  jump(a, OP_JMP, l_byte);
  here(a, l_byte_end);
  op1(a, OP_LOAD, 1);
  op0(a, OP_DUP);
  op0(a, OP_OUT);
  op0(a, OP_DUP);
  op1(a, OP_PUSH, 13);
  op0(a, OP_SHL);
  op0(a, OP_SWAP);
  op1(a, OP_PUSH, 19);
  op0(a, OP_SHRU);
  op0(a, OP_OR);
  op1(a, OP_STORE, 3);
  op1(a, OP_INC, 2);
  jump(a, OP_JMP, l_round);
  here(a, l_round_end);
  op0(a, OP_HALT);
  return entry;
}

int main(void) {
  static assembler as;
  static vm_state vm;
  int32_t e_sieve = asm_sieve(&as, 60000);
  int32_t e_fib = asm_fib(&as, 24);
  int32_t e_collatz = asm_collatz(&as, 15000);
  int32_t e_hash = asm_hash(&as, 60000, 6);
  asm_link(&as);
  uint32_t check = 0;
  for (int rep = 0; rep < VM_REPS; rep++) {
    const int32_t entries[4] = {e_sieve, e_fib, e_collatz, e_hash};
    for (int i = 0; i < 4; i++) {
      vm.out = 0;
      BENCH_CHECK(run(&vm, as.code, entries[i]) == 0);
      if (rep == 0) bench_printf("program %d: out = %u\n", i, (unsigned)vm.out);
      check = check * 131u + vm.out;
    }
  }
  bench_printf("check = %u, steps = %" PRIu64 "\n", (unsigned)check, vm.steps);
  return 0;
}
