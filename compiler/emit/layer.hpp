// Included by every header of compiler/emit/. Only targets that link pulsarc_emit (CMakeLists.txt)
// define PULSARC_LAYER_EMIT, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_EMIT
#error "compiler/emit/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
