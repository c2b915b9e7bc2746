// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store handler like the application's: moves each file into a store directory. */
final class TestHandler implements StoreHandler {

    /** What to do for one SOP instance UID instead of storing it. */
    @FunctionalInterface
    interface Behaviour {
        StoreStatus apply(ReceivedObject object) throws StoreFailure;
    }

    final Path store;
    final List<ReceivedObject> received = new CopyOnWriteArrayList<>();
    final List<AssociationSummary> ended = new CopyOnWriteArrayList<>();
    final Map<String, Behaviour> special = new ConcurrentHashMap<>();

    TestHandler(Path store) {
        this.store = store;
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoreStatus stored(ReceivedObject object) throws StoreFailure {
        received.add(object);
        Behaviour b = special.get(object.sopInstanceUid());
        if (b != null) {
            return b.apply(object);
        }
        try {
            Files.move(object.file(), stored(object.sopInstanceUid()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreFailure(StoreFailure.Category.OUT_OF_RESOURCES, "move failed", e);
        }
        return StoreStatus.SUCCESS;
    }

    @Override
    public void associationEnded(AssociationSummary summary) {
        ended.add(summary);
    }

    Path stored(String sopInstanceUid) {
        return store.resolve(sopInstanceUid + ".dcm");
    }

    ReceivedObject byInstance(String sopInstanceUid) {
        return received.stream().filter(o -> o.sopInstanceUid().equals(sopInstanceUid)).findFirst().orElseThrow();
    }
}
