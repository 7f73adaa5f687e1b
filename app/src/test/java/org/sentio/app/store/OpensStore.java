package org.sentio.app.store;

import java.nio.file.Path;

/** A child process for kill tests: opens (migrates and encrypts) the store in folder args[0]. */
public final class OpensStore {
  private OpensStore() {}

  public static void main(String[] args) throws StoreException {
    try (SessionStore store = SessionStore.open(Path.of(args[0]))) {
      System.out.println("opened " + store.databaseFile());
    }
  }
}
