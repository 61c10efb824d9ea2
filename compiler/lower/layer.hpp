// Included by every header of compiler/lower/. Only targets that link pulsarc_lower (CMakeLists.txt)
// define PULSARC_LAYER_LOWER, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_LOWER
#error "compiler/lower/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
