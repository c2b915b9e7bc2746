// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DerivedConfigSourceTest {

    @Test
    void theDataSourceClassFollowsTheUrl() {
        assertThat(DerivedConfigSource.dataSourceClassFor("jdbc:postgresql://db:5432/imageshare"))
                .isEqualTo("org.postgresql.ds.PGSimpleDataSource");
        assertThat(DerivedConfigSource.dataSourceClassFor("jdbc:h2:file:/x")).isEqualTo("org.h2.jdbcx.JdbcDataSource");
        assertThatThrownBy(() -> DerivedConfigSource.dataSourceClassFor("jdbc:mysql://x"))
                .hasMessageContaining("IMAGESHARE_DB_URL");
    }

    @Test
    void withoutADatabaseUrlTheEmbeddedH2LivesUnderTheAbsoluteDataDirectory() {
        System.setProperty("imageshare.data.dir", "target/derived-test");
        try {
            DerivedConfigSource source = new DerivedConfigSource();
            String dataDir = source.getValue("imageshare.data.dir.absolute");
            assertThat(Path.of(dataDir).isAbsolute()).isTrue();
            assertThat(dataDir).endsWith("/target/derived-test");
            assertThat(source.getValue("imageshare.db.url")).startsWith("jdbc:h2:file:" + dataDir + "/db/")
                    .contains(";WRITE_DELAY=100").contains(";LOCK_TIMEOUT=10000");
            assertThat(source.getValue("imageshare.broker.url")).contains("broker.dataDirectory=" + dataDir + "/broker");
        } finally {
            System.clearProperty("imageshare.data.dir");
        }
    }
}
