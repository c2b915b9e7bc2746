// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a DCMTK association configuration (storescu -xf) whose profile "Test" proposes, for each
 * file, its own SOP class in its own transfer syntax, so compressed objects are sent as they are.
 */
final class StorescuConfig {

    static final String PROFILE = "Test";

    private StorescuConfig() {
    }

    static Path write(Path target, List<Part10Files> files) throws IOException {
        Set<String> syntaxes = new LinkedHashSet<>();
        Set<String> pairs = new LinkedHashSet<>();
        for (Part10Files f : files) {
            syntaxes.add(f.transferSyntax());
            pairs.add(f.sopClass() + "|" + f.transferSyntax());
        }
        List<String> ts = new ArrayList<>(syntaxes);
        StringBuilder sb = new StringBuilder("[[TransferSyntaxes]]\n");
        for (int i = 0; i < ts.size(); i++) {
            sb.append("[TS").append(i + 1).append("]\nTransferSyntax1 = ").append(ts.get(i)).append('\n');
        }
        sb.append("[[PresentationContexts]]\n[Contexts]\n");
        int n = 1;
        for (String pair : pairs) {
            String[] p = pair.split("\\|");
            sb.append("PresentationContext").append(n++).append(" = ").append(p[0]).append("\\TS")
                    .append(ts.indexOf(p[1]) + 1).append('\n');
        }
        if (n > 129) {
            throw new IllegalStateException("more than 128 presentation contexts");
        }
        sb.append("[[Profiles]]\n[").append(PROFILE).append("]\nPresentationContexts = Contexts\n");
        Files.writeString(target, sb.toString());
        return target;
    }
}
