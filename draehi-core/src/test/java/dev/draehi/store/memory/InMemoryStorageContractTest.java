package dev.draehi.store.memory;

import dev.draehi.store.Storage;
import dev.draehi.store.StorageContractTest;

class InMemoryStorageContractTest extends StorageContractTest {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}
