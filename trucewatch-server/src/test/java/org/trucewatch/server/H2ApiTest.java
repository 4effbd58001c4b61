package org.trucewatch.server;

import java.nio.file.Files;
import org.trucewatch.store.Store;

/** The API over the embedded H2 store. */
class H2ApiTest extends ApiContract {
  @Override
  Store openStore() throws Exception {
    return Store.open(Files.createTempDirectory("trucewatch-api-").toString());
  }
}
