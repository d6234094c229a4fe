# Obtains JASPAR CORE vertebrates (pfm_vertebrates.txt, 205 matrices) from Debian's
# r-bioc-pwmenrich package at configure time, without installing R, and places it in
# build/share/motifloom/. The file is third-party data: it is never committed to the repo.
set(_jaspar_name pfm_vertebrates.txt)
set(_jaspar_dest ${MOTIFLOOM_DATA_BUILD_DIR}/${_jaspar_name})
set(_jaspar_rel usr/lib/R/site-library/PWMEnrich/extdata/${_jaspar_name})

if(NOT EXISTS ${_jaspar_dest})
  file(MAKE_DIRECTORY ${MOTIFLOOM_DATA_BUILD_DIR})
  if(EXISTS /${_jaspar_rel})
    # The R package is installed: use its copy.
    file(COPY_FILE /${_jaspar_rel} ${_jaspar_dest})
  else()
    set(_work ${CMAKE_BINARY_DIR}/_jaspar_download)
    file(REMOVE_RECURSE ${_work})
    file(MAKE_DIRECTORY ${_work})
    message(STATUS "Fetching JASPAR matrices: apt-get download r-bioc-pwmenrich")
    execute_process(COMMAND apt-get download r-bioc-pwmenrich
                    WORKING_DIRECTORY ${_work} RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
    file(GLOB _debs ${_work}/r-bioc-pwmenrich_*.deb)
    if(NOT _rc EQUAL 0 OR NOT _debs)
      message(FATAL_ERROR
        "Could not download Debian package r-bioc-pwmenrich (needed for the JASPAR motif "
        "database). Run 'apt-get update' once, or run packaging/setup.sh, then configure again.")
    endif()
    list(GET _debs 0 _deb)
    execute_process(COMMAND dpkg-deb -x ${_deb} ${_work}/x RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0 OR NOT EXISTS ${_work}/x/${_jaspar_rel})
      message(FATAL_ERROR "dpkg-deb could not extract ${_jaspar_rel} from ${_deb}")
    endif()
    file(COPY_FILE ${_work}/x/${_jaspar_rel} ${_jaspar_dest})
    file(REMOVE_RECURSE ${_work})
  endif()
  message(STATUS "JASPAR matrices: ${_jaspar_dest}")
endif()
