# Helpers shared by every component's CMakeLists.txt.
#
#   bengal_component(NAME SOURCES a.cc b.cc DEPS core other::target)
#     -> static library bengal_<NAME>, alias bengal::<NAME>, include root src/
#   bengal_tests(NAME SOURCES a_test.cc DEPS ...)
#     -> executable <NAME>_tests, every gtest registered with ctest

set(BENGAL_WARNINGS -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 reports -Wrestrict inside libstdc++'s own `"literal" + std::string&&`
  # (GCC bug 105329), which -Werror would turn into a failed build.
  list(APPEND BENGAL_WARNINGS -Wno-restrict)
endif()
if(BENGAL_WERROR)
  list(APPEND BENGAL_WARNINGS -Werror)
endif()

if(BENGAL_SANITIZE)
  add_compile_options(-fsanitize=${BENGAL_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${BENGAL_SANITIZE})
endif()

function(bengal_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(bengal_${name} STATIC ${ARG_SOURCES})
  add_library(bengal::${name} ALIAS bengal_${name})
  target_include_directories(bengal_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(bengal_${name} PRIVATE ${BENGAL_WARNINGS})
  foreach(dep ${ARG_DEPS})
    if(TARGET bengal::${dep})
      target_link_libraries(bengal_${name} PUBLIC bengal::${dep})
    else()
      target_link_libraries(bengal_${name} PUBLIC ${dep})
    endif()
  endforeach()
endfunction()

function(bengal_tests name)
  if(NOT BENGAL_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name}_tests ${ARG_SOURCES})
  target_compile_options(${name}_tests PRIVATE ${BENGAL_WARNINGS})
  target_compile_definitions(${name}_tests PRIVATE
    BENGAL_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    BENGAL_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  foreach(dep ${ARG_DEPS})
    if(TARGET bengal::${dep})
      target_link_libraries(${name}_tests PRIVATE bengal::${dep})
    else()
      target_link_libraries(${name}_tests PRIVATE ${dep})
    endif()
  endforeach()
  target_link_libraries(${name}_tests PRIVATE GTest::gtest_main)
  gtest_discover_tests(${name}_tests DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "BENGAL_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# bengal_embed(NAME DIR <dir> FUNCTION <fn>)
#   -> static library bengal_embed_<NAME> defining
#      std::span<const bengal::EmbeddedFile> bengal::embedded::<fn>()
#   holding every file under <dir> (re-generated when files change).
if(NOT TARGET bengal_embed_tool)
  add_executable(bengal_embed_tool ${PROJECT_SOURCE_DIR}/tools/embed.cc)
  # The generator must not carry sanitizer runtime requirements into the build step.
  target_compile_options(bengal_embed_tool PRIVATE -fno-sanitize=all)
  target_link_options(bengal_embed_tool PRIVATE -fno-sanitize=all)
endif()

function(bengal_embed name)
  cmake_parse_arguments(ARG "" "DIR;FUNCTION" "" ${ARGN})
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE ${ARG_DIR} ${ARG_DIR}/*)
  list(FILTER files EXCLUDE REGEX "(^|/)\\.")
  list(SORT files)
  set(abs_files "")
  foreach(f ${files})
    list(APPEND abs_files ${ARG_DIR}/${f})
  endforeach()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc)
  add_custom_command(OUTPUT ${out}
    COMMAND bengal_embed_tool ${out} ${ARG_FUNCTION} ${ARG_DIR} ${files}
    DEPENDS bengal_embed_tool ${abs_files}
    COMMENT "Embedding ${name}")
  add_library(bengal_embed_${name} STATIC ${out})
  target_include_directories(bengal_embed_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
