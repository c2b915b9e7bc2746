// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address as throttling and audit see it: the socket peer, unless that peer is one of the
 * reverse proxies named in {@code IMAGESHARE_TRUSTED_PROXIES}; then the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Forwarded headers from anyone else are ignored,
 * so a client cannot pick its own address.
 */
@ApplicationScoped
public class ClientAddress {

    private final Set<String> trustedProxies;

    @Inject
    public ClientAddress(@ConfigProperty(name = "imageshare.trusted.proxies", defaultValue = " ") String proxies) {
        this.trustedProxies = Arrays.stream(proxies.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    ClientAddress() {
        this(" ");
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 45 ? hop.substring(0, 45) : hop;
            }
        }
        return peer;
    }
}
