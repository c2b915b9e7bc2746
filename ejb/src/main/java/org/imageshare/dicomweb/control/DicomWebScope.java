// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.control;

import java.util.Optional;
import java.util.Set;

/**
 * The studies one DICOMweb request may reach: every study in the index (staff) or exactly a set of studies
 * (a share link's grant). Outside the scope a study is "not found", like an unknown one, and QIDO does not
 * list it.
 *
 * @param studyInstanceUids empty = every study; else only these
 */
public record DicomWebScope(Optional<Set<String>> studyInstanceUids) {

    private static final DicomWebScope ALL = new DicomWebScope(Optional.empty());

    public DicomWebScope {
        studyInstanceUids = studyInstanceUids.map(Set::copyOf);
    }

    /** Every study of the index. */
    public static DicomWebScope all() {
        return ALL;
    }

    /** Only these studies. */
    public static DicomWebScope only(Set<String> studyInstanceUids) {
        return new DicomWebScope(Optional.of(studyInstanceUids));
    }

    public boolean covers(String studyInstanceUid) {
        return studyInstanceUid != null && studyInstanceUids.map(s -> s.contains(studyInstanceUid)).orElse(true);
    }
}
