# The Debian package (bash packaging/deb.sh -> build/motifloom_<version>_amd64.deb), made by
# CPack's DEB generator from the install rules: the three programs (app/), the motif database
# (top-level CMakeLists.txt), the desktop files (resources/CMakeLists.txt) and, from here, the
# man pages, the bash completion of motifloom-cli and the Debian documentation files.
# Dependencies are computed by dpkg-shlibdeps from the programs' shared libraries; nothing is
# listed by hand (PyTorch is only an optional helper of the exported projects and the benchmark).

# packaging/debian/changelog names the version it describes: it must be this one.
file(STRINGS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog _changelog_head LIMIT_COUNT 1)
if(NOT _changelog_head MATCHES "^motifloom \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "packaging/debian/changelog starts with '${_changelog_head}': add an entry for "
                      "version ${PROJECT_VERSION} (the project's version) at its top")
endif()

set(_generated ${CMAKE_BINARY_DIR}/packaging)
set(_doc ${CMAKE_INSTALL_DATADIR}/doc/motifloom)

# Man pages from --help (Debian's help2man) and motifloom-cli's completion from its --help: built
# with the programs, so they always describe the options the programs have.
find_program(MOTIFLOOM_HELP2MAN help2man)
if(MOTIFLOOM_HELP2MAN)
  set(_man_pages)
  foreach(_entry "motifloom|the desktop lab for how convolutional networks learn DNA motifs"
                 "motifloom-cli|train, inspect and compare DNA motif CNNs from the command line"
                 "motifloom-bench|time MotifLoom's training epochs, optionally against PyTorch")
    string(REPLACE "|" ";" _entry "${_entry}")
    list(GET _entry 0 _program)
    list(GET _entry 1 _description)
    set(_page ${_generated}/man/${_program}.1.gz)
    add_custom_command(OUTPUT ${_page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_generated}/man
      COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/generate/man_page.sh $<TARGET_FILE:${_program}> ${_description} ${_page}
      DEPENDS ${_program} ${PROJECT_SOURCE_DIR}/packaging/generate/man_page.sh
      COMMENT "Man page of ${_program} (help2man)" VERBATIM)
    list(APPEND _man_pages ${_page})
  endforeach()
  add_custom_target(man_pages ALL DEPENDS ${_man_pages})
  install(FILES ${_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages, no Debian package (packaging/setup.sh installs it)")
endif()

set(_completion ${_generated}/bash-completion/motifloom-cli)
add_custom_command(OUTPUT ${_completion}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_generated}/bash-completion
  COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/generate/bash_completion.sh $<TARGET_FILE:motifloom-cli> ${_completion}
  DEPENDS motifloom-cli ${PROJECT_SOURCE_DIR}/packaging/generate/bash_completion.sh
  COMMENT "Bash completion of motifloom-cli" VERBATIM)
add_custom_target(bash_completion ALL DEPENDS ${_completion})
install(FILES ${_completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# Debian's documentation files: the machine-readable copyright and the changelog (gzip -9n:
# reproducible, as lintian asks).
set(_changelog ${_generated}/changelog.gz)
add_custom_command(OUTPUT ${_changelog}
  COMMAND sh -c "gzip -9n < \"$0\" > \"$1\"" ${PROJECT_SOURCE_DIR}/packaging/debian/changelog ${_changelog}
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog VERBATIM)
add_custom_target(debian_changelog ALL DEPENDS ${_changelog})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright ${_changelog} DESTINATION ${_doc})

# ---- CPack ---------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME motifloom)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The MotifLoom developers")
set(CPACK_PACKAGE_CONTACT "The MotifLoom developers <motifloom@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # motifloom_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/motifloom/motifloom)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-torch, python3-numpy")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# The synopsis, and the long description (CPack indents it; an empty line becomes " .").
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop lab for how neural networks learn DNA motifs")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "MotifLoom trains one-dimensional convolutional neural networks on DNA
sequences, on the processor, and shows what their first-layer filters
learn: sequence logos matched against the JASPAR database with a built-in
Tomtom. It reproduces the experiments of Koo and Eddy (PLoS Computational
Biology, 2019) on how max-pooling decides whether filters learn whole
motifs or fragments of them.

The package holds the desktop application (motifloom), the command-line
tool for scripted experiments (motifloom-cli) and the benchmark
(motifloom-bench). The engine picks AVX-512, AVX2 or baseline x86-64
kernels at run time.")
include(CPack)
