/* JSON Lines records, read as petition-add and the key readers do. */
#define FUZZ_FORMAT PT_FMT_JSONL
#include "records.h"
