// Included by every header of compiler/chart/. Only targets that link pulsarc_chart (CMakeLists.txt)
// define PULSARC_LAYER_CHART, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_CHART
#error "compiler/chart/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
