# The JVM options of the installed launcher, shared by build.sh on every OS (sourced, not run).
# $APPDIR is expanded by the jpackage launcher to the image's application folder (lib/app on
# Linux, app on Windows, Contents/app on macOS). Every native library is unpacked there at build
# time, so nothing is extracted to the temp folder or the home folder at start:
#  - ONNX Runtime loads libonnxruntime and its JNI library from onnxruntime.native.path;
#  - SQLite JDBC loads its library from org.sqlite.lib.path (name from org.sqlite.lib.name);
#  - JavaCPP (FFmpeg, OpenCV, OpenBLAS) looks in java.library.path first (pathsFirst), so it has
#    no library to unpack;
#  - what libraries still unpack at run time (JavaCPP's resources such as OpenCV's cascades) goes
#    to the per-user cache folder that org.sentio.app.UserCache sets at start, never into the
#    image: the installation folder belongs to the package manager (an installed copy run as root
#    wrote JavaCPP's cache into /opt/sentio, which dpkg then could not remove);
#  - sentio.home is where resources/ (models, lexicons, demo) lies.
sentio_java_options() {
  local native_lib="$1"   # file name of SQLite JDBC's native library on this OS
  printf '%s\n' \
    "-Dsentio.home=\$APPDIR" \
    "-Donnxruntime.native.path=\$APPDIR/native" \
    "-Dorg.sqlite.lib.path=\$APPDIR/native" \
    "-Dorg.sqlite.lib.name=$native_lib" \
    "-Djava.library.path=\$APPDIR/native" \
    "-Dorg.bytedeco.javacpp.pathsFirst=true"
}
