// Ember: validation of all function bodies, in order or as jobs on the host's Config::executor.
// Either way the outcome is the same: the first invalid body (lowest index) decides the error.
// A build without jobs (EMBER_JOBS=0, firmware) keeps the in-order path alone; Module::load has
// refused an executor there before validation starts.
#include "ember/config.h"
#include "validate/func_validator.h"

namespace ember::detail {
namespace {

// Validates bodies [first, end) with one validator; stops at the first error, which it writes to
// *error.
bool validate_range(ModuleData& m, uint32_t first, uint32_t end, uint32_t* failed, Error* error) noexcept {
  FuncValidator validator(m);
  for (uint32_t i = first; i < end; ++i) {
    if (!validator.validate(i, error)) {
      *failed = i;
      return false;
    }
  }
  return true;
}

#if EMBER_JOBS
// Code per job: large enough that a job's set-up (its own validator and stacks) is noise, small
// enough that a few threads share a 50 MiB module evenly.
constexpr uint64_t kJobCodeBytes = 1u << 20;
constexpr uint32_t kMaxJobs = 256;

// One job: a contiguous run of bodies [first, end), and what validating it found.
struct BodyJob {
  uint32_t first = 0, end = 0;
  uint32_t failed = UINT32_MAX;  // the index of the body that failed, UINT32_MAX if none
  Error error;
};

struct BodyJobs {
  ModuleData* m = nullptr;
  BodyJob* jobs = nullptr;
  // The lowest job known to have failed (later jobs need not run: their errors cannot win), kept
  // as UINT32_MAX - index so that the running maximum RelaxedAtomic offers is the minimum index.
  RelaxedAtomic<uint32_t> lowest_failed_inverted{0};
  bool before_a_failure(uint32_t index) const noexcept {
    return UINT32_MAX - index > lowest_failed_inverted.load();
  }
  void note_failure(uint32_t index) noexcept { lowest_failed_inverted.raise_to(UINT32_MAX - index); }
};

void run_body_job(void* context, uint32_t index) noexcept {
  auto& all = *static_cast<BodyJobs*>(context);
  if (!all.before_a_failure(index)) return;
  BodyJob& job = all.jobs[index];
  if (!validate_range(*all.m, job.first, job.end, &job.failed, &job.error)) all.note_failure(index);
}

uint64_t code_bytes(const ModuleData& m) noexcept {
  uint64_t total = 0;
  for (const FunctionBody& b : m.bodies) total += b.body_size;
  return total;
}

// Splits the bodies into `count` runs of about equal code size.
void plan_jobs(const ModuleData& m, BodyJob* jobs, uint32_t count, uint64_t total) noexcept {
  const uint32_t n = uint32_t(m.bodies.size());
  uint32_t body = 0;
  uint64_t done = 0;
  for (uint32_t j = 0; j < count; ++j) {
    jobs[j].first = body;
    const uint64_t target = total * (j + 1) / count;
    while (body < n && (done < target || j + 1 == count)) done += m.bodies[body++].body_size;
    jobs[j].end = body;
  }
}

// The bodies as `count` jobs on the host's executor. Out of line, so that the serial path (the only
// one a host without an executor takes) carries none of its frame.
[[gnu::noinline]] bool validate_as_jobs(ModuleData& m, uint32_t count, uint64_t total, uint32_t* failed,
                                        Error* error) noexcept {
  Vec<BodyJob> jobs(&m.heap);
  if (!jobs.resize(count)) {
    *error = out_of_memory(m.heap, "the validation jobs");
    return false;
  }
  plan_jobs(m, jobs.data(), count, total);
  BodyJobs all;
  all.m = &m;
  all.jobs = jobs.data();
  m.config.executor.run(m.config.executor.context, count, run_body_job, &all);
  // Jobs are contiguous and in order, each stopping at its first error: the first failed job holds
  // the lowest failing body, and every body before it validated.
  for (uint32_t j = 0; j < count; ++j) {
    if (jobs[j].error) {
      *failed = jobs[j].failed;
      *error = jobs[j].error;
      return false;
    }
  }
  return true;
}

#endif  // EMBER_JOBS

}  // namespace

bool validate_bodies(ModuleData& m, uint32_t* failed, Error* error) noexcept {
  const uint32_t n = uint32_t(m.bodies.size());
#if !EMBER_JOBS
  return validate_range(m, 0, n, failed, error);
#else
  if (!m.config.executor.run) return validate_range(m, 0, n, failed, error);
  const uint64_t total = code_bytes(m);
  uint64_t wanted = total / kJobCodeBytes;
  if (wanted > kMaxJobs) wanted = kMaxJobs;
  if (wanted > n) wanted = n;
  if (wanted < 2) return validate_range(m, 0, n, failed, error);
  return validate_as_jobs(m, uint32_t(wanted), total, failed, error);
#endif
}

}  // namespace ember::detail
