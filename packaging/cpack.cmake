# The .deb (packaging/dev package runs cpack): Debian 13, built in the build root. dpkg-shlibdeps
# computes the library dependencies; the plugins it cannot see are named explicitly: the QCA
# OpenSSL provider (all of jwtflow's signing and verifying) and the Qt platform plugins (xcb,
# wayland). Included at the end of the top-level CMakeLists.txt, after every install rule.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jwtflow)
set(CPACK_PACKAGE_VENDOR "The jwtflow developers")
set(CPACK_PACKAGE_CONTACT "The jwtflow developers <jwtflow@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION # apt shows these lines as they are: under 80 columns
  "jwtflow composes and signs the assertion of the OAuth 2.0 JWT bearer flow,
exchanges it and explains what is wrong when the token endpoint answers
invalid_grant, first of all for Salesforce connected apps. It also decodes
and verifies any JWT, such as an id_token.
This package holds the Qt window (jwtflow) and the command-line tool
(jwtflow-cli).")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # jwtflow_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqca-qt6-plugins, qt6-qpa-plugins")
include(CPack)
