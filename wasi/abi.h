// WASI preview1 (wasi_snapshot_preview1) ABI: the numbers and struct layouts the guest sees.
// Values follow the witx definitions; layouts are little-endian byte offsets, never host structs,
// so the code that writes them does not depend on the host's endianness or padding rules.
#pragma once

#include <cstdint>

namespace ember {
namespace wasi {

// errno: every WASI function returns one of these as its i32 result.
enum Errno : uint16_t {
  kSuccess = 0,
  k2Big = 1,
  kAcces = 2,
  kAddrInUse = 3,
  kAddrNotAvail = 4,
  kAfNoSupport = 5,
  kAgain = 6,
  kAlready = 7,
  kBadF = 8,
  kBadMsg = 9,
  kBusy = 10,
  kCanceled = 11,
  kChild = 12,
  kConnAborted = 13,
  kConnRefused = 14,
  kConnReset = 15,
  kDeadlk = 16,
  kDestAddrReq = 17,
  kDom = 18,
  kDquot = 19,
  kExist = 20,
  kFault = 21,
  kFBig = 22,
  kHostUnreach = 23,
  kIdrm = 24,
  kIlSeq = 25,
  kInProgress = 26,
  kIntr = 27,
  kInval = 28,
  kIo = 29,
  kIsConn = 30,
  kIsDir = 31,
  kLoop = 32,
  kMFile = 33,
  kMLink = 34,
  kMsgSize = 35,
  kMultihop = 36,
  kNameTooLong = 37,
  kNetDown = 38,
  kNetReset = 39,
  kNetUnreach = 40,
  kNFile = 41,
  kNoBufs = 42,
  kNoDev = 43,
  kNoEnt = 44,
  kNoExec = 45,
  kNoLck = 46,
  kNoLink = 47,
  kNoMem = 48,
  kNoMsg = 49,
  kNoProtoOpt = 50,
  kNoSpc = 51,
  kNoSys = 52,
  kNotConn = 53,
  kNotDir = 54,
  kNotEmpty = 55,
  kNotRecoverable = 56,
  kNotSock = 57,
  kNotSup = 58,
  kNoTty = 59,
  kNxio = 60,
  kOverflow = 61,
  kOwnerDead = 62,
  kPerm = 63,
  kPipe = 64,
  kProto = 65,
  kProtoNoSupport = 66,
  kProtoType = 67,
  kRange = 68,
  kRofs = 69,
  kSPipe = 70,
  kSrch = 71,
  kStale = 72,
  kTimedOut = 73,
  kTxtBsy = 74,
  kXDev = 75,
  kNotCapable = 76,
};

// filetype (u8)
enum FileType : uint8_t {
  kFileTypeUnknown = 0,
  kFileTypeBlockDevice = 1,
  kFileTypeCharacterDevice = 2,
  kFileTypeDirectory = 3,
  kFileTypeRegularFile = 4,
  kFileTypeSocketDgram = 5,
  kFileTypeSocketStream = 6,
  kFileTypeSymbolicLink = 7,
};

// rights (u64 bit set)
namespace rights {
constexpr uint64_t kFdDatasync = 1ull << 0;
constexpr uint64_t kFdRead = 1ull << 1;
constexpr uint64_t kFdSeek = 1ull << 2;
constexpr uint64_t kFdFdstatSetFlags = 1ull << 3;
constexpr uint64_t kFdSync = 1ull << 4;
constexpr uint64_t kFdTell = 1ull << 5;
constexpr uint64_t kFdWrite = 1ull << 6;
constexpr uint64_t kFdAdvise = 1ull << 7;
constexpr uint64_t kFdAllocate = 1ull << 8;
constexpr uint64_t kPathCreateDirectory = 1ull << 9;
constexpr uint64_t kPathCreateFile = 1ull << 10;
constexpr uint64_t kPathLinkSource = 1ull << 11;
constexpr uint64_t kPathLinkTarget = 1ull << 12;
constexpr uint64_t kPathOpen = 1ull << 13;
constexpr uint64_t kFdReaddir = 1ull << 14;
constexpr uint64_t kPathReadlink = 1ull << 15;
constexpr uint64_t kPathRenameSource = 1ull << 16;
constexpr uint64_t kPathRenameTarget = 1ull << 17;
constexpr uint64_t kPathFilestatGet = 1ull << 18;
constexpr uint64_t kPathFilestatSetSize = 1ull << 19;
constexpr uint64_t kPathFilestatSetTimes = 1ull << 20;
constexpr uint64_t kFdFilestatGet = 1ull << 21;
constexpr uint64_t kFdFilestatSetSize = 1ull << 22;
constexpr uint64_t kFdFilestatSetTimes = 1ull << 23;
constexpr uint64_t kPathSymlink = 1ull << 24;
constexpr uint64_t kPathRemoveDirectory = 1ull << 25;
constexpr uint64_t kPathUnlinkFile = 1ull << 26;
constexpr uint64_t kPollFdReadwrite = 1ull << 27;
constexpr uint64_t kSockShutdown = 1ull << 28;
constexpr uint64_t kSockAccept = 1ull << 29;

// What an open regular file (or other non-directory) can be granted.
constexpr uint64_t kFile = kFdDatasync | kFdRead | kFdSeek | kFdFdstatSetFlags | kFdSync | kFdTell |
                           kFdWrite | kFdAdvise | kFdAllocate | kFdFilestatGet | kFdFilestatSetSize |
                           kFdFilestatSetTimes | kPollFdReadwrite;
// What an open directory can be granted.
constexpr uint64_t kDirectory = kFdFdstatSetFlags | kFdSync | kFdDatasync | kPathCreateDirectory |
                                kPathCreateFile | kPathLinkSource | kPathLinkTarget | kPathOpen | kFdReaddir |
                                kPathReadlink | kPathRenameSource | kPathRenameTarget | kPathFilestatGet |
                                kPathFilestatSetSize | kPathFilestatSetTimes | kFdFilestatGet |
                                kFdFilestatSetTimes | kPathSymlink | kPathRemoveDirectory | kPathUnlinkFile;
// What a read-only grant (a read-only preopen and everything opened beneath it) keeps: no right
// that creates, writes, resizes, retimes, renames or removes anything.
constexpr uint64_t kWriting = kFdDatasync | kFdWrite | kFdAllocate | kPathCreateDirectory | kPathCreateFile |
                              kPathLinkSource | kPathLinkTarget | kPathRenameSource | kPathRenameTarget |
                              kPathFilestatSetSize | kPathFilestatSetTimes | kFdFilestatSetSize |
                              kFdFilestatSetTimes | kPathSymlink | kPathRemoveDirectory | kPathUnlinkFile;
constexpr uint64_t kReadOnlyDirectory = kDirectory & ~kWriting;
constexpr uint64_t kReadOnlyFile = kFile & ~kWriting;
// A terminal: no seek/tell, which is how wasi-libc's isatty() recognises it.
constexpr uint64_t kTty = kFdRead | kFdFdstatSetFlags | kFdWrite | kFdFilestatGet | kPollFdReadwrite;
}  // namespace rights

// fdflags (u16)
constexpr uint16_t kFdflagAppend = 1 << 0;
constexpr uint16_t kFdflagDsync = 1 << 1;
constexpr uint16_t kFdflagNonblock = 1 << 2;
constexpr uint16_t kFdflagRsync = 1 << 3;
constexpr uint16_t kFdflagSync = 1 << 4;
constexpr uint16_t kFdflagsAll = 0x1F;

// oflags (u16)
constexpr uint16_t kOflagCreat = 1 << 0;
constexpr uint16_t kOflagDirectory = 1 << 1;
constexpr uint16_t kOflagExcl = 1 << 2;
constexpr uint16_t kOflagTrunc = 1 << 3;
constexpr uint16_t kOflagsAll = 0xF;

// lookupflags (u32)
constexpr uint32_t kLookupSymlinkFollow = 1 << 0;

// fstflags (u16)
constexpr uint16_t kFstflagAtim = 1 << 0;
constexpr uint16_t kFstflagAtimNow = 1 << 1;
constexpr uint16_t kFstflagMtim = 1 << 2;
constexpr uint16_t kFstflagMtimNow = 1 << 3;

// whence (u8)
constexpr uint8_t kWhenceSet = 0;
constexpr uint8_t kWhenceCur = 1;
constexpr uint8_t kWhenceEnd = 2;

// advice (u8): normal .. noreuse
constexpr uint8_t kAdviceMax = 5;

// clockid (u32)
constexpr uint32_t kClockRealtime = 0;
constexpr uint32_t kClockMonotonic = 1;
constexpr uint32_t kClockProcessCputime = 2;
constexpr uint32_t kClockThreadCputime = 3;

// eventtype (u8)
constexpr uint8_t kEventClock = 0;
constexpr uint8_t kEventFdRead = 1;
constexpr uint8_t kEventFdWrite = 2;

// subclockflags (u16)
constexpr uint16_t kSubclockAbstime = 1 << 0;

// eventrwflags (u16)
constexpr uint16_t kEventFdReadwriteHangup = 1 << 0;

// preopentype (u8)
constexpr uint8_t kPreopenTypeDir = 0;

// signal (u8): none = 0 .. sys = 30
constexpr uint8_t kSignalMax = 30;

// Struct layouts: sizes and field offsets in guest memory.
namespace layout {
// iovec / ciovec: { buf: u32, buf_len: u32 }
constexpr uint32_t kIovecSize = 8;
// fdstat: { fs_filetype: u8 @0, fs_flags: u16 @2, fs_rights_base: u64 @8, fs_rights_inheriting: u64 @16 }
constexpr uint32_t kFdstatSize = 24;
// filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56
constexpr uint32_t kFilestatSize = 64;
// wasi_unstable's filestat: the same up to filetype, then nlink u32 @20, size @24, atim @32,
// mtim @40, ctim @48
constexpr uint32_t kFilestatSizeUnstable = 56;
// dirent: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20
constexpr uint32_t kDirentSize = 24;
// prestat: tag u8 @0, pr_name_len u32 @4
constexpr uint32_t kPrestatSize = 8;
// subscription: userdata u64 @0, tag u8 @8, then the union @16:
//   clock { id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40 }, fd_readwrite { fd u32 @16 }
constexpr uint32_t kSubscriptionSize = 48;
// event: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite { nbytes u64 @16, flags u16 @24 }
constexpr uint32_t kEventSize = 32;
}  // namespace layout

}  // namespace wasi
}  // namespace ember
