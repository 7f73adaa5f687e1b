package org.sentio.app;

import java.io.FileOutputStream;
import java.io.IOException;
import java.net.SocketPermission;
import java.nio.charset.StandardCharsets;
import java.security.Permission;

/**
 * A security manager for a child JVM ({@code -Djava.security.manager=org.sentio.app.NoNetworkGuard}
 * on Java 17) that allows everything except the network: every socket connect, listen, accept and
 * even host name lookup (a {@link SocketPermission}) is written to the file named by {@code
 * sentio.test.network.log} with the stack that asked, and refused. Java code cannot open a socket
 * past it (java.net and NIO both ask it); native code could, which is why the test also checks that
 * no native library of Sentio is given a URL.
 */
public final class NoNetworkGuard extends SecurityManager {
  private final String log = System.getProperty("sentio.test.network.log");

  @Override
  public void checkPermission(Permission permission) {
    if (permission instanceof SocketPermission) {
      refuse(permission);
    }
  }

  @Override
  public void checkPermission(Permission permission, Object context) {
    checkPermission(permission);
  }

  private void refuse(Permission permission) {
    SecurityException refused =
        new SecurityException(
            "network access in an offline application: "
                + permission.getName()
                + " "
                + permission.getActions());
    if (log != null) {
      StringBuilder entry = new StringBuilder(refused.getMessage()).append('\n');
      for (StackTraceElement e : refused.getStackTrace()) {
        entry.append("    at ").append(e).append('\n');
      }
      try (FileOutputStream out = new FileOutputStream(log, true)) {
        out.write(entry.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + log, e);
      }
    }
    throw refused;
  }

  /** Tries one connect to a local port, for the test that shows the guard refusing it. */
  public static final class TriesToConnect {
    private TriesToConnect() {}

    public static void main(String[] args) throws IOException {
      try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", 9)) {
        System.out.println("connected");
      } catch (SecurityException refused) {
        System.out.println("refused");
      }
    }
  }
}
