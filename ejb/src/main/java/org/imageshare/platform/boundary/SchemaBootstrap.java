// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.lang.System.Logger.Level;
import java.util.List;
import javax.sql.DataSource;
import org.imageshare.platform.schema.SchemaMigrator;

/** Brings the schema up to date before anything else touches the database; a failure stops the start. */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaBootstrap {

    private static final System.Logger LOG = System.getLogger(SchemaBootstrap.class.getName());

    @Resource(lookup = ResourceDefinitions.DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        List<Integer> applied = new SchemaMigrator(SchemaMigrator.class.getClassLoader()).migrate(dataSource);
        LOG.log(Level.INFO, "Database schema up to date; applied now: {0}", applied);
    }
}
