// Included by every header of compiler/check/. Only targets that link pulsarc_check (CMakeLists.txt)
// define PULSARC_LAYER_CHECK, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_CHECK
#error "compiler/check/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
