# Used by bench/run.sh only while the top-level CMakeLists.txt has no PULSARC_BENCH option:
# passed as CMAKE_PROJECT_INCLUDE, it includes bench/CMakeLists.txt once the top level has
# defined pulsarc_core (a deferred call may not add a subdirectory, but it may include a file).
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL include ${CMAKE_SOURCE_DIR}/bench/CMakeLists.txt)
