// Included by every header of compiler/review/. Only targets that link pulsarc_review (CMakeLists.txt)
// define PULSARC_LAYER_REVIEW, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_REVIEW
#error "compiler/review/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
