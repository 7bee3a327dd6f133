// Host errno translation, stat and timestamp conversion for POSIX systems.
#include "posix_common.h"

#include <cerrno>

namespace ember {
namespace wasi {
namespace posix {

Errno from_errno(int e) noexcept {
  switch (e) {
    case 0: return kSuccess;
    case E2BIG: return k2Big;
    case EACCES: return kAcces;
    case EADDRINUSE: return kAddrInUse;
    case EADDRNOTAVAIL: return kAddrNotAvail;
    case EAFNOSUPPORT: return kAfNoSupport;
    case EAGAIN: return kAgain;
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK: return kAgain;
#endif
    case EALREADY: return kAlready;
    case EBADF: return kBadF;
    case EBADMSG: return kBadMsg;
    case EBUSY: return kBusy;
    case ECANCELED: return kCanceled;
    case ECHILD: return kChild;
    case ECONNABORTED: return kConnAborted;
    case ECONNREFUSED: return kConnRefused;
    case ECONNRESET: return kConnReset;
    case EDEADLK: return kDeadlk;
    case EDESTADDRREQ: return kDestAddrReq;
    case EDOM: return kDom;
    case EDQUOT: return kDquot;
    case EEXIST: return kExist;
    case EFAULT: return kFault;
    case EFBIG: return kFBig;
    case EHOSTUNREACH: return kHostUnreach;
    case EIDRM: return kIdrm;
    case EILSEQ: return kIlSeq;
    case EINPROGRESS: return kInProgress;
    case EINTR: return kIntr;
    case EINVAL: return kInval;
    case EIO: return kIo;
    case EISCONN: return kIsConn;
    case EISDIR: return kIsDir;
    case ELOOP: return kLoop;
    case EMFILE: return kMFile;
    case EMLINK: return kMLink;
    case EMSGSIZE: return kMsgSize;
    case EMULTIHOP: return kMultihop;
    case ENAMETOOLONG: return kNameTooLong;
    case ENETDOWN: return kNetDown;
    case ENETRESET: return kNetReset;
    case ENETUNREACH: return kNetUnreach;
    case ENFILE: return kNFile;
    case ENOBUFS: return kNoBufs;
    case ENODEV: return kNoDev;
    case ENOENT: return kNoEnt;
    case ENOEXEC: return kNoExec;
    case ENOLCK: return kNoLck;
    case ENOLINK: return kNoLink;
    case ENOMEM: return kNoMem;
    case ENOMSG: return kNoMsg;
    case ENOPROTOOPT: return kNoProtoOpt;
    case ENOSPC: return kNoSpc;
    case ENOSYS: return kNoSys;
    case ENOTCONN: return kNotConn;
    case ENOTDIR: return kNotDir;
    case ENOTEMPTY: return kNotEmpty;
    case ENOTRECOVERABLE: return kNotRecoverable;
    case ENOTSOCK: return kNotSock;
    case ENOTSUP: return kNotSup;
#if EOPNOTSUPP != ENOTSUP
    case EOPNOTSUPP: return kNotSup;
#endif
    case ENOTTY: return kNoTty;
    case ENXIO: return kNxio;
    case EOVERFLOW: return kOverflow;
    case EOWNERDEAD: return kOwnerDead;
    case EPERM: return kPerm;
    case EPIPE: return kPipe;
    case EPROTO: return kProto;
    case EPROTONOSUPPORT: return kProtoNoSupport;
    case EPROTOTYPE: return kProtoType;
    case ERANGE: return kRange;
    case EROFS: return kRofs;
    case ESPIPE: return kSPipe;
    case ESRCH: return kSrch;
    case ESTALE: return kStale;
    case ETIMEDOUT: return kTimedOut;
    case ETXTBSY: return kTxtBsy;
    case EXDEV: return kXDev;
    default: return kIo;  // an error with no WASI counterpart is still an I/O failure
  }
}

Errno last_error() noexcept { return from_errno(errno); }

FileType filetype_from_mode(mode_t mode) noexcept {
  if (S_ISREG(mode)) return kFileTypeRegularFile;
  if (S_ISDIR(mode)) return kFileTypeDirectory;
  if (S_ISCHR(mode)) return kFileTypeCharacterDevice;
  if (S_ISBLK(mode)) return kFileTypeBlockDevice;
  if (S_ISLNK(mode)) return kFileTypeSymbolicLink;
  if (S_ISSOCK(mode)) return kFileTypeSocketStream;
  return kFileTypeUnknown;  // FIFOs have no WASI file type
}

namespace {
timespec time_arg(uint64_t ns, uint16_t flags, uint16_t set_flag, uint16_t now_flag) {
  timespec ts;
  ts.tv_sec = 0;
  if (flags & now_flag) {
    ts.tv_nsec = UTIME_NOW;
  } else if (flags & set_flag) {
    ts.tv_sec = time_t(ns / 1000000000ull);
    ts.tv_nsec = long(ns % 1000000000ull);
  } else {
    ts.tv_nsec = UTIME_OMIT;
  }
  return ts;
}
}  // namespace

void make_times(uint64_t atim, uint64_t mtim, uint16_t flags, timespec out[2]) noexcept {
  out[0] = time_arg(atim, flags, kFstflagAtim, kFstflagAtimNow);
  out[1] = time_arg(mtim, flags, kFstflagMtim, kFstflagMtimNow);
}

void fill_stat(const struct stat& st, platform::FileStat* out) noexcept {
  out->dev = uint64_t(st.st_dev);
  out->ino = uint64_t(st.st_ino);
  out->nlink = uint64_t(st.st_nlink);
  out->size = uint64_t(st.st_size);
  out->filetype = filetype_from_mode(st.st_mode);
#if defined(__APPLE__)
  out->atim = to_ns(st.st_atimespec);
  out->mtim = to_ns(st.st_mtimespec);
  out->ctim = to_ns(st.st_ctimespec);
#else
  out->atim = to_ns(st.st_atim);
  out->mtim = to_ns(st.st_mtim);
  out->ctim = to_ns(st.st_ctim);
#endif
}

}  // namespace posix
}  // namespace wasi
}  // namespace ember
