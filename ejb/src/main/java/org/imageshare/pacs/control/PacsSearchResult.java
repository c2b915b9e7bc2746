// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import java.util.List;

/** A C-FIND's answer: the studies (newest first) and whether the PACS had more than the limit. */
public record PacsSearchResult(String pacs, List<PacsStudyView> studies, boolean truncated)
        implements java.io.Serializable {
}
