# Every third-party dependency comes from a Debian package (scripts/deps.sh).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(fmt CONFIG REQUIRED)                 # fmt::fmt
find_package(tomlplusplus CONFIG REQUIRED)        # tomlplusplus::tomlplusplus (shared lib)
find_package(CLI11 CONFIG REQUIRED)               # CLI11::CLI11 (header-only; main only)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)   # PkgConfig::XXHASH
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)          # PkgConfig::LZ4 (build cache texts)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)   # PkgConfig::LIBYAML
pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)         # PkgConfig::HTTPLIB (server)
if(BENGAL_MIMALLOC)
  find_package(mimalloc CONFIG REQUIRED)          # mimalloc (shared: replaces malloc process-wide)
endif()
find_package(simdjson CONFIG QUIET)               # simdjson::simdjson (data files)
if(BENGAL_TESTS)
  find_package(GTest CONFIG REQUIRED)             # GTest::gtest, GTest::gtest_main
endif()
if(BENGAL_BENCH)
  find_package(benchmark CONFIG REQUIRED)         # benchmark::benchmark
  find_package(md4c CONFIG QUIET)                 # md4c::md4c-html (benchmark/oracle only)
endif()
