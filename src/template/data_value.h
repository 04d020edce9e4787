// Data trees (front-matter params, config params, data files, JSON contexts)
// as template Values, without copying: scalars become Values directly
// (strings borrow the Data's bytes), arrays and objects become host objects
// that read the tree on demand. Objects behave like Python dicts (iteration
// yields keys, items()/keys()/values(), dictsort), arrays like lists.
//
// The Data must outlive every render that sees the Value.
// Thread-safety: read-only views; safe from any number of threads.
#pragma once

#include "core/data.h"
#include "template/value.h"

namespace bengal::tmpl {

Value data_value(const Data& data);

}  // namespace bengal::tmpl
