// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.util.List;

/**
 * A share link to these studies was created (fired in the share's transaction): the viewer prepares their
 * first images once it has committed, so that the physician's first opening finds them rendered.
 */
public record ShareCreated(List<String> studyInstanceUids) {

    public ShareCreated {
        studyInstanceUids = List.copyOf(studyInstanceUids);
    }
}
