# SPDX-License-Identifier: GPL-3.0-or-later
# Installation of the desktop integration and the Debian package (CPack, DEB generator).
# Files come from packaging/ (.desktop, metainfo, MIME, man pages, the Debian copyright file)
# and resources/ (the icons, named by WS_APP_ID); the PNG icons and the man page of
# weightscope-cli are generated in the build tree.
include(GNUInstallDirs)

set(WS_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(WS_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/weightscope)
# Debian's python3 (only the standard library is used), ahead of any other on PATH.
find_program(WS_PYTHON3 python3 HINTS /usr/bin REQUIRED)

# Man pages: weightscope-cli's is built from its own --help; Debian wants them gzipped (-9n).
set(WS_MAN_CLI ${PROJECT_BINARY_DIR}/packaging/weightscope-cli.1)
add_custom_command(OUTPUT ${WS_MAN_CLI} ${WS_MAN_CLI}.gz ${PROJECT_BINARY_DIR}/packaging/weightscope.1.gz
  COMMAND ${WS_PYTHON3} ${PROJECT_SOURCE_DIR}/tools/make_manpage.py
          $<TARGET_FILE:weightscope-cli> ${WS_PACKAGING_DIR}/weightscope-cli.1.in ${WS_MAN_CLI} ${PROJECT_VERSION}
  COMMAND gzip -9nf -k ${WS_MAN_CLI}
  COMMAND gzip -9nc ${WS_PACKAGING_DIR}/weightscope.1 > ${PROJECT_BINARY_DIR}/packaging/weightscope.1.gz
  DEPENDS weightscope-cli ${PROJECT_SOURCE_DIR}/tools/make_manpage.py
          ${WS_PACKAGING_DIR}/weightscope-cli.1.in ${WS_PACKAGING_DIR}/weightscope.1
  COMMENT "Writing the man pages"
  VERBATIM)
add_custom_target(ws_man ALL DEPENDS ${WS_MAN_CLI}.gz)
install(FILES ${WS_MAN_CLI}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# qt_standard_project_setup() gives every executable an install RPATH of $ORIGIN:$ORIGIN/../lib;
# both programs link only system libraries, and Debian policy forbids needless RPATHs.
set_target_properties(weightscope-cli PROPERTIES INSTALL_RPATH "")
if(WS_BUILD_GUI)
  set_target_properties(weightscope PROPERTIES INSTALL_RPATH "")
endif()

install(FILES README.md CHANGELOG.md docs/cli.md docs/file-formats.md docs/user-guide.md
  DESTINATION ${WS_DOC_DIR})
install(DIRECTORY docs/screenshots DESTINATION ${WS_DOC_DIR}) # the guide shows them
# Debian policy 12.5: the copyright file, machine-readable (DEP-5), naming GPL-3.0-or-later and
# the licences of what is compiled in or linked; the full GPL text is /usr/share/common-licenses/GPL-3.
install(FILES ${WS_PACKAGING_DIR}/copyright DESTINATION ${WS_DOC_DIR})

# A native package's Debian changelog (policy 12.7); the history itself is CHANGELOG.md.
string(TIMESTAMP WS_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC) # honours SOURCE_DATE_EPOCH
file(WRITE ${PROJECT_BINARY_DIR}/packaging/changelog
  "weightscope (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
  "  * Release ${PROJECT_VERSION}; see /usr/share/doc/weightscope/CHANGELOG.md.\n\n"
  " -- Weightscope developers <dev@weightscope.invalid>  ${WS_CHANGELOG_DATE}\n")
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  COMMAND gzip -9nf -k ${PROJECT_BINARY_DIR}/packaging/changelog
  DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog VERBATIM)
add_custom_target(ws_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz DESTINATION ${WS_DOC_DIR})

if(WS_BUILD_GUI)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/weightscope.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${WS_PACKAGING_DIR}/${WS_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
  install(FILES ${WS_PACKAGING_DIR}/${WS_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo)
  install(FILES ${WS_PACKAGING_DIR}/${WS_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/mime/packages
    RENAME ${WS_APP_ID}.xml)

  # Icons from resources/ (resources/CMakeLists.txt renders the PNGs into the build tree).
  install(FILES ${WS_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps)
  foreach(size IN LISTS WS_ICON_SIZES)
    install(FILES ${WS_ICON_PNG_DIR}/${size}x${size}/${WS_APP_ID}.png
      DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
endif()

if(WS_ARCH)
  message(WARNING "WS_ARCH=${WS_ARCH}: a package from this build runs only on such CPUs; use the release preset")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME weightscope)
set(CPACK_PACKAGE_VENDOR "Weightscope developers")
set(CPACK_PACKAGE_CONTACT "Weightscope developers <dev@weightscope.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "workbench for neural-network weights")
# Lines under 80 columns (Debian policy 5.6.13; lintian's extended-description-line-too-long).
set(CPACK_PACKAGE_DESCRIPTION
  "Weightscope opens neural-network weight files (safetensors, NumPy, Keras)\n\
and shows the tensors and metadata inside them, trains small networks in a\n\
2-D playground while drawing the decision boundary and the loss, and\n\
compares runs. weightscope-cli trains, evaluates, inspects and exports\n\
models from the command line. Nothing a file contains is executed.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://weightscope.github.io/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # weightscope_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends: from dpkg-shlibdeps on the installed binaries
# Qt's own translations of its dialogs; OpenBLAS for the spectrum and the health report: Depends
# names liblapack3 | liblapack.so.3 (dpkg-shlibdeps), which the reference LAPACK satisfies, but the
# reference BLAS under it is unblocked and single-threaded, several times slower than OpenBLAS,
# which the alternatives system then puts behind libblas.so.3 and liblapack.so.3 (docs/benchmarks.md).
# Fashion-MNIST for `--dataset fashion-mnist`.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, libopenblas0")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "dataset-fashion-mnist")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
include(CPack)
