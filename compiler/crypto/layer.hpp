// Included by every header of compiler/crypto/. Only targets that link pulsarc_crypto (CMakeLists.txt)
// define PULSARC_LAYER_CRYPTO, so an include that runs back up the pipeline fails to build.
#pragma once

#ifndef PULSARC_LAYER_CRYPTO
#error "compiler/crypto/ is not visible from this layer: nothing runs back up the pipeline (see CMakeLists.txt)"
#endif
