// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One object received by C-STORE and written completely to a temporary file.
 *
 * @param associationId     the listener-unique number of the association it came on
 * @param callingAeTitle    the sender's AE title
 * @param remote            the sender's address
 * @param sopClassUid       Affected SOP Class UID of the request (equal to the data set's)
 * @param sopInstanceUid    Affected SOP Instance UID of the request (equal to the data set's)
 * @param transferSyntaxUid the transfer syntax the data set was received and stored in
 * @param file              the temporary Part 10 file; the handler moves it, the adapter deletes
 *                          what is left
 * @param fileSize          its size in bytes
 * @param header            the parsed attributes for the index
 */
public record ReceivedObject(long associationId, String callingAeTitle, InetSocketAddress remote,
                             String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                             Path file, long fileSize, DicomHeader header) {

    public ReceivedObject {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
    }

    @Override
    public String toString() {
        return "ReceivedObject[association=" + associationId + ", from=" + callingAeTitle
                + ", sopInstance=" + sopInstanceUid + ", ts=" + transferSyntaxUid + "]";
    }
}
