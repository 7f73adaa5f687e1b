package org.sentio.spark;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An S3 server on 127.0.0.1 in this JVM: S3Proxy over jclouds' in-memory blobstore, checking AWS
 * signatures (v2 and v4) against one access key. S3Proxy and its libraries (Guava 33, Jetty 11,
 * Netty, Logback) are loaded from its self-contained jar in a class loader of their own, so that
 * they neither replace nor see the versions on Spark's class path; this class talks to them through
 * reflection, in four calls.
 */
final class S3TestServer implements AutoCloseable {
  static final String ACCESS_KEY = "sentio-test-access";
  static final String SECRET_KEY = "sentio-test-secret";

  private final URLClassLoader loader;
  private final AutoCloseable blobContext;
  private final Object blobStore;
  private final Object proxy;
  private final int port;

  private S3TestServer(
      URLClassLoader loader, AutoCloseable blobContext, Object blobStore, Object proxy, int port) {
    this.loader = loader;
    this.blobContext = blobContext;
    this.blobStore = blobStore;
    this.proxy = proxy;
    this.port = port;
  }

  /** Starts the server on a free port; returns once it accepts requests. */
  static S3TestServer start() throws Exception {
    Path jar =
        Path.of(
            System.getProperty(
                "sentio.s3.server.jar",
                DirectRun.ROOT.resolve("spark/target/s3-test-server/s3proxy.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + ": S3Proxy's jar is missing; the spark module's build copies it (mvn test)");
    }
    URLClassLoader loader =
        new URLClassLoader(
            "s3-test-server",
            new URL[] {jar.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
    // jclouds finds its providers through the context class loader, and the server's threads
    // inherit it from the thread that starts them.
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    AutoCloseable blobContext = null;
    try {
      Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
      Class<?> blobStoreContext = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
      Class<?> blobStoreType = loader.loadClass("org.jclouds.blobstore.BlobStore");
      Object builder =
          contextBuilder.getMethod("newBuilder", String.class).invoke(null, "transient");
      blobContext =
          (AutoCloseable)
              contextBuilder.getMethod("build", Class.class).invoke(builder, blobStoreContext);
      Object blobStore = blobStoreContext.getMethod("getBlobStore").invoke(blobContext);

      Class<?> s3Proxy = loader.loadClass("org.gaul.s3proxy.S3Proxy");
      Class<?> proxyBuilder = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
      Class<?> authentication = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
      Object settings = s3Proxy.getMethod("builder").invoke(null);
      proxyBuilder.getMethod("blobStore", blobStoreType).invoke(settings, blobStore);
      proxyBuilder
          .getMethod("endpoint", URI.class)
          .invoke(settings, URI.create("http://127.0.0.1:0"));
      proxyBuilder
          .getMethod("awsAuthentication", authentication, String.class, String.class)
          .invoke(
              settings,
              authentication.getMethod("valueOf", String.class).invoke(null, "AWS_V2_OR_V4"),
              ACCESS_KEY,
              SECRET_KEY);
      Object proxy = proxyBuilder.getMethod("build").invoke(settings);
      // Jetty's start returns once the connector listens.
      s3Proxy.getMethod("start").invoke(proxy);
      String state = (String) s3Proxy.getMethod("getState").invoke(proxy);
      if (!"STARTED".equals(state)) {
        throw new IllegalStateException("S3Proxy did not start: " + state);
      }
      int port = (Integer) s3Proxy.getMethod("getPort").invoke(proxy);
      return new S3TestServer(loader, blobContext, blobStore, proxy, port);
    } catch (InvocationTargetException e) {
      closeQuietly(blobContext, loader);
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (Exception e) {
      closeQuietly(blobContext, loader);
      throw e;
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** {@code http://127.0.0.1:PORT}, for {@code fs.s3a.endpoint}. */
  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates a bucket, as an administrator would before the job runs. */
  void createBucket(String name) throws Exception {
    Class<?> location = loader.loadClass("org.jclouds.domain.Location");
    loader
        .loadClass("org.jclouds.blobstore.BlobStore")
        .getMethod("createContainerInLocation", location, String.class)
        .invoke(blobStore, null, name);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.getClass().getMethod("stop").invoke(proxy);
    } finally {
      closeQuietly(blobContext, loader);
    }
  }

  private static void closeQuietly(AutoCloseable blobContext, URLClassLoader loader) {
    try {
      if (blobContext != null) {
        blobContext.close();
      }
    } catch (Exception e) {
      // Closing after a failed start or a stop: the first failure is the one to report.
    } finally {
      try {
        loader.close();
      } catch (IOException e) {
        // The jar stays open until this JVM ends; nothing else reads it.
      }
    }
  }
}
