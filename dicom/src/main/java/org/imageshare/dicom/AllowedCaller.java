// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the calling-AE allow-list: an AE title, optionally bound to a host (name or IP
 * literal). AE titles compare exactly, after removing leading and trailing spaces.
 */
public record AllowedCaller(String aeTitle, Optional<String> host) {

    public AllowedCaller {
        aeTitle = AeTitles.requireValid(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        host = host.map(String::strip).filter(h -> !h.isEmpty());
    }

    /** Any host may use this AE title. */
    public static AllowedCaller anyHost(String aeTitle) {
        return new AllowedCaller(aeTitle, Optional.empty());
    }

    /** Only {@code host} (a name or an IP literal) may use this AE title. */
    public static AllowedCaller onHost(String aeTitle, String host) {
        return new AllowedCaller(aeTitle, Optional.of(Objects.requireNonNull(host, "host")));
    }

    /**
     * True if an association from {@code remote} calling itself {@code callingAeTitle} matches this
     * entry. A host name is resolved at each check; a name that does not resolve matches nothing.
     */
    public boolean matches(String callingAeTitle, InetAddress remote) {
        if (!aeTitle.equals(callingAeTitle.strip())) {
            return false;
        }
        if (host.isEmpty()) {
            return true;
        }
        try {
            for (InetAddress candidate : InetAddress.getAllByName(host.get())) {
                if (candidate.equals(remote)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
