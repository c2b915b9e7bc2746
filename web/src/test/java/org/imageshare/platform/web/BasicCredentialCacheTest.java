// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.imageshare.staff.control.StaffCredentialsChanged;
import org.junit.jupiter.api.Test;

class BasicCredentialCacheTest {

    private final BasicCredentialCache cache = new BasicCredentialCache();

    @Test
    void rememberedCredentialsAreFoundOnlyForTheExactHeader() {
        cache.remember("YWRtaW46c2VjcmV0", "admin");

        assertThat(cache.find("YWRtaW46c2VjcmV0")).contains("admin");
        assertThat(cache.find("YWRtaW46c2VjcmV1")).isEmpty();
    }

    @Test
    void aPasswordChangeForgetsThatUserAtOnce() {
        cache.remember("YWRtaW46c2VjcmV0", "admin");
        cache.remember("ZGVzazpwYXNz", "desk");

        cache.forget(new StaffCredentialsChanged("admin"));

        assertThat(cache.find("YWRtaW46c2VjcmV0")).isEmpty();
        assertThat(cache.find("ZGVzazpwYXNz")).contains("desk");
    }
}
