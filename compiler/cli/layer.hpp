// Included by every header of compiler/cli/. Only targets that link pulsarc_cli (CMakeLists.txt)
// define PULSARC_LAYER_CLI, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_CLI
#error "compiler/cli/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
