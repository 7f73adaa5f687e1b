@echo off
rem Runs Sentio on Windows: the command line with arguments (see sentio --help).
rem Builds the project first when it has not been built.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%app\target\sentio-app.jar"
where java >nul 2>nul || (echo sentio: Java 17 or newer is needed 1>&2 & exit /b 1)
if not exist "%JAR%" (
  echo sentio: building ^(first run^)... 1>&2
  pushd "%ROOT%"
  call mvn -B -q -DskipTests -Dspotless.check.skip=true -Djavacpp.platform=windows-x86_64 package -pl app -am 1>&2 || (popd & exit /b 1)
  popd
)
if not defined SENTIO_JAVA_OPTS set "SENTIO_JAVA_OPTS=-Xmx1g"
java %SENTIO_JAVA_OPTS% -Dsentio.home="%ROOT%." -jar "%JAR%" %*
