package org.sentio.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Local files for FFmpeg and the transcript readers: a file on the local file system is used where
 * it lies; one on HDFS, S3 or another remote file system is copied to a temporary folder while it
 * is hashed, and the folder is deleted on {@link #close()}.
 */
final class LocalCopies implements AutoCloseable {
  private final Configuration hadoop;
  private final Map<Path, java.nio.file.Path> copies = new HashMap<>();
  private java.nio.file.Path folder;

  LocalCopies(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  /** Where the bytes of {@code source} read for hashing go: a local copy, or nowhere. */
  OutputStream copyFor(Path source) throws IOException {
    FileSystem fs = source.getFileSystem(hadoop);
    if ("file".equals(fs.getScheme())) {
      return OutputStream.nullOutputStream();
    }
    if (folder == null) {
      folder = Files.createTempDirectory("sentio-archive-");
    }
    java.nio.file.Path copy = folder.resolve(copies.size() + "-" + source.getName());
    copies.put(source, copy);
    return Files.newOutputStream(copy);
  }

  /** The local file to analyse for {@code source}, after {@link #copyFor}. */
  java.nio.file.Path localPath(Path source) throws IOException {
    java.nio.file.Path copy = copies.get(source);
    if (copy != null) {
      return copy;
    }
    FileSystem fs = source.getFileSystem(hadoop);
    return java.nio.file.Path.of(fs.makeQualified(source).toUri());
  }

  @Override
  public void close() throws IOException {
    if (folder == null) {
      return;
    }
    try (Stream<java.nio.file.Path> files = Files.walk(folder)) {
      for (java.nio.file.Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
