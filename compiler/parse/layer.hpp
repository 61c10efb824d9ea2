// Included by every header of compiler/parse/. Only targets that link pulsarc_parse (CMakeLists.txt)
// define PULSARC_LAYER_PARSE, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_PARSE
#error "compiler/parse/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
