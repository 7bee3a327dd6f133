#include "ember/ember.h"

namespace ember {
const char* version() noexcept { return "0.1.0"; }
}  // namespace ember
